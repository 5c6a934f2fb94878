package dev.tether.control.agent;

import static dev.tether.control.agent.FakeClaude.await;
import static dev.tether.control.agent.FakeClaude.awaitState;
import static dev.tether.control.agent.TranscriptTree.assistantText;
import static dev.tether.control.agent.TranscriptTree.user;
import static dev.tether.control.web.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.control.event.Event;
import dev.tether.control.event.SessionEvent;
import dev.tether.control.session.SessionState;
import dev.tether.control.web.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attach and sync over REST: discovery, history import, idempotent sync, continuing headless. */
class AttachSyncIT {
  static final String ID = "d0d0d0d0-4444-4000-8000-000000000004";

  @TempDir Path tmp;
  TestServer server;
  FakeClaude claude;
  TranscriptTree tree;
  String cwd;

  @BeforeEach
  void setUp() throws Exception {
    server = TestServer.start(tmp.resolve("data"));
    claude = new FakeClaude(tmp.resolve("fake"));
    claude.install(server.service, Duration.ofMillis(500));
    tree = new TranscriptTree(claude.claudeHome);
    cwd = Files.createDirectories(tmp.resolve("project")).toString();
    tree.append(cwd, ID,
        user("r1", ID, cwd, "2026-11-20T10:00:00.000Z", "what does this repo do"),
        assistantText("r2", "msg_1", ID, cwd, "2026-11-20T10:00:01.000Z", "It is a gateway."),
        user("r3", ID, cwd, "2026-11-20T10:01:00.000Z", "and the tests?"),
        assistantText("r4", "msg_2", ID, cwd, "2026-11-20T10:01:01.000Z", "JUnit 5."));
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private List<SessionEvent> history(String id) {
    return server.service.events(id, 0, 1000).stream().map(Event::body)
        .filter(e -> e instanceof SessionEvent.UserInput || e instanceof SessionEvent.Output).toList();
  }

  @Test
  void listsAttachesSyncsAndContinuesAConversation() {
    JsonNode external = json(server.get("/api/external"));
    assertThat(external.get("sessions")).hasSize(1);
    JsonNode found = external.get("sessions").get(0);
    assertThat(found.get("agent_session_id").asText()).isEqualTo(ID);
    assertThat(found.get("directory").asText()).isEqualTo(cwd);
    assertThat(found.get("first_prompt").asText()).isEqualTo("what does this repo do");
    assertThat(found.get("message_count").asInt()).isEqualTo(4);
    assertThat(found.has("attached_to")).isFalse();
    assertThat(json(server.get("/api/external?directory=/elsewhere")).get("sessions")).isEmpty();

    HttpResponse<String> attached = server.post("/api/sessions/attach", "{\"agent_session_id\":\"d0d0d0\"}");
    assertThat(attached.statusCode()).isEqualTo(201);
    JsonNode body = json(attached);
    assertThat(body.get("imported").asInt()).isEqualTo(4);
    JsonNode session = body.get("session");
    String id = session.get("id").asText();
    assertThat(session.get("agent_type").asText()).isEqualTo("claude_code");
    assertThat(session.get("agent_session_id").asText()).isEqualTo(ID);
    assertThat(session.get("headless").asBoolean()).isTrue();
    assertThat(session.get("directory").asText()).isEqualTo(cwd);
    assertThat(session.get("state").asText()).isEqualTo("created");
    assertThat(history(id)).containsExactly(
        new SessionEvent.UserInput("what does this repo do", "transcript"),
        new SessionEvent.Output("It is a gateway.", "final", true, null),
        new SessionEvent.UserInput("and the tests?", "transcript"),
        new SessionEvent.Output("JUnit 5.", "final", true, null));
    assertThat(json(server.get("/api/external")).get("sessions").get(0).get("attached_to").asText()).isEqualTo(id);

    // Attaching again is the same session; syncing with nothing new imports nothing.
    JsonNode again = json(server.post("/api/sessions/attach", "{\"path\":\"" + tree.file(cwd, ID) + "\"}"));
    assertThat(again.get("session").get("id").asText()).isEqualTo(id);
    assertThat(again.get("imported").asInt()).isZero();
    assertThat(json(server.post("/api/sessions/" + id + "/sync", "")).get("imported").asInt()).isZero();

    // The conversation went on in the terminal: sync pulls exactly the new messages, once.
    tree.append(cwd, ID,
        user("r5", ID, cwd, "2026-11-20T11:00:00.000Z", "typed in the terminal"),
        assistantText("r6", "msg_3", ID, cwd, "2026-11-20T11:00:01.000Z", "Answered there."));
    HttpResponse<String> synced = server.post("/api/sessions/" + id + "/sync", "");
    assertThat(synced.statusCode()).isEqualTo(200);
    assertThat(json(synced).get("imported").asInt()).isEqualTo(2);
    assertThat(json(server.post("/api/sessions/" + id + "/sync", "")).get("imported").asInt()).isZero();
    assertThat(history(id)).hasSize(6).last().isEqualTo(new SessionEvent.Output("Answered there.", "final", true, null));

    // The next input continues the same conversation headless, and its turn is not imported twice.
    HttpResponse<String> input = server.post("/api/sessions/" + id + "/input", "{\"text\":\"continue here\"}");
    assertThat(input.statusCode()).isEqualTo(201);
    awaitState(server.service, id, SessionState.AWAITING_INPUT);
    assertThat(claude.logLines().getFirst()).contains("--resume " + ID);
    await("the turn's output", () -> history(id).contains(new SessionEvent.Output("You said: continue here", "final",
        true, null)));
    int before = history(id).size();
    assertThat(json(server.post("/api/sessions/" + id + "/sync", "")).get("imported").asInt()).isZero();
    assertThat(history(id)).hasSize(before);
  }

  @Test
  void badAttachRequestsGetClearErrors() {
    HttpResponse<String> none = server.post("/api/sessions/attach", "{}");
    assertThat(none.statusCode()).isEqualTo(422);
    assertThat(json(none).get("error").get("message").asText()).contains("agent_session_id");
    HttpResponse<String> unknown = server.post("/api/sessions/attach", "{\"agent_session_id\":\"ffff\"}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get("error").get("message").asText()).contains("tether list --external");
    String plain = server.newSession("plain");
    HttpResponse<String> notBound = server.post("/api/sessions/" + plain + "/sync", "");
    assertThat(notBound.statusCode()).isEqualTo(409);
    assertThat(server.post("/api/sessions/ses_nope/sync", "").statusCode()).isEqualTo(404);
  }

  @Test
  void aServerWithoutAgentsSaysSo() {
    try (TestServer bare = TestServer.start(tmp.resolve("bare"))) {
      HttpResponse<String> r = bare.get("/api/external");
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(json(r).get("error").get("message").asText()).contains("runs no agents");
    }
  }

}
