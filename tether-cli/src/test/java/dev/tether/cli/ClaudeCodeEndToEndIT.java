package dev.tether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.cli.bench.ScriptedOpenAiServer;
import dev.tether.gateway.http.HttpOptions;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code CLI against the gateway over a scripted upstream that asks for a Bash call and
 * then answers with its output. Needs {@code claude}: {@code $TETHER_CLAUDE_BIN}, or on PATH
 * ({@code .ci/run} installs it from npm). Without it the test is reported as skipped, with the reason.
 */
class ClaudeCodeEndToEndIT {
  @TempDir Path home;
  @TempDir Path work;

  static String findClaude() {
    String explicit = System.getenv("TETHER_CLAUDE_BIN");
    if (explicit != null && new File(explicit).canExecute()) {
      return explicit;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File candidate = new File(dir, "claude");
      if (candidate.canExecute()) {
        return candidate.getPath();
      }
    }
    return null;
  }

  @Test
  void claudeCodeRunsABashToolThroughTheGatewayAndPrintsTheAnswer() throws Exception {
    String claude = findClaude();
    Assumptions.assumeTrue(claude != null,
        "SKIPPED LOUDLY: Claude Code is not installed (set TETHER_CLAUDE_BIN or put claude on PATH; .ci/run installs it)");
    try (ScriptedOpenAiServer upstream = ScriptedOpenAiServer.start("fake-model", FakeUpstreamCommand::reply);
        TetherServer server = TetherServer.start("127.0.0.1", 0, new HttpOptions("e2e-token", Duration.ofSeconds(5), HttpOptions.DEFAULT_MAX_BODY),
            List.of(Backends.openAi(List.of(upstream.baseUrl()))), List.of())) {
      ProcessBuilder builder = new ProcessBuilder(claude, "-p",
          "Please run `echo hello-from-tether` and tell me what it printed.",
          "--allowedTools", "Bash", "--output-format", "text")
          .directory(work.toFile()).redirectErrorStream(true);
      Map<String, String> env = builder.environment();
      env.put("HOME", home.toString());
      env.put("ANTHROPIC_BASE_URL", server.baseUrl().toString());
      env.put("ANTHROPIC_AUTH_TOKEN", "e2e-token");
      env.put("ANTHROPIC_API_KEY", "");
      env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
      env.put("DISABLE_TELEMETRY", "1");
      env.put("DISABLE_AUTOUPDATER", "1");
      Process process = builder.start();
      process.getOutputStream().close();
      boolean done = process.waitFor(120, TimeUnit.SECONDS);
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!done) {
        process.destroyForcibly();
      }
      assertThat(done).as("claude finished; output so far: %s", output).isTrue();
      assertThat(process.exitValue()).as(output).isZero();
      assertThat(output).contains("The command printed: hello-from-tether");
      assertThat(upstream.requests()).hasSizeGreaterThanOrEqualTo(2);
      assertThat(upstream.requests().getLast().get("messages").toString()).contains("\"role\":\"tool\"").contains("hello-from-tether");
      assertThat(Files.list(work)).isEmpty();
    }
  }

  @Test
  void theLauncherRunsClaudeCodeOnAnUpstreamModelInOneCommand() throws Exception {
    String claude = findClaude();
    Assumptions.assumeTrue(claude != null,
        "SKIPPED LOUDLY: Claude Code is not installed (set TETHER_CLAUDE_BIN or put claude on PATH; .ci/run installs it)");
    try (ScriptedOpenAiServer upstream = ScriptedOpenAiServer.start("fake-model", FakeUpstreamCommand::reply)) {
      Path out = home.resolve("out.txt");
      ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
          "-cp", System.getProperty("java.class.path"), Main.class.getName(),
          "--upstream", upstream.baseUrl().toString(), "--model", "fake-model", "--claude-path", claude,
          "--", "-p", "Please run `echo hello-from-tether` and tell me what it printed.",
          "--allowedTools", "Bash", "--output-format", "text")
          .directory(work.toFile()).redirectOutput(out.toFile()).redirectErrorStream(true);
      builder.environment().put("HOME", home.toString());
      builder.environment().put("TETHER_HOME", home.resolve(".tether").toString());
      builder.environment().put("TETHER_PORT", "0");
      Process process = builder.start();
      process.getOutputStream().close();
      boolean done = process.waitFor(120, TimeUnit.SECONDS);
      if (!done) {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
      }
      String output = Files.readString(out);
      assertThat(done).as("tether finished; output so far: %s", output).isTrue();
      assertThat(process.exitValue()).as(output).isZero();
      assertThat(output).contains("The command printed: hello-from-tether").contains("model fake-model");
      assertThat(upstream.requests()).hasSizeGreaterThanOrEqualTo(2);
    }
  }
}
