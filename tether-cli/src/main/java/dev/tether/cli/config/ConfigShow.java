package dev.tether.cli.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders the effective configuration as TOML with each value's source as a trailing comment. */
public final class ConfigShow {
  private ConfigShow() {}

  public static String render(Config config, boolean showSecrets) {
    StringBuilder b = new StringBuilder();
    b.append("# Effective configuration. Precedence: flags > TETHER_* environment > drop-ins > config.toml > defaults.\n");
    b.append("# Files read: ").append(config.files().isEmpty() ? "none" : String.join(", ",
        config.files().stream().map(Object::toString).toList())).append('\n');
    String section = null;
    List<String[]> rows = new ArrayList<>();
    for (Map.Entry<String, Config.Entry> e : config.entries().entrySet()) {
      String path = e.getKey();
      int dot = sectionEnd(path);
      String sec = path.substring(0, dot);
      if (!sec.equals(section)) {
        flush(b, rows);
        section = sec;
        b.append("\n[").append(sec).append("]\n");
      }
      String name = path.substring(dot + 1);
      Key key = Schema.find(path).orElseThrow();
      String value = secret(path) && !showSecrets && !String.valueOf(e.getValue().value()).isEmpty()
          ? "\"<redacted: --show-secrets>\""
          : key.kind().toToml(e.getValue().value());
      rows.add(new String[] {tomlKey(name) + " = " + value, e.getValue().source().toString()});
    }
    flush(b, rows);
    return b.toString();
  }

  /** Sections are everything before the key name; mapping tables keep their whole prefix. */
  private static int sectionEnd(String path) {
    for (String table : List.of(Schema.CLAUDE_ENV + ".", ".models.")) {
      int i = path.indexOf(table);
      if (i >= 0) {
        return i + table.length() - 1;
      }
    }
    return path.lastIndexOf('.');
  }

  private static String tomlKey(String name) {
    return name.matches("[A-Za-z0-9_-]+") ? name : Kind.quote(name);
  }

  private static boolean secret(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    return p.equals(Schema.SERVER_TOKEN)
        || p.startsWith(Schema.CLAUDE_ENV + ".") && (p.contains("key") || p.contains("token") || p.contains("secret")
            || p.contains("password"));
  }

  private static void flush(StringBuilder b, List<String[]> rows) {
    int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
    for (String[] r : rows) {
      b.append(r[0]).append(" ".repeat(width - r[0].length() + 2)).append("# ").append(r[1]).append('\n');
    }
    rows.clear();
  }
}
