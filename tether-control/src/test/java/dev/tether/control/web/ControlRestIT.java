package dev.tether.control.web;

import static dev.tether.control.web.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST API on a real server with a real HTTP client. */
class ControlRestIT {
  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(dir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** The three calls of the original README, byte for byte as its curl examples send them. */
  @Test
  void theOriginalReadmesCurlExamplesWorkVerbatim() {
    HttpResponse<String> created = server.send(server.request("/api/sessions")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"My Task\", \"agent_type\": \"custom\"}")).build());
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode session = json(created);
    String id = session.get("id").asText();
    assertThat(id).startsWith("ses_");
    assertThat(session.get("name").asText()).isEqualTo("My Task");
    assertThat(session.get("agent_type").asText()).isEqualTo("custom");
    assertThat(session.get("state").asText()).isEqualTo("created");
    assertThat(session.get("approval_mode").asText()).isEqualTo("ask");

    HttpResponse<String> pushed = server.send(server.request("/api/sessions/" + id + "/events")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"type\": \"output\", \"data\": {\"text\": \"Hello from agent\"}}"))
        .build());
    assertThat(pushed.statusCode()).isEqualTo(201);
    assertThat(json(pushed).get("seq").asLong()).isEqualTo(3); // 1: created, 2: running (first event), 3: output
    assertThat(json(pushed).get("ok").asBoolean()).isTrue();

    HttpResponse<String> polled = server.send(server.request("/api/sessions/" + id + "/events/poll?since_seq=0").GET().build());
    assertThat(polled.statusCode()).isEqualTo(200);
    assertThat(json(polled).get("events").size()).isZero(); // nothing for the agent yet

    server.post("/api/sessions/" + id + "/input", "{\"text\": \"Please continue\"}");
    JsonNode events = json(server.get("/api/sessions/" + id + "/events/poll?since_seq=0")).get("events");
    assertThat(events).hasSize(1);
    assertThat(events.get(0).get("type").asText()).isEqualTo("user_input");
    assertThat(events.get(0).get("data").get("text").asText()).isEqualTo("Please continue");
    assertThat(events.get(0).get("seq").asLong()).isEqualTo(4);
    assertThat(events.get(0).get("session_id").asText()).isEqualTo(id);
  }

  @Test
  void theHistoryHoldsEveryEventInTheEnvelopeWithGapFreeSeq() {
    String id = server.newSession("history");
    server.post("/api/sessions/" + id + "/events", "{\"type\":\"output\",\"data\":{\"text\":\"a\"}}");
    server.post("/api/sessions/" + id + "/events", "{\"type\":\"status\",\"data\":{\"status\":\"done\"}}");
    server.post("/api/sessions/" + id + "/input", "{\"text\":\"more\"}");
    JsonNode events = json(server.get("/api/sessions/" + id + "/events?after=0&limit=100")).get("events");
    assertThat(events).extracting(e -> e.get("seq").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(events).extracting(e -> e.get("type").asText())
        .containsExactly("state", "state", "output", "state", "state", "user_input");
    assertThat(events).extracting(e -> e.path("data").path("state").asText(""))
        .containsExactly("created", "running", "", "awaiting_input", "running", "");
    JsonNode first = events.get(0);
    assertThat(first.fieldNames()).toIterable().containsExactly("session_id", "seq", "ts", "type", "data");
    assertThat(first.get("ts").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(json(server.get("/api/sessions/" + id + "/events?after=4&limit=1")).get("events"))
        .extracting(e -> e.get("seq").asLong()).containsExactly(5L);
  }

  @Test
  void illegalTransitionsAre409WithTheErrorEnvelope() {
    String id = server.newSession("ending");
    assertThat(server.post("/api/sessions/" + id + "/events", "{\"type\":\"status\",\"data\":{\"status\":\"ended\"}}")
        .statusCode()).isEqualTo(201);
    HttpResponse<String> r = server.post("/api/sessions/" + id + "/events", "{\"type\":\"output\",\"data\":{\"text\":\"late\"}}");
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(json(r).get("error").get("code").asText()).isEqualTo("invalid_state");
    assertThat(json(r).get("error").get("message").asText()).contains("has ended");
    HttpResponse<String> start = server.post("/api/sessions/" + id + "/start", "{}");
    assertThat(start.statusCode()).isEqualTo(409);
    String running = server.newSession("running");
    server.post("/api/sessions/" + running + "/start", "{\"prompt\":\"go\"}");
    assertThat(json(server.post("/api/sessions/" + running + "/start", "{}")).get("error").get("message").asText())
        .contains("is running");
  }

  @Test
  void badRequestsGetTheRightStatusAndCode() {
    assertThat(server.get("/api/sessions/ses_nope").statusCode()).isEqualTo(404);
    assertThat(json(server.get("/api/sessions/ses_nope")).get("error").get("code").asText()).isEqualTo("not_found");
    HttpResponse<String> badJson = server.post("/api/sessions", "{\"name\": ");
    assertThat(badJson.statusCode()).isEqualTo(400);
    assertThat(json(badJson).get("error").get("code").asText()).isEqualTo("invalid_request");
    HttpResponse<String> badMode = server.post("/api/sessions", "{\"approval_mode\":\"yolo\"}");
    assertThat(badMode.statusCode()).isEqualTo(422);
    assertThat(json(badMode).get("error").get("message").asText()).contains("ask, auto-edits or auto");
    String id = server.newSession("x");
    HttpResponse<String> badType = server.post("/api/sessions/" + id + "/events", "{\"type\":\"nonsense\",\"data\":{}}");
    assertThat(badType.statusCode()).isEqualTo(422);
    assertThat(server.post("/api/sessions/" + id + "/input", "{\"text\":\"\"}").statusCode()).isEqualTo(422);
    assertThat(server.get("/api/nothing-here").statusCode()).isEqualTo(404);
    assertThat(json(server.get("/api/nothing-here")).get("error").get("code").asText()).isEqualTo("not_found");
    assertThat(server.get("/api/sessions?limit=0").statusCode()).isEqualTo(422);
  }

  @Test
  void sessionsListByStateAndDirectoryWithPaging() {
    String a = server.newSession("a");
    server.post("/api/sessions", "{\"name\":\"b\",\"directory\":\"/work/project\"}");
    server.post("/api/sessions", "{\"name\":\"c\",\"directory\":\"/work/project/sub\"}");
    server.post("/api/sessions/" + a + "/start", "{}");
    assertThat(json(server.get("/api/sessions?state=running")).get("sessions"))
        .extracting(s -> s.get("id").asText()).containsExactly(a);
    assertThat(json(server.get("/api/sessions?directory=/work/project")).get("sessions"))
        .extracting(s -> s.get("name").asText()).containsExactly("c", "b");
    JsonNode page = json(server.get("/api/sessions?limit=2"));
    assertThat(page.get("sessions")).hasSize(2);
    assertThat(page.get("has_more").asBoolean()).isTrue();
    assertThat(json(server.get("/api/sessions?limit=2&offset=2")).get("has_more").asBoolean()).isFalse();
    assertThat(json(server.get("/api/sessions?id_prefix=" + a.substring(0, 8))).get("sessions").size()).isPositive();
  }

  @Test
  void patchRenamesAndSwitchesModesAndBindsTheAgentSessionOnce() {
    String id = server.newSession("old");
    JsonNode s = json(server.patch("/api/sessions/" + id, "{\"name\":\"new\",\"approval_mode\":\"auto-edits\",\"away\":true}"));
    assertThat(s.get("name").asText()).isEqualTo("new");
    assertThat(s.get("approval_mode").asText()).isEqualTo("auto-edits");
    assertThat(s.get("away").asBoolean()).isTrue();
    assertThat(server.patch("/api/sessions/" + id, "{\"agent_session_id\":\"abc\"}").statusCode()).isEqualTo(200);
    assertThat(server.patch("/api/sessions/" + id, "{\"agent_session_id\":\"abc\"}").statusCode()).isEqualTo(200);
    assertThat(server.patch("/api/sessions/" + id, "{\"agent_session_id\":\"other\"}").statusCode()).isEqualTo(409);
    assertThat(server.patch("/api/sessions/" + id, "{}").statusCode()).isEqualTo(422);
    JsonNode last = json(server.get("/api/sessions/" + id + "/events?after=1")).get("events").get(0);
    assertThat(last.get("type").asText()).isEqualTo("session_updated");
    assertThat(last.get("data").get("away").asBoolean()).isTrue();
  }

  @Test
  void aBusySessionIsDeletedOnlyWithForce() {
    String id = server.newSession("busy");
    server.post("/api/sessions/" + id + "/start", "{}");
    assertThat(server.delete("/api/sessions/" + id).statusCode()).isEqualTo(409);
    assertThat(server.delete("/api/sessions/" + id + "?force=true").statusCode()).isEqualTo(204);
    assertThat(server.get("/api/sessions/" + id).statusCode()).isEqualTo(404);
    String idle = server.newSession("idle");
    assertThat(server.delete("/api/sessions/" + idle).statusCode()).isEqualTo(204);
  }

  @Test
  void interruptTellsTheAgentAndIsIdempotentWhenIdle() {
    String id = server.newSession("work");
    server.post("/api/sessions/" + id + "/start", "{\"prompt\":\"build it\"}");
    JsonNode s = json(server.post("/api/sessions/" + id + "/interrupt", "{}"));
    assertThat(s.get("state").asText()).isEqualTo("interrupting");
    JsonNode forAgent = json(server.get("/api/sessions/" + id + "/events/poll?since_seq=0")).get("events");
    assertThat(forAgent).extracting(e -> e.get("type").asText()).containsExactly("user_input", "interrupt");
    server.post("/api/sessions/" + id + "/events", "{\"type\":\"status\",\"data\":{\"status\":\"awaiting_input\"}}");
    assertThat(json(server.post("/api/sessions/" + id + "/interrupt", "{}")).get("state").asText()).isEqualTo("awaiting_input");
  }

  @Test
  void aLongPollReturnsAsSoonAsInputArrives() throws Exception {
    String id = server.newSession("waiting");
    long started = System.nanoTime();
    CompletableFuture<HttpResponse<String>> poll = server.http.sendAsync(
        server.request("/api/sessions/" + id + "/events/poll?since_seq=0&wait=20").GET().build(),
        HttpResponse.BodyHandlers.ofString());
    Thread.sleep(300);
    assertThat(poll).isNotDone();
    server.post("/api/sessions/" + id + "/input", "{\"text\":\"now\"}");
    HttpResponse<String> r = poll.get();
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(10_000);
    assertThat(json(r).get("events").get(0).get("data").get("text").asText()).isEqualTo("now");
    HttpResponse<String> empty = server.get("/api/sessions/" + id + "/events/poll?since_seq=100&wait=0.2");
    assertThat(json(empty).get("events").size()).isZero();
  }

  @Test
  void usageEventsAddUpToTheSessionsTotals() {
    String id = server.newSession("tokens");
    server.post("/api/sessions/" + id + "/events", "{\"type\":\"usage\",\"data\":{\"input_tokens\":100,\"output_tokens\":20,\"cost_usd\":0.5}}");
    server.post("/api/sessions/" + id + "/events", "{\"type\":\"usage\",\"data\":{\"input_tokens\":50,\"output_tokens\":5}}");
    JsonNode usage = json(server.get("/api/sessions/" + id + "/usage"));
    assertThat(usage.get("input_tokens").asLong()).isEqualTo(150);
    assertThat(usage.get("output_tokens").asLong()).isEqualTo(25);
    assertThat(usage.get("cost_usd").asDouble()).isEqualTo(0.5);
  }

  @Test
  void theOlderExternalAgentApiMapsOntoTheSameSessions() {
    JsonNode created = json(server.post("/api/external/sessions",
        "{\"agent_metadata\":{\"name\":\"bot\",\"type\":\"my-bot\",\"workspace\":\"/work/bot\"},\"session_name\":\"Bot task\"}"));
    String id = created.get("session_id").asText();
    assertThat(json(server.get("/api/sessions/" + id)).get("name").asText()).isEqualTo("Bot task");
    server.post("/api/external/sessions/" + id + "/events", "{\"type\":\"output\",\"data\":{\"text\":\"hi\"}}");
    JsonNode asked = json(server.post("/api/external/sessions/" + id + "/events",
        "{\"type\":\"approval_request\",\"data\":{\"request_id\":\"req-1\",\"title\":\"Deploy?\",\"options\":[\"yes\",\"no\"]}}"));
    assertThat(asked.get("approval_id").asText()).startsWith("apr_");
    server.post("/api/sessions/" + id + "/input", "{\"text\":\"hello bot\"}");
    assertThat(server.post("/api/external/sessions/" + id + "/approvals/req-1/respond", "{\"option\":\"yes\"}").statusCode())
        .isEqualTo(200);
    JsonNode events = json(server.get("/api/external/sessions/" + id + "/events?since_seq=0")).get("events");
    assertThat(events).extracting(e -> e.get("type").asText()).containsExactly("human_input", "approval_response");
    assertThat(events.get(0).get("data").get("text").asText()).isEqualTo("hello bot");
    assertThat(events.get(1).get("data").get("request_id").asText()).isEqualTo("req-1");
    assertThat(events.get(1).get("data").get("approved").asBoolean()).isTrue();
    assertThat(events.get(1).get("data").get("option").asText()).isEqualTo("yes");
  }
}
