package dev.tether.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the claude executable: a bash script that records its arguments, its environment
 * and what the gateway answers with and without the token it was given, starts a grandchild, then
 * exits with {@code $FAKE_CLAUDE_EXIT} (or waits for a signal when {@code $FAKE_CLAUDE_WAIT} is set).
 */
final class FakeClaude {
  static final List<String> RECORDED = List.of("ANTHROPIC_BASE_URL", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_API_KEY",
      "ANTHROPIC_MODEL", "ANTHROPIC_DEFAULT_OPUS_MODEL", "ANTHROPIC_DEFAULT_SONNET_MODEL",
      "ANTHROPIC_DEFAULT_HAIKU_MODEL", "ANTHROPIC_SMALL_FAST_MODEL", "CLAUDE_CODE_SUBAGENT_MODEL", "API_TIMEOUT_MS",
      "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "DISABLE_TELEMETRY", "DISABLE_AUTOUPDATER",
      "CLAUDE_CODE_MAX_OUTPUT_TOKENS", "CLAUDE_CODE_USE_BEDROCK", "EXTRA_FROM_CONFIG", "TETHER_LAUNCH_ID",
      "TETHER_SERVER", "TETHER_TOKEN");

  final Path script;
  final Path record;

  private FakeClaude(Path script, Path record) {
    this.script = script;
    this.record = record;
  }

  static FakeClaude create(Path dir) throws IOException {
    Path record = dir.resolve("claude-record.txt");
    StringBuilder env = new StringBuilder();
    for (String name : RECORDED) {
      env.append("echo \"env ").append(name).append("=${").append(name).append("-<unset>}\" >> \"$REC\"\n");
    }
    String text = """
        #!/usr/bin/env bash
        REC='%s'
        : > "$REC"
        echo "pid $$" >> "$REC"
        for a in "$@"; do echo "arg $a" >> "$REC"; done
        %s
        status() {  # status line of GET $1 with an optional bearer token $2, over bash's /dev/tcp
          local hostport=${ANTHROPIC_BASE_URL#http://}
          exec 3<>"/dev/tcp/${hostport%%%%:*}/${hostport##*:}" || { echo none; return; }
          printf 'GET %%s HTTP/1.1\\r\\nHost: x\\r\\nAuthorization: Bearer %%s\\r\\nConnection: close\\r\\n\\r\\n' "$1" "$2" >&3
          head -1 <&3 | cut -d' ' -f2
          exec 3<&-
        }
        echo "with-token $(status /v1/models "$ANTHROPIC_AUTH_TOKEN")" >> "$REC"
        echo "without-token $(status /v1/models wrong)" >> "$REC"
        echo "approvals-with-token $(status /api/approvals "$ANTHROPIC_AUTH_TOKEN")" >> "$REC"
        sleep 300 &
        echo "grandchild $!" >> "$REC"
        if [ -n "$FAKE_CLAUDE_WAIT" ]; then
          trap 'echo "got INT" >> "$REC"; exit 130' INT
          trap 'echo "got TERM" >> "$REC"; exit 143' TERM
          echo "waiting" >> "$REC"
          while true; do sleep 0.1; done
        fi
        exit "${FAKE_CLAUDE_EXIT:-0}"
        """.formatted(record, env);
    Path script = dir.resolve("claude");
    Files.writeString(script, text);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return new FakeClaude(script, record);
  }

  /** The recorded lines, once the script has written {@code marker}. */
  List<String> lines() throws IOException {
    return Files.exists(record) ? Files.readAllLines(record) : List.of();
  }

  Map<String, String> env() throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : lines()) {
      if (line.startsWith("env ")) {
        int eq = line.indexOf('=');
        env.put(line.substring(4, eq), line.substring(eq + 1));
      }
    }
    return env;
  }

  List<String> args() throws IOException {
    return lines().stream().filter(l -> l.startsWith("arg ")).map(l -> l.substring(4)).toList();
  }

  String value(String key) throws IOException {
    return lines().stream().filter(l -> l.startsWith(key + " ")).map(l -> l.substring(key.length() + 1))
        .findFirst().orElse(null);
  }
}
