package dev.tether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.api.json.Json;
import dev.tether.cli.bench.ScriptedOpenAiServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code tether} as a user would, in its own JVM, with a fake claude: the wiring, argument
 * forwarding, exit code, signals and cleanup.
 */
class LauncherIT {
  @TempDir Path dir;
  private ScriptedOpenAiServer upstream;
  private FakeClaude claude;
  private Path home;

  @BeforeEach
  void setUp() throws IOException {
    upstream = ScriptedOpenAiServer.start("qwen2.5-coder:7b", request -> ScriptedOpenAiServer.text("hi", 2));
    claude = FakeClaude.create(dir);
    home = dir.resolve("home");
  }

  @AfterEach
  void tearDown() {
    upstream.close();
  }

  private ProcessBuilder tether(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(dir.resolve("stdout.txt").toFile())
        .redirectError(dir.resolve("stderr.txt").toFile());
    builder.environment().put("TETHER_HOME", home.toString());
    builder.environment().put("TETHER_PORT", "0");
    builder.environment().put("CLAUDE_CODE_USE_BEDROCK", "1");
    builder.environment().putAll(env);
    return builder;
  }

  private String stderr() throws IOException {
    return Files.readString(dir.resolve("stderr.txt"));
  }

  @Test
  void launchesClaudeWiredToTheGatewayAndExitsWithItsCode() throws Exception {
    Files.createDirectories(home.resolve("config"));
    Files.writeString(home.resolve("config/20-claude.toml"), """
        [routes]
        haiku = "qwen2.5-coder:1.5b"
        [claude]
        args = ["--verbose"]
        [claude.env]
        EXTRA_FROM_CONFIG = "yes"
        """);
    Process p = tether(Map.of("FAKE_CLAUDE_EXIT", "7"), "--upstream", upstream.baseUrl().toString(),
        "--model", "qwen2.5-coder:7b", "--context-length", "32k", "--claude-path", claude.script.toString(),
        "--", "-p", "hello world", "--output-format", "text").start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("tether exits").isTrue();
    assertThat(p.exitValue()).as(stderr()).isEqualTo(7);

    List<String> args = claude.args();
    assertThat(args.subList(2, args.size())).containsExactly("--verbose", "-p", "hello world", "--output-format", "text");
    assertThat(args.get(0)).isEqualTo("--settings");
    JsonNode hooks = Json.MAPPER.readTree(args.get(1)).get("hooks");
    assertThat(hooks.get("PreToolUse").get(0).get("hooks").get(0).get("command").asText()).endsWith(" hook PreToolUse");
    assertThat(hooks.get("PreToolUse").get(0).get("hooks").get(0).get("timeout").asInt()).isEqualTo(5 * 60 + 60);
    Map<String, String> env = claude.env();
    assertThat(env.get("ANTHROPIC_BASE_URL")).startsWith("http://127.0.0.1:");
    assertThat(env.get("ANTHROPIC_AUTH_TOKEN")).startsWith("agent-").hasSizeGreaterThan(30);
    assertThat(env.get("ANTHROPIC_API_KEY")).isEmpty();
    assertThat(env).containsEntry("ANTHROPIC_MODEL", "qwen2.5-coder:7b")
        .containsEntry("ANTHROPIC_DEFAULT_OPUS_MODEL", "qwen2.5-coder:7b")
        .containsEntry("ANTHROPIC_DEFAULT_SONNET_MODEL", "qwen2.5-coder:7b")
        .containsEntry("ANTHROPIC_DEFAULT_HAIKU_MODEL", "qwen2.5-coder:1.5b")
        .containsEntry("ANTHROPIC_SMALL_FAST_MODEL", "qwen2.5-coder:1.5b")
        .containsEntry("CLAUDE_CODE_SUBAGENT_MODEL", "qwen2.5-coder:7b")
        .containsEntry("API_TIMEOUT_MS", "600000")
        .containsEntry("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1")
        .containsEntry("DISABLE_TELEMETRY", "1")
        .containsEntry("DISABLE_AUTOUPDATER", "1")
        .containsEntry("CLAUDE_CODE_MAX_OUTPUT_TOKENS", "8192")
        .containsEntry("CLAUDE_CODE_USE_BEDROCK", "<unset>")
        .containsEntry("EXTRA_FROM_CONFIG", "yes");
    assertThat(env.get("TETHER_LAUNCH_ID")).hasSizeGreaterThan(20);
    assertThat(env.get("TETHER_SERVER")).isEqualTo(env.get("ANTHROPIC_BASE_URL"));
    assertThat(env.get("TETHER_TOKEN")).isEqualTo(env.get("ANTHROPIC_AUTH_TOKEN"));
    assertThat(claude.value("with-token")).isEqualTo("200");
    assertThat(claude.value("without-token")).isEqualTo("401");
    assertThat(claude.value("approvals-with-token")).as("claude's token cannot answer approvals").isEqualTo("401");

    int port = URI.create(env.get("ANTHROPIC_BASE_URL")).getPort();
    assertThat(listening(port)).as("port freed").isFalse();
    long grandchild = Long.parseLong(claude.value("grandchild"));
    assertThat(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false))
        .as("claude's leftovers are stopped").isFalse();
    assertThat(stderr()).contains("model qwen2.5-coder:7b · context 32k · backend openai");
    assertThat(Files.readString(home.resolve("config/config.toml"))).contains("# port = 8787");
  }

  @Test
  void aConfiguredTokenServesOtherClientsWhileClaudeGetsTheAgentToken() throws Exception {
    Process p = tether(Map.of("TETHER_TOKEN", "configured-secret-token"), "--upstream", upstream.baseUrl().toString(),
        "--model", "qwen2.5-coder:7b", "--claude-path", claude.script.toString()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(stderr()).isZero();
    assertThat(claude.env().get("ANTHROPIC_AUTH_TOKEN")).startsWith("agent-");
    assertThat(claude.env().values()).doesNotContain("configured-secret-token");
    assertThat(claude.value("with-token")).isEqualTo("200");
    assertThat(claude.value("approvals-with-token")).isEqualTo("401");
  }

  @Test
  void ctrlCGoesToClaudeAndTetherFollowsItsExit() throws Exception {
    Process p = tether(Map.of("FAKE_CLAUDE_WAIT", "1"), "--upstream", upstream.baseUrl().toString(),
        "--model", "qwen2.5-coder:7b", "--claude-path", claude.script.toString()).start();
    long claudePid = awaitClaude();
    // The terminal sends SIGINT to the whole foreground group: tether first, then claude.
    signal("INT", p.pid());
    Thread.sleep(300);
    assertThat(p.isAlive()).as("tether waits for claude to decide").isTrue();
    signal("INT", claudePid);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(130);
    assertThat(claude.lines()).contains("got INT");
  }

  @Test
  void stoppingTetherStopsClaudeAndEverythingItStarted() throws Exception {
    Process p = tether(Map.of("FAKE_CLAUDE_WAIT", "1"), "--upstream", upstream.baseUrl().toString(),
        "--model", "qwen2.5-coder:7b", "--claude-path", claude.script.toString()).start();
    long claudePid = awaitClaude();
    int port = URI.create(claude.env().get("ANTHROPIC_BASE_URL")).getPort();
    p.destroy();  // SIGTERM
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(ProcessHandle.of(claudePid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    long grandchild = Long.parseLong(claude.value("grandchild"));
    assertThat(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(listening(port)).isFalse();
  }

  @Test
  void aMissingClaudeIsAClearErrorBeforeAnythingStarts() throws Exception {
    Process p = tether(Map.of("PATH", "/nonexistent"), "--upstream", upstream.baseUrl().toString(),
        "--model", "qwen2.5-coder:7b").start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    assertThat(stderr()).contains("claude was not found on PATH; install Claude Code with: npm install -g"
        + " @anthropic-ai/claude-code (or give --claude-path)");
  }

  @Test
  void withoutAModelOrATerminalTheErrorListsWhatWasFound() throws Exception {
    Process p = tether(Map.of(), "--upstream", upstream.baseUrl().toString(),
        "--claude-path", claude.script.toString()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    assertThat(stderr()).contains("no model given").contains("qwen2.5-coder:7b");
    assertThat(claude.lines()).as("claude never ran").isEmpty();
  }

  @Test
  void aStrayWordIsAnUnknownCommandNotAClaudeArgument() throws Exception {
    Process p = tether(Map.of(), "modles").start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isNotZero();
    assertThat(stderr()).contains("unknown command 'modles'");
  }

  private long awaitClaude() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (claude.lines().contains("waiting")) {
        return Long.parseLong(claude.value("pid"));
      }
      Thread.sleep(50);
    }
    throw new AssertionError("fake claude never started; tether said: " + stderr());
  }

  private static void signal(String name, long pid) throws Exception {
    new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start().waitFor();
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
