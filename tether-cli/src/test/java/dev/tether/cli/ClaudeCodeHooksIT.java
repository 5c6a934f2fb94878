package dev.tether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.cli.bench.ScriptedOpenAiServer;
import dev.tether.control.ControlService;
import dev.tether.control.approval.Approval;
import dev.tether.control.approval.ApprovalStatus;
import dev.tether.control.event.Event;
import dev.tether.control.event.SessionEvent;
import dev.tether.control.hook.HookSettings;
import dev.tether.control.session.Session;
import dev.tether.control.session.SessionQuery;
import dev.tether.gateway.http.HttpOptions;
import dev.tether.gateway.trace.Trace;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code with Tether's hooks ({@code --settings}, {@code ./tether hook} over curl) against a
 * server with the control plane, on a scripted upstream that asks for one Bash call: the session shows
 * up with its prompt, tool call, result and text; in away mode the call waits for {@code tether approve},
 * and {@code tether deny --reason} reaches the model as an error tool result. Needs {@code claude}
 * ({@code $TETHER_CLAUDE_BIN} or PATH); skipped, saying so, without it.
 */
class ClaudeCodeHooksIT {
  private static final String TOKEN = "hooks-e2e-token";
  private static final Path SCRIPT = Path.of("..", "tether").toAbsolutePath().normalize();
  private static final String PROMPT = "Please run `echo hello-from-tether` and tell me what it printed.";

  @TempDir Path home;
  @TempDir Path work;
  @TempDir Path data;
  private String claude;
  private ScriptedOpenAiServer upstream;
  private TetherServer server;
  private ControlService control;
  private final List<Trace> traces = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    claude = ClaudeCodeEndToEndIT.findClaude();
    Assumptions.assumeTrue(claude != null,
        "SKIPPED LOUDLY: Claude Code is not installed (set TETHER_CLAUDE_BIN or put claude on PATH; .ci/run installs it)");
    upstream = ScriptedOpenAiServer.start("fake-model", FakeUpstreamCommand::reply);
    control = ControlService.open(data, ControlService.Config.defaults().withStopWait(Duration.ofSeconds(1)));
    server = TetherServer.start("127.0.0.1", 0, new HttpOptions(TOKEN, Duration.ofSeconds(5), HttpOptions.DEFAULT_MAX_BODY),
        List.of(Backends.openAi(List.of(upstream.baseUrl()))), List.of(), 0, traces::add, control);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  private Process claude(String... extra) throws Exception {
    String settings = HookSettings.of(List.of(SCRIPT.toString()), Duration.ofMinutes(5), Duration.ofSeconds(1)).text();
    List<String> command = new java.util.ArrayList<>(List.of(claude, "-p", PROMPT, "--settings", settings,
        "--output-format", "text"));
    command.addAll(List.of(extra));
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
        .redirectOutput(home.resolve("out.txt").toFile()).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("TETHER_"));
    env.put("HOME", home.toString());
    env.put("ANTHROPIC_BASE_URL", server.baseUrl().toString());
    env.put("ANTHROPIC_AUTH_TOKEN", TOKEN);
    env.put("ANTHROPIC_API_KEY", "");
    env.put("ANTHROPIC_MODEL", "fake-model");
    env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
    env.put("DISABLE_TELEMETRY", "1");
    env.put("DISABLE_AUTOUPDATER", "1");
    env.put("TETHER_SERVER", server.baseUrl().toString());
    env.put("TETHER_TOKEN", TOKEN);
    Process process = builder.start();
    process.getOutputStream().close();
    return process;
  }

  private String finish(Process process) throws Exception {
    boolean done = process.waitFor(180, TimeUnit.SECONDS);
    if (!done) {
      process.destroyForcibly();
    }
    String output = Files.readString(home.resolve("out.txt"), StandardCharsets.UTF_8);
    assertThat(done).as("claude finished; output so far: %s", output).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  private String tether(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--server", server.baseUrl().toString(), "--token", TOKEN));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    assertThat(cli.execute(all.toArray(String[]::new))).as(err.toString()).isZero();
    return out.toString();
  }

  private Session onlySession() {
    List<Session> sessions = control.sessions(SessionQuery.all()).sessions();
    assertThat(sessions).hasSize(1);
    return sessions.getFirst();
  }

  private List<SessionEvent.Output> outputs(String id, String kind) {
    return control.events(id, 0, 1000).stream().map(Event::body).filter(SessionEvent.Output.class::isInstance)
        .map(SessionEvent.Output.class::cast).filter(o -> kind.equals(o.kind())).toList();
  }

  private Approval awaitPending(Process process) throws Exception {
    for (int i = 0; i < 1200 && process.isAlive(); i++) {
      List<Approval> pending = control.approvals(null, ApprovalStatus.PENDING);
      if (!pending.isEmpty()) {
        return pending.getFirst();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no approval came; claude said: " + Files.readString(home.resolve("out.txt")));
  }

  @Test
  void aLaunchedSessionShowsUpWithItsPromptToolCallResultAndText() throws Exception {
    String output = finish(claude("--allowedTools", "Bash"));
    assertThat(output).contains("The command printed: hello-from-tether");
    Session s = onlySession();
    assertThat(s.agentType().wire()).isEqualTo("claude_code");
    assertThat(s.directory()).isEqualTo(work.toRealPath().toString());
    assertThat(s.agentSessionId()).isNotBlank();
    assertThat(s.state().wire()).as("SessionEnd after -p").isEqualTo("ended");
    List<Event> events = control.events(s.id(), 0, 1000);
    assertThat(events).anySatisfy(e -> assertThat(e.body()).isInstanceOfSatisfying(SessionEvent.UserInput.class,
        in -> assertThat(in.text()).isEqualTo(PROMPT)));
    assertThat(outputs(s.id(), "tool_call")).singleElement()
        .satisfies(o -> assertThat(o.segments().getFirst().text()).isEqualTo("echo hello-from-tether"));
    assertThat(outputs(s.id(), "tool_result")).singleElement()
        .satisfies(o -> assertThat(o.segments().getFirst().text()).isEqualTo("hello-from-tether"));
    assertThat(outputs(s.id(), "text")).extracting(SessionEvent.Output::text)
        .contains("The command printed: hello-from-tether");
    assertThat(events).noneMatch(e -> e.body() instanceof SessionEvent.ApprovalRequested);
    assertThat(s.usage().inputTokens()).isPositive();
  }

  @Test
  void awayABashCallWaitsForTetherApproveThenRuns() throws Exception {
    control.awayDefault(true);
    Process process = claude();
    Approval approval = awaitPending(process);
    assertThat(approval.toolName()).isEqualTo("Bash");
    assertThat(approval.toolInput().path("command").asText()).isEqualTo("echo hello-from-tether");
    Thread.sleep(1000);
    assertThat(process.isAlive()).as("claude waits for the decision").isTrue();
    assertThat(upstream.requests()).as("no tool result went to the model yet").hasSize(1);
    assertThat(tether("approve", approval.id())).contains("allow");
    String output = finish(process);
    assertThat(output).contains("The command printed: hello-from-tether");
    assertThat(outputs(onlySession().id(), "tool_result")).hasSize(1);
  }

  @Test
  void aDenyWithAReasonReachesTheModelAsAnErrorToolResult() throws Exception {
    control.awayDefault(true);
    Process process = claude();
    Approval approval = awaitPending(process);
    tether("deny", approval.id(), "--reason", "use printf instead");
    String output = finish(process);
    Trace last = traces.getLast();
    String toolResult = last.request().path("messages").toString();
    assertThat(toolResult).contains("\"is_error\":true").contains("use printf instead");
    assertThat(upstream.requests().getLast().get("messages").toString()).contains("use printf instead");
    assertThat(output).contains("use printf instead");
    assertThat(outputs(onlySession().id(), "tool_result")).as("the denied call never ran").isEmpty();
  }
}
