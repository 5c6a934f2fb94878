package dev.tether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.cli.bench.ScriptedOpenAiServer;
import dev.tether.cli.config.Config;
import dev.tether.cli.config.ConfigLoader;
import dev.tether.control.ControlService;
import dev.tether.control.approval.Approval;
import dev.tether.control.approval.ApprovalStatus;
import dev.tether.control.approval.DecisionRequest;
import dev.tether.control.event.Event;
import dev.tether.control.event.SessionEvent;
import dev.tether.control.session.Session;
import dev.tether.control.session.SessionState;
import dev.tether.gateway.http.HttpOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code, headless: a session started over REST runs {@code claude -p} with stream-json
 * against Tether's own gateway (a scripted upstream that asks for a Bash call), its PreToolUse hook waits
 * for an approval that the test gives, and the tool round trip, the answer and the usage land in the
 * session's log. Needs {@code claude} ({@code $TETHER_CLAUDE_BIN} or PATH); skipped loudly without it.
 */
class HeadlessClaudeCodeIT {
  private static final String TOKEN = "headless-token";
  @TempDir Path home;
  @TempDir Path work;

  @Test
  void aHeadlessSessionStartedOverRestCompletesAGatedToolRoundTrip() throws Exception {
    String claude = ClaudeCodeEndToEndIT.findClaude();
    Assumptions.assumeTrue(claude != null,
        "SKIPPED LOUDLY: Claude Code is not installed (set TETHER_CLAUDE_BIN or put claude on PATH; .ci/run installs it)");
    ControlService control = ControlService.open(home.resolve("data"), ControlService.Config.defaults());
    try (ScriptedOpenAiServer upstream = ScriptedOpenAiServer.start("fake-model", FakeUpstreamCommand::reply);
        TetherServer server = TetherServer.start("127.0.0.1", 0,
            new HttpOptions(TOKEN, Duration.ofSeconds(5), HttpOptions.DEFAULT_MAX_BODY),
            List.of(Backends.openAi(List.of(upstream.baseUrl()))), List.of(), 0, control)) {
      Path configDir = Files.createDirectories(home.resolve("config"));
      // claude's own HOME, so the test neither reads nor writes the user's ~/.claude
      Files.writeString(configDir.resolve("config.toml"), "[claude.env]\nHOME = \"" + home + "\"\n");
      Map<String, String> env = Map.of("HOME", home.toString(), "PATH", System.getenv().getOrDefault("PATH", ""));
      Config config = ConfigLoader.load(configDir, env, Map.of("claude.path", claude, "headless.gateway", "true",
          "headless.model", "fake-model"));
      Headless.install(control, server.baseUrl(), TOKEN, config, env);

      HttpClient http = HttpClient.newHttpClient();
      String created = post(http, server.baseUrl(), "/api/sessions",
          "{\"agent_type\":\"claude_code\",\"directory\":\"" + work + "\"}");
      String id = dev.tether.control.ControlJson.parse(created).get("id").asText();
      post(http, server.baseUrl(), "/api/sessions/" + id + "/start",
          "{\"prompt\":\"Please run `echo hello-from-tether` and tell me what it printed.\"}");

      Approval pending = awaitApproval(control, id);
      assertThat(pending.toolName()).isEqualTo("Bash");
      assertThat(pending.toolInput().path("command").asText()).isEqualTo("echo hello-from-tether");
      control.decide(pending.id(), new DecisionRequest("allow", null, null, null, "test"));

      Session done = awaitIdle(control, id);
      List<Event> events = control.events(id, 0, 1000);
      String log = events.stream().map(e -> e.type() + " " + e.data()).reduce("", (a, b) -> a + "\n" + b);
      assertThat(done.state()).as(log).isEqualTo(SessionState.AWAITING_INPUT);
      assertThat(done.agentSessionId()).as(log).isNotNull();
      List<SessionEvent.Output> outputs = events.stream().map(Event::body)
          .filter(SessionEvent.Output.class::isInstance).map(SessionEvent.Output.class::cast).toList();
      assertThat(outputs).as(log).anyMatch(o -> "tool_call".equals(o.kind()) && o.text().contains("echo hello-from-tether"));
      assertThat(outputs).as(log).anyMatch(o -> "tool_result".equals(o.kind()) && o.text().contains("hello-from-tether"));
      assertThat(outputs).as(log).anyMatch(o -> "final".equals(o.kind())
          && o.text().contains("The command printed: hello-from-tether"));
      assertThat(events).as(log).extracting(Event::type).contains("usage", "approval_requested", "approval_resolved")
          .doesNotContain("error");
      assertThat(upstream.requests().getLast().get("messages").toString()).contains("hello-from-tether");

      // The transcript claude wrote reads back: found in its directory, bound to this session, and a sync
      // after the turn imports nothing (the turn was shown live).
      var found = control.agents().external(work.toString());
      assertThat(found).as(log).hasSize(1);
      assertThat(found.getFirst().agentSessionId()).isEqualTo(done.agentSessionId());
      assertThat(found.getFirst().attachedTo()).isEqualTo(id);
      assertThat(found.getFirst().firstPrompt()).startsWith("Please run `echo hello-from-tether`");
      assertThat(control.agents().sync(id).imported()).isZero();

      // A second turn resumes the same conversation.
      control.input(id, "Now please run `echo second-turn` too.", "test");
      Approval second = awaitApproval(control, id);
      assertThat(second.toolInput().path("command").asText()).isEqualTo("echo second-turn");
      control.decide(second.id(), new DecisionRequest("allow", null, null, null, "test"));
      Session after = awaitIdle(control, id);
      String log2 = events(control, id);
      assertThat(after.state()).as(log2).isEqualTo(SessionState.AWAITING_INPUT);
      assertThat(after.agentSessionId()).isEqualTo(done.agentSessionId());
      assertThat(log2).contains("The command printed: second-turn");
      assertThat(upstream.requests().getLast().get("messages").toString()).as("the resumed context")
          .contains("hello-from-tether", "second-turn");
      System.err.println("headless claude session log:" + log2);
    }
  }

  @Test
  void interruptingARealHeadlessTurnStopsItAndItsToolProcess() throws Exception {
    String claude = ClaudeCodeEndToEndIT.findClaude();
    Assumptions.assumeTrue(claude != null,
        "SKIPPED LOUDLY: Claude Code is not installed (set TETHER_CLAUDE_BIN or put claude on PATH; .ci/run installs it)");
    ControlService control = ControlService.open(home.resolve("data"), ControlService.Config.defaults());
    try (ScriptedOpenAiServer upstream = ScriptedOpenAiServer.start("fake-model", FakeUpstreamCommand::reply);
        TetherServer server = TetherServer.start("127.0.0.1", 0,
            new HttpOptions(TOKEN, Duration.ofSeconds(5), HttpOptions.DEFAULT_MAX_BODY),
            List.of(Backends.openAi(List.of(upstream.baseUrl()))), List.of(), 0, control)) {
      Path configDir = Files.createDirectories(home.resolve("config"));
      Files.writeString(configDir.resolve("config.toml"), "[claude.env]\nHOME = \"" + home + "\"\n");
      Map<String, String> env = Map.of("HOME", home.toString(), "PATH", System.getenv().getOrDefault("PATH", ""));
      Config config = ConfigLoader.load(configDir, env, Map.of("claude.path", claude, "headless.gateway", "true",
          "headless.model", "fake-model", "headless.interrupt_grace", "5s"));
      Headless.install(control, server.baseUrl(), TOKEN, config, env);
      String id = control.createSession(new dev.tether.control.session.NewSession(null, "claude_code",
          work.toString(), "auto")).id();
      control.start(id, "Please run `sleep 47.25` for me.", "test");
      long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
      while (sleepers().isEmpty()) {
        assertThat(System.nanoTime()).as("the tool to start: " + events(control, id)).isLessThan(deadline);
        assertThat(control.session(id).state()).as(events(control, id)).isEqualTo(SessionState.RUNNING);
        Thread.sleep(100);
      }
      long asked = System.nanoTime();
      control.interrupt(id, "test");
      Session after = awaitIdle(control, id);
      long stoppedMs = (System.nanoTime() - asked) / 1_000_000;
      assertThat(after.state()).as(events(control, id)).isEqualTo(SessionState.AWAITING_INPUT);
      long killDeadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!sleepers().isEmpty() && System.nanoTime() < killDeadline) {
        Thread.sleep(100);
      }
      assertThat(sleepers()).as("the tool's process outlived the interrupt").isEmpty();
      System.err.println("real claude stopped " + stoppedMs + " ms after the interrupt: " + events(control, id));
    }
  }

  private static List<ProcessHandle> sleepers() {
    return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("sleep 47.25"))
        .filter(ProcessHandle::isAlive).toList();
  }

  private static String post(HttpClient http, URI base, String path, String body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isLessThan(300);
    return r.body();
  }

  private static Approval awaitApproval(ControlService control, String id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (System.nanoTime() < deadline) {
      List<Approval> pending = control.approvals(id, ApprovalStatus.PENDING);
      if (!pending.isEmpty()) {
        return pending.getFirst();
      }
      Session s = control.session(id);
      assertThat(s.state()).as(events(control, id)).isNotIn(SessionState.ERROR, SessionState.AWAITING_INPUT);
      Thread.sleep(100);
    }
    throw new AssertionError("no approval was requested: " + events(control, id));
  }

  private static Session awaitIdle(ControlService control, String id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (System.nanoTime() < deadline) {
      Session s = control.session(id);
      if (s.state() == SessionState.AWAITING_INPUT || s.state() == SessionState.ERROR) {
        return s;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the turn did not finish: " + events(control, id));
  }

  private static String events(ControlService control, String id) {
    return control.events(id, 0, 1000).stream().map(e -> e.type() + " " + e.data()).toList().toString();
  }
}
