package dev.tether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.control.ControlService;
import dev.tether.control.event.Event;
import dev.tether.control.event.SessionEvent;
import dev.tether.control.session.Session;
import dev.tether.gateway.http.HttpOptions;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's replies to a Claude Code session land in the Tether session bound to its session id. */
class SessionRepliesIT {
  private static final String TOKEN = "replies-token";
  private static final String CLAUDE_SESSION = "0b8e1c52-6c1f-4f7e-8f43-3a1d2e5c7b90";
  private static final String TOOLS = ",\"tools\":[{\"name\":\"Bash\",\"description\":\"run\","
      + "\"input_schema\":{\"type\":\"object\"}}]";
  @TempDir Path dir;
  private TetherServer server;
  private ControlService control;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    control = ControlService.open(dir, ControlService.Config.defaults());
    server = TetherServer.start("127.0.0.1", 0, HttpOptions.defaults(TOKEN), List.of(new ScriptedBackend()), List.of(),
        0, control);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void message(boolean stream, String tools, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.baseUrl().resolve("/v1/messages?beta=true"))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
        .header("anthropic-version", "2023-06-01")
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"qwen2.5-coder\",\"max_tokens\":100,\"stream\":" + stream
            + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]" + tools + "}"));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private List<SessionEvent.Output> outputs(String id) throws InterruptedException {
    List<SessionEvent.Output> out = List.of();
    for (int i = 0; i < 100; i++) {
      out = control.events(id, 0, 1000).stream().map(Event::body).filter(SessionEvent.Output.class::isInstance)
          .map(SessionEvent.Output.class::cast).toList();
      if (!out.isEmpty()) {
        break;
      }
      Thread.sleep(20);
    }
    return out;
  }

  @Test
  void aMainLoopReplyBecomesTextOutputAndUsageOfTheBoundSession() throws Exception {
    Session s = control.claimAgentSession(CLAUDE_SESSION, "claude_code", dir.toString(), null);
    message(true, TOOLS, "X-Claude-Code-Session-Id", CLAUDE_SESSION);
    message(false, TOOLS, "X-Claude-Code-Session-Id", CLAUDE_SESSION);
    Thread.sleep(200);
    List<SessionEvent.Output> out = outputs(s.id());
    assertThat(out).extracting(SessionEvent.Output::kind).containsExactly("text", "text");
    assertThat(out).extracting(SessionEvent.Output::text).containsOnly("Hello from the script.");
    assertThat(control.session(s.id()).usage().inputTokens()).isPositive();
  }

  @Test
  void titleCallsSubagentsUnboundSessionsAndOtherClientsAreNotTapped() throws Exception {
    Session s = control.claimAgentSession(CLAUDE_SESSION, "claude_code", dir.toString(), null);
    message(true, ",\"tools\":[]", "X-Claude-Code-Session-Id", CLAUDE_SESSION);
    message(true, TOOLS, "X-Claude-Code-Session-Id", CLAUDE_SESSION, "x-claude-code-agent-id", "0123456789abcdef0");
    message(true, TOOLS, "X-Claude-Code-Session-Id", "11111111-2222-3333-4444-555555555555");
    message(true, TOOLS);
    Thread.sleep(300);
    assertThat(control.events(s.id(), 0, 1000)).noneMatch(e -> e.body() instanceof SessionEvent.Output);
    assertThat(control.sessions(dev.tether.control.session.SessionQuery.all()).sessions()).hasSize(1);
  }
}
