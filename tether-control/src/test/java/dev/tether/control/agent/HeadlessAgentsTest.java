package dev.tether.control.agent;

import static dev.tether.control.agent.FakeClaude.alive;
import static dev.tether.control.agent.FakeClaude.await;
import static dev.tether.control.agent.FakeClaude.awaitState;
import static dev.tether.control.agent.FakeClaude.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.control.ControlException;
import dev.tether.control.ControlService;
import dev.tether.control.event.Event;
import dev.tether.control.event.SessionEvent;
import dev.tether.control.session.NewSession;
import dev.tether.control.session.Session;
import dev.tether.control.session.SessionState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Headless Claude Code sessions against a fake {@code claude} that speaks stream-json. */
class HeadlessAgentsTest {
  @TempDir Path tmp;
  ControlService service;
  FakeClaude claude;
  Path project;

  @BeforeEach
  void setUp() throws Exception {
    service = ControlService.open(tmp.resolve("data"), ControlService.Config.defaults());
    claude = new FakeClaude(tmp.resolve("fake"));
    claude.install(service, Duration.ofMillis(500));
    project = Files.createDirectories(tmp.resolve("project"));
  }

  @AfterEach
  void tearDown() {
    service.close();
  }

  private Session newSession() {
    return service.createSession(new NewSession(null, "claude_code", project.toString(), null));
  }

  private static List<SessionEvent.Output> outputs(List<Event> events) {
    return events.stream().map(Event::body).filter(SessionEvent.Output.class::isInstance)
        .map(SessionEvent.Output.class::cast).toList();
  }

  @Test
  void aClaudeCodeSessionIsHeadlessByDefaultAndNeedsADirectory() {
    assertThat(newSession().headless()).isTrue();
    assertThat(service.createSession(new NewSession(null, "custom", null, null)).headless()).isFalse();
    assertThatThrownBy(() -> service.createSession(new NewSession(null, "claude_code", null, null)))
        .isInstanceOf(ControlException.class).hasMessageContaining("needs a directory");
    assertThat(service.createSession(new NewSession(null, "claude_code", null, null, false)).headless()).isFalse();
  }

  @Test
  void aTurnWithAToolRoundTripBecomesEventsUsageAndIdle() {
    Session s = newSession();
    service.start(s.id(), "please use a tool", "test");
    Session done = awaitState(service, s.id(), SessionState.AWAITING_INPUT);

    List<Event> events = events(service, s.id());
    List<SessionEvent.Output> out = outputs(events);
    assertThat(out).extracting(SessionEvent.Output::kind)
        .containsExactly("header", "thinking", "tool_call", "tool_result", "final");
    assertThat(out.get(0).text()).isEqualTo("claude_code · fake-model");
    assertThat(out.get(1).text()).isEqualTo("I should run echo.");
    assertThat(out.get(2).text()).isEqualTo("Bash echo hello");
    assertThat(out.get(2).segments().getFirst().label()).isEqualTo("Bash");
    assertThat(out.get(2).segments().getFirst().text()).contains("\"command\":\"echo hello\"");
    assertThat(out.get(3).segments().getFirst()).isEqualTo(new SessionEvent.Segment("tool_result", "hello", "Bash"));
    assertThat(out.get(4).text()).isEqualTo("The command printed hello.");
    assertThat(out.get(4).isFinal()).isTrue();
    assertThat(events).extracting(Event::type).contains("usage").doesNotContain("error");

    assertThat(done.usage().inputTokens()).isEqualTo(100);
    assertThat(done.usage().outputTokens()).isEqualTo(20);
    assertThat(done.usage().cacheReadInputTokens()).isEqualTo(50);
    assertThat(done.usage().cacheCreationInputTokens()).isEqualTo(7);
    assertThat(done.usage().costUsd()).isEqualTo(0.0123);
    assertThat(done.agentSessionId()).matches("[0-9a-f]{8}-0000-4000-8000-[0-9a-f]{12}");

    List<String> log = claude.logLines();
    assertThat(log.get(0)).isEqualTo("ARGS -p --input-format stream-json --output-format stream-json --verbose"
        + " --settings {\"hooks\":{}} --extra-flag");
    assertThat(log.get(1)).contains("TETHER_URL=http://127.0.0.1:9", "TETHER_SESSION=" + s.id(),
        "TETHER_HOOK_REMOTE=1", "TETHER_TOKEN=tok").endsWith("CLAUDECODE=");
  }

  @Test
  void laterTurnsResumeTheAgentsSession() {
    Session s = newSession();
    service.start(s.id(), "hello", "test");
    String agentId = awaitState(service, s.id(), SessionState.AWAITING_INPUT).agentSessionId();
    service.input(s.id(), "and again", "test");
    await("the second turn", () -> outputs(events(service, s.id())).stream()
        .anyMatch(o -> "You said: and again".equals(o.text())));
    awaitState(service, s.id(), SessionState.AWAITING_INPUT);
    List<String> args = claude.logLines().stream().filter(l -> l.startsWith("ARGS")).toList();
    assertThat(args).hasSize(2);
    assertThat(args.get(0)).doesNotContain("--resume");
    assertThat(args.get(1)).contains("--resume " + agentId);
    assertThat(service.session(s.id()).agentSessionId()).isEqualTo(agentId);
  }

  @Test
  void inputWhileATurnRunsIsQueuedAndRunsNext() {
    Session s = newSession();
    service.start(s.id(), "pause a moment", "test");
    await("the first turn to speak", () -> outputs(events(service, s.id())).stream()
        .anyMatch(o -> "Paused".equals(o.text()) || "header".equals(o.kind())));
    service.input(s.id(), "queued question", "test");
    assertThat(service.session(s.id()).state()).isEqualTo(SessionState.RUNNING);
    await("the queued turn", () -> outputs(events(service, s.id())).stream()
        .anyMatch(o -> "You said: queued question".equals(o.text())));
    awaitState(service, s.id(), SessionState.AWAITING_INPUT);
    List<String> texts = outputs(events(service, s.id())).stream().map(SessionEvent.Output::text).toList();
    assertThat(texts.indexOf("Paused")).isLessThan(texts.indexOf("You said: queued question"));
    assertThat(claude.logLines().stream().filter(l -> l.startsWith("ARGS"))).hasSize(2);
    // Never idle between the two turns: the queued input kept the session running.
    List<SessionState> states = events(service, s.id()).stream().map(Event::body)
        .filter(SessionEvent.StateChanged.class::isInstance).map(e -> ((SessionEvent.StateChanged) e).state()).toList();
    assertThat(states).containsExactly(SessionState.CREATED, SessionState.RUNNING, SessionState.AWAITING_INPUT);
  }

  @Test
  void interruptStopsTheTurnKillsItsChildrenAndDropsQueuedInput() {
    Session s = newSession();
    service.start(s.id(), "slow work", "test");
    await("the slow turn to start its child", () -> claude.pidList().size() >= 2);
    service.input(s.id(), "queued, then dropped", "test");
    Session stopping = service.interrupt(s.id(), "test");
    assertThat(stopping.state()).isIn(SessionState.INTERRUPTING, SessionState.AWAITING_INPUT);
    awaitState(service, s.id(), SessionState.AWAITING_INPUT);
    List<Long> pids = claude.pidList();
    await("the claude process and its child to be gone", () -> pids.stream().noneMatch(FakeClaude::alive));
    assertThat(events(service, s.id())).extracting(Event::type).doesNotContain("error");
    assertThat(claude.logLines().stream().filter(l -> l.startsWith("ARGS"))).hasSize(1);
    // The session takes input again afterwards.
    service.input(s.id(), "after the stop", "test");
    await("a turn after the interrupt", () -> outputs(events(service, s.id())).stream()
        .anyMatch(o -> "You said: after the stop".equals(o.text())));
  }

  @Test
  void deletingASessionKillsItsRunningTurn() {
    Session s = newSession();
    service.start(s.id(), "slow work", "test");
    await("the slow turn to start its child", () -> claude.pidList().size() >= 2);
    List<Long> pids = claude.pidList();
    service.deleteSession(s.id(), true);
    await("the deleted session's processes to be gone", () -> pids.stream().noneMatch(FakeClaude::alive));
  }

  @Test
  void aTurnThatIgnoresSigintIsKilledAfterTheGracePeriod() {
    Session s = newSession();
    service.start(s.id(), "stubborn work", "test");
    await("the stubborn turn to start its child", () -> claude.pidList().size() >= 2);
    List<Long> pids = claude.pidList();
    service.interrupt(s.id(), "test");
    assertThat(alive(pids.getFirst())).as("still alive right after SIGINT").isTrue();
    awaitState(service, s.id(), SessionState.AWAITING_INPUT);
    await("the stubborn process tree to be killed", () -> pids.stream().noneMatch(FakeClaude::alive));
  }

  @Test
  void anErrorResultReportsAnErrorAndTheNextInputRecovers() {
    Session s = newSession();
    service.start(s.id(), "failresult please", "test");
    awaitState(service, s.id(), SessionState.ERROR);
    SessionEvent.ErrorReported error = events(service, s.id()).stream().map(Event::body)
        .filter(SessionEvent.ErrorReported.class::isInstance).map(SessionEvent.ErrorReported.class::cast)
        .findFirst().orElseThrow();
    assertThat(error.code()).isEqualTo("CLAUDE_RESULT_ERROR");
    assertThat(error.message()).contains("error_during_execution", "The model refused");
    service.input(s.id(), "try again", "test");
    awaitState(service, s.id(), SessionState.AWAITING_INPUT);
  }

  @Test
  void aCrashReportsTheExitStatusAndStderr() {
    Session s = newSession();
    service.start(s.id(), "crash now", "test");
    awaitState(service, s.id(), SessionState.ERROR);
    SessionEvent.ErrorReported error = events(service, s.id()).stream().map(Event::body)
        .filter(SessionEvent.ErrorReported.class::isInstance).map(SessionEvent.ErrorReported.class::cast)
        .findFirst().orElseThrow();
    assertThat(error.code()).isEqualTo("AGENT_EXIT");
    assertThat(error.message()).contains("exited with status 3", "boom: something broke");
  }

  @Test
  void aMissingClaudeIsAnErrorEventNotAStackTrace() throws Exception {
    service.close();
    service = ControlService.open(tmp.resolve("data2"), ControlService.Config.defaults());
    var runner = new dev.tether.control.agent.claude.ClaudeRunner(tmp.resolve("no-such-claude"), List.of(),
        java.util.Map.of(), List.of(), null, "http://127.0.0.1:9", null);
    HeadlessAgents.install(service, List.of(runner), List.of(), Duration.ofMillis(500));
    Session s = newSession();
    service.start(s.id(), "hello", "test");
    awaitState(service, s.id(), SessionState.ERROR);
    assertThat(events(service, s.id()).stream().map(Event::body).filter(SessionEvent.ErrorReported.class::isInstance)
        .map(e -> ((SessionEvent.ErrorReported) e).code())).containsExactly("AGENT_START_FAILED");
  }

  @Test
  void closingTheServiceLeavesNoAgentProcessBehind() {
    Session s = newSession();
    service.start(s.id(), "slow work", "test");
    await("the slow turn to start its child", () -> claude.pidList().size() >= 2);
    List<Long> pids = claude.pidList();
    service.close();
    await("every agent process to be gone", () -> pids.stream().noneMatch(FakeClaude::alive));
    service = ControlService.open(tmp.resolve("data"), ControlService.Config.defaults());
    // Reopened: the turn that died with the last run is reported, and input can start it again.
    claude.install(service, Duration.ofMillis(500));
    assertThat(service.session(s.id()).state()).isEqualTo(SessionState.ERROR);
    service.input(s.id(), "continue", "test");
    awaitState(service, s.id(), SessionState.AWAITING_INPUT);
  }
}
