package dev.tether.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.control.ControlJson;
import dev.tether.control.ControlService;
import dev.tether.control.approval.DecisionRequest;
import dev.tether.control.session.SessionPatch;
import dev.tether.gateway.http.HttpOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both {@code tether hook} clients, the {@code ./tether} script's curl path and the Java
 * {@link HookCommand}: they print exactly the server's answer, and with no server (or no settings)
 * print nothing and exit 0.
 */
class HookClientIT {
  private static final String TOKEN = "hook-token";
  private static final Path SCRIPT = Path.of("..", "tether").toAbsolutePath().normalize();

  @TempDir Path dir;
  private TetherServer server;

  @BeforeEach
  void start() {
    server = TetherServer.start("127.0.0.1", 0, HttpOptions.defaults(TOKEN), List.of(new ScriptedBackend()), List.of(),
        0, ControlService.open(dir, ControlService.Config.defaults().withStopWait(Duration.ofSeconds(1))));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String payload(String event) throws IOException {
    try (InputStream in = HookClientIT.class.getResourceAsStream("/hooks/" + event + ".json")) {
      assertThat(in).as("fixture hooks/%s.json", event).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private Map<String, String> env() {
    return new HashMap<>(Map.of("TETHER_SERVER", server.baseUrl().toString(), "TETHER_TOKEN", TOKEN));
  }

  record Run(int exit, String stdout, long millis) {}

  private static Run java(String event, String stdin, Map<String, String> env) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long t0 = System.nanoTime();
    int exit = HookCommand.run(event, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, env);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), (System.nanoTime() - t0) / 1_000_000);
  }

  private static Run script(String event, String stdin, Map<String, String> env) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")) || Files.isExecutable(Path.of("/bin/curl")),
        "curl is not installed: the script's fast path cannot be tested here");
    List<String> command = new ArrayList<>(List.of(SCRIPT.toString(), "hook", event));
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().keySet().removeIf(k -> k.startsWith("TETHER_"));
    pb.environment().putAll(env);
    long t0 = System.nanoTime();
    Process p = pb.start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out, (System.nanoTime() - t0) / 1_000_000);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void theJavaClientPrintsTheServersAnswer() throws Exception {
    Run started = java("SessionStart", payload("SessionStart"), env());
    assertThat(started.exit()).isZero();
    assertThat(started.stdout()).as("SessionStart has nothing to tell claude").isEmpty();
    ControlService control = server.control();
    String id = control.sessions(dev.tether.control.session.SessionQuery.all()).sessions().getFirst().id();
    control.updateSession(id, new SessionPatch(null, null, true, null));
    CompletableFuture<Run> pre = CompletableFuture.supplyAsync(() -> {
      try {
        return java("PreToolUse", payload("PreToolUse"), env());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    String approval = awaitPending(control, id);
    control.decide(approval, new DecisionRequest("deny", "not now", null, null, "test"));
    Run run = pre.get(30, TimeUnit.SECONDS);
    assertThat(run.exit()).isZero();
    JsonNode answer = ControlJson.parse(run.stdout());
    assertThat(answer.at("/hookSpecificOutput/permissionDecision").asText()).isEqualTo("deny");
    assertThat(answer.at("/hookSpecificOutput/permissionDecisionReason").asText()).contains("not now");
  }

  @Test
  void theScriptPrintsTheServersAnswer() throws Exception {
    assertThat(script("SessionStart", payload("SessionStart"), env()).stdout()).isEmpty();
    ControlService control = server.control();
    String id = control.sessions(dev.tether.control.session.SessionQuery.all()).sessions().getFirst().id();
    control.input(id, "run the linter too", "phone");
    Run stop = script("Stop", payload("Stop"), env());
    assertThat(stop.exit()).isZero();
    JsonNode answer = ControlJson.parse(stop.stdout());
    assertThat(answer.get("decision").asText()).isEqualTo("block");
    assertThat(answer.get("reason").asText()).isEqualTo("run the linter too");
  }

  @Test
  void theScriptNamesTheSessionAndTheRemoteGateFromTheEnvironment() throws Exception {
    String id = server.control().createSession(new dev.tether.control.session.NewSession("headless", "claude_code",
        dir.toString(), null)).id();
    Map<String, String> env = env();
    env.put("TETHER_SESSION", id);
    env.put("TETHER_HOOK_REMOTE", "1");
    script("SessionStart", payload("SessionStart"), env);
    assertThat(server.control().session(id).agentSessionId()).isEqualTo("7c0d5b7e-1c3a-4d0e-9a55-2f6a0c1d9e11");
    server.control().addRule(dev.tether.control.approval.NewRule.allow("Bash(echo:*)"));
    JsonNode answer = ControlJson.parse(script("PreToolUse", payload("PreToolUse"), env).stdout());
    assertThat(answer.at("/hookSpecificOutput/permissionDecision").asText()).isEqualTo("allow");
  }

  @Test
  void withoutAServerBothClientsPrintNothingAndExitZeroAtOnce() throws Exception {
    Map<String, String> refused = Map.of("TETHER_SERVER", "http://127.0.0.1:" + closedPort(), "TETHER_TOKEN", "x");
    for (Run run : List.of(java("PreToolUse", payload("PreToolUse"), refused),
        script("PreToolUse", payload("PreToolUse"), refused))) {
      assertThat(run.exit()).isZero();
      assertThat(run.stdout()).isEmpty();
      assertThat(run.millis()).as("a refused connection does not wait").isLessThan(10_000);
    }
    for (Run run : List.of(java("PreToolUse", payload("PreToolUse"), Map.of()),
        script("PreToolUse", payload("PreToolUse"), Map.of()))) {
      assertThat(run.exit()).isZero();
      assertThat(run.stdout()).isEmpty();
    }
  }

  @Test
  void errorsFromTheServerAreNotPrintedForClaude() throws Exception {
    Map<String, String> wrongToken = Map.of("TETHER_SERVER", server.baseUrl().toString(), "TETHER_TOKEN", "wrong");
    assertThat(java("PreToolUse", payload("PreToolUse"), wrongToken)).extracting(Run::exit, Run::stdout)
        .containsExactly(0, "");
    assertThat(script("PreToolUse", payload("PreToolUse"), wrongToken)).extracting(Run::exit, Run::stdout)
        .containsExactly(0, "");
    assertThat(script("PreToolUse", "not json", env())).extracting(Run::exit, Run::stdout).containsExactly(0, "");
    assertThat(java("Bad-Event", payload("PreToolUse"), env())).extracting(Run::exit, Run::stdout)
        .containsExactly(0, "");
  }

  private static String awaitPending(ControlService control, String session) throws InterruptedException {
    for (int i = 0; i < 400; i++) {
      var pending = control.approvals(session, dev.tether.control.approval.ApprovalStatus.PENDING);
      if (!pending.isEmpty()) {
        return pending.getFirst().id();
      }
      Thread.sleep(25);
    }
    throw new AssertionError("no pending approval");
  }
}
