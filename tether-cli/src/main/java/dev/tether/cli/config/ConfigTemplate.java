package dev.tether.cli.config;

/** The {@code config.toml} written on first run: every key present, commented out, with its default and help. */
public final class ConfigTemplate {
  private ConfigTemplate() {}

  public static String text() {
    StringBuilder b = new StringBuilder();
    b.append("""
        # Tether configuration: every key, with its default, commented out. Uncomment a line to change it.
        # Tether never overwrites this file. Other *.toml files in this directory (drop-ins such as
        # 10-machine.toml) are read after it in alphabetical order and win over it.
        # Precedence: flags > TETHER_* environment > later drop-ins > earlier drop-ins > this file > defaults.
        # Sizes are written like "18GB" or "20GiB", token counts like "64k", durations like "30s" or "10m".
        # `tether config show` prints the effective configuration and where each value came from.
        """);
    String section = null;
    for (Key key : Schema.KEYS) {
      if (key.path().startsWith(Schema.BACKENDS + ".") || key.path().startsWith(Schema.CLAUDE_ENV + ".")) {
        continue;
      }
      if (!key.section().equals(section)) {
        section = key.section();
        b.append("\n[").append(section).append("]\n");
      }
      b.append("# ").append(key.help());
      if (key.env() != null || key.flag() != null) {
        b.append(" (");
        if (key.flag() != null) {
          b.append("flag ").append(key.flag());
        }
        if (key.env() != null) {
          b.append(key.flag() != null ? ", " : "").append("env ").append(key.env());
        }
        b.append(')');
      }
      b.append("\n# ").append(key.name()).append(" = ").append(key.kind().toToml(key.defaultValue())).append('\n');
    }
    b.append("""

        # Extra environment for claude when `tether` launches it.
        # [claude.env]
        # DISABLE_AUTOUPDATER = "1"

        # Backends: where requests go. `--upstream URL` on the command line adds one named "openai" in
        # front of these. The first backend answers model names that no route matches.
        # [backends.ollama]
        """);
    example(b, "type", "\"openai\"");
    example(b, "urls", "[\"http://localhost:11434/v1\"]");
    example(b, "api_key_env", "\"OLLAMA_API_KEY\"");
    example(b, "model", "\"qwen2.5-coder:7b\"");
    example(b, "context_length", "\"32k\"");
    example(b, "reasoning", "false");
    b.append("# ").append(help("models.*")).append('\n');
    b.append("""
        # [backends.ollama.models]
        # "fast" = "qwen2.5-coder:1.5b"
        #
        # [backends.claude]
        # type = "anthropic"
        # urls = ["https://api.anthropic.com"]
        # api_key_env = "ANTHROPIC_API_KEY"
        """);
    return b.toString();
  }

  private static void example(StringBuilder b, String field, String value) {
    b.append("# ").append(help(field)).append("\n# ").append(field).append(" = ").append(value).append('\n');
  }

  private static String help(String field) {
    return Schema.key(Schema.BACKENDS + ".*." + field).help();
  }
}
