package dev.tether.control.web;

import static dev.tether.control.web.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.control.ControlService;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/hooks/{event}} fed the payload shapes Claude Code writes (test resources
 * {@code hooks/}): the events each hook logs, away-mode decisions, timeouts, rules, and Stop handing
 * over remote messages.
 */
class HooksIT {
  static final String CLAUDE_SESSION = "7c0d5b7e-1c3a-4d0e-9a55-2f6a0c1d9e11";

  @TempDir Path dir;
  TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private TestServer start(ControlService.Config config) {
    server = TestServer.start(dir, TestServer.TOKEN, Duration.ofSeconds(15), config);
    return server;
  }

  private TestServer start() {
    return start(ControlService.Config.defaults().withStopWait(Duration.ofSeconds(5)));
  }

  static String payload(String event) {
    try (InputStream in = HooksIT.class.getResourceAsStream("/hooks/" + event + ".json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> hook(String event, String query) {
    return hookWith(event, payload(event), query);
  }

  private HttpResponse<String> hookWith(String event, String body, String query) {
    return server.post("/api/hooks/" + event + (query.isEmpty() ? "" : "?" + query), body);
  }

  private JsonNode session() {
    JsonNode sessions = json(server.get("/api/sessions")).get("sessions");
    assertThat(sessions).hasSize(1);
    return sessions.get(0);
  }

  private List<JsonNode> events(String session, String type) {
    List<JsonNode> out = new ArrayList<>();
    json(server.get("/api/sessions/" + session + "/events?limit=1000")).get("events").forEach(e -> {
      if (e.get("type").asText().equals(type)) {
        out.add(e.get("data"));
      }
    });
    return out;
  }

  private JsonNode pendingApproval(String session) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      JsonNode pending = json(server.get("/api/sessions/" + session + "/approvals?status=pending")).get("approvals");
      if (pending != null && !pending.isEmpty()) {
        return pending.get(0);
      }
      Thread.sleep(25);
    }
    throw new AssertionError("no pending approval in " + session);
  }

  private String startedSession() {
    assertThat(hook("SessionStart", "").statusCode()).isEqualTo(200);
    return session().get("id").asText();
  }

  @Test
  void aLaunchedSessionReportsItsWholeLifeIntoTheLog() {
    start();
    HttpResponse<String> started = hook("SessionStart", "");
    assertThat(started.statusCode()).isEqualTo(200);
    assertThat(started.body()).isEmpty();
    JsonNode s = session();
    assertThat(s.get("agent_type").asText()).isEqualTo("claude_code");
    assertThat(s.get("agent_session_id").asText()).isEqualTo(CLAUDE_SESSION);
    assertThat(s.get("directory").asText()).isEqualTo("/work/project");
    assertThat(s.get("state").asText()).isEqualTo("running");
    String id = s.get("id").asText();

    assertThat(hook("UserPromptSubmit", "").body()).isEmpty();
    assertThat(events(id, "user_input")).singleElement().satisfies(in -> {
      assertThat(in.get("text").asText()).isEqualTo("say hello with bash");
      assertThat(in.get("by").asText()).isEqualTo("terminal");
    });

    HttpResponse<String> pre = hook("PreToolUse", "");
    assertThat(pre.statusCode()).isEqualTo(200);
    assertThat(pre.body()).as("at the desk: no decision, claude asks in its terminal").isEmpty();
    assertThat(hook("PostToolUse", "").body()).isEmpty();
    List<JsonNode> outputs = events(id, "output");
    assertThat(outputs).hasSize(2);
    assertThat(outputs.get(0).get("kind").asText()).isEqualTo("tool_call");
    assertThat(outputs.get(0).get("segments").get(0).get("label").asText()).isEqualTo("Bash");
    assertThat(outputs.get(0).get("segments").get(0).get("text").asText()).isEqualTo("echo hello");
    assertThat(outputs.get(1).get("kind").asText()).isEqualTo("tool_result");
    assertThat(outputs.get(1).get("segments").get(0).get("text").asText()).isEqualTo("hello");
    assertThat(events(id, "approval_requested")).isEmpty();

    assertThat(hook("Notification", "").body()).isEmpty();
    assertThat(events(id, "notification")).singleElement().satisfies(n -> {
      assertThat(n.get("message").asText()).isEqualTo("Claude needs your permission to use Bash");
      assertThat(n.get("kind").asText()).isEqualTo("permission_prompt");
    });

    assertThat(hook("Stop", "").body()).as("no messages and not away: claude stops").isEmpty();
    assertThat(session().get("state").asText()).isEqualTo("awaiting_input");
    assertThat(events(id, "output").getLast().get("text").asText()).isEqualTo("Done: it printed hello.");

    assertThat(hook("SessionEnd", "").body()).isEmpty();
    assertThat(session().get("state").asText()).isEqualTo("ended");
    assertThat(hook("SessionEnd", "").statusCode()).as("ending twice is a no-op").isEqualTo(200);
  }

  @Test
  void hooksRunAgainFindTheSameSessionAndLogARetriedToolCallOnce() {
    start();
    String id = startedSession();
    hook("SessionStart", "");
    hook("PreToolUse", "");
    hook("PreToolUse", "");
    assertThat(json(server.get("/api/sessions")).get("sessions")).hasSize(1);
    assertThat(events(id, "output")).hasSize(1);
  }

  @Test
  void aHookOfAnUnknownSessionMakesIt() {
    start();
    hook("PreToolUse", "");
    JsonNode s = session();
    assertThat(s.get("agent_session_id").asText()).isEqualTo(CLAUDE_SESSION);
    assertThat(events(s.get("id").asText(), "output")).hasSize(1);
  }

  @Test
  void awayPreToolUseWaitsForTheAnswerAndAllows() throws Exception {
    start();
    String id = startedSession();
    assertThat(server.patch("/api/sessions/" + id, "{\"away\":true}").statusCode()).isEqualTo(200);
    CompletableFuture<HttpResponse<String>> pre = CompletableFuture.supplyAsync(() -> hook("PreToolUse", ""));
    JsonNode approval = pendingApproval(id);
    assertThat(approval.get("tool_name").asText()).isEqualTo("Bash");
    assertThat(approval.get("request_id").asText()).isEqualTo("toolu_01ABC");
    assertThat(approval.get("description").asText()).isEqualTo("Print hello");
    assertThat(session().get("state").asText()).isEqualTo("awaiting_approval");
    assertThat(pre).isNotDone();
    server.post("/api/approvals/" + approval.get("id").asText() + "/decision", "{\"decision\":\"allow\",\"by\":\"phone\"}");
    JsonNode answer = json(pre.get());
    JsonNode specific = answer.get("hookSpecificOutput");
    assertThat(specific.get("hookEventName").asText()).isEqualTo("PreToolUse");
    assertThat(specific.get("permissionDecision").asText()).isEqualTo("allow");
    assertThat(specific.get("permissionDecisionReason").asText()).contains("phone");
    assertThat(session().get("state").asText()).isEqualTo("running");
  }

  @Test
  void aDenyCarriesTheUsersReasonForTheModel() throws Exception {
    start();
    String id = startedSession();
    server.patch("/api/sessions/" + id, "{\"away\":true}");
    CompletableFuture<HttpResponse<String>> pre = CompletableFuture.supplyAsync(() -> hook("PreToolUse", ""));
    JsonNode approval = pendingApproval(id);
    server.post("/api/approvals/" + approval.get("id").asText() + "/decision",
        "{\"decision\":\"deny\",\"reason\":\"use printf instead\",\"by\":\"cli\"}");
    JsonNode specific = json(pre.get()).get("hookSpecificOutput");
    assertThat(specific.get("permissionDecision").asText()).isEqualTo("deny");
    assertThat(specific.get("permissionDecisionReason").asText())
        .contains("The user denied this Bash call").contains("use printf instead");
  }

  @Test
  void nobodyAnsweringDeniesWithAReasonTheModelCanActOn() throws Exception {
    start(ControlService.Config.defaults().withApprovalTimeout(Duration.ofMillis(400)));
    String id = startedSession();
    server.patch("/api/sessions/" + id, "{\"away\":true}");
    JsonNode specific = json(hook("PreToolUse", "")).get("hookSpecificOutput");
    assertThat(specific.get("permissionDecision").asText()).isEqualTo("deny");
    assertThat(specific.get("permissionDecisionReason").asText())
        .contains("away from the terminal").contains("Do not retry it right away");
    assertThat(events(id, "approval_resolved").getLast().get("resolved_by").asText()).isEqualTo("timeout");
  }

  @Test
  void rulesAnswerBeforeAnyoneIsAsked() {
    start();
    String id = startedSession();
    server.patch("/api/sessions/" + id, "{\"away\":true}");
    assertThat(server.post("/api/rules", "{\"pattern\":\"Bash(echo:*)\",\"decision\":\"allow\"}").statusCode())
        .isEqualTo(201);
    JsonNode specific = json(hook("PreToolUse", "")).get("hookSpecificOutput");
    assertThat(specific.get("permissionDecision").asText()).isEqualTo("allow");
    assertThat(specific.get("permissionDecisionReason").asText()).isEqualTo("Allowed by the Tether rule Bash(echo:*).");

    server.post("/api/rules", "{\"pattern\":\"Bash(rm:*)\",\"decision\":\"deny\"}");
    String rm = payload("PreToolUse").replace("echo hello", "rm -rf build").replace("toolu_01ABC", "toolu_02");
    JsonNode denied = json(hookWith("PreToolUse", rm, "")).get("hookSpecificOutput");
    assertThat(denied.get("permissionDecision").asText()).isEqualTo("deny");
    assertThat(denied.get("permissionDecisionReason").asText()).startsWith("Denied by the Tether rule Bash(rm:*)");
  }

  @Test
  void theGlobalSwitchAndTheRemoteFlagGateToo() throws Exception {
    start(ControlService.Config.defaults().withApprovalTimeout(Duration.ofMillis(300)));
    String id = startedSession();
    assertThat(json(server.get("/api/away")).get("away").asBoolean()).isFalse();
    HttpResponse<String> on = server.send(server.request("/api/away").header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString("{\"away\":true}")).build());
    assertThat(json(on).get("away").asBoolean()).isTrue();
    assertThat(json(hook("PreToolUse", "")).get("hookSpecificOutput").get("permissionDecision").asText())
        .isEqualTo("deny");
    server.send(server.request("/api/away").header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString("{\"away\":false}")).build());
    String next = payload("PreToolUse").replace("toolu_01ABC", "toolu_03");
    assertThat(hookWith("PreToolUse", next, "").body()).isEmpty();
    String remote = payload("PreToolUse").replace("toolu_01ABC", "toolu_04");
    assertThat(json(hookWith("PreToolUse", remote, "remote=1")).get("hookSpecificOutput")
        .get("permissionDecision").asText()).isEqualTo("deny");
    assertThat(events(id, "approval_requested")).hasSize(2);
    HttpResponse<String> bad = server.send(server.request("/api/away").header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString("{\"away\":\"yes\"}")).build());
    assertThat(bad.statusCode()).isEqualTo(422);
  }

  @Test
  void aMessageQueuedDuringTheTurnContinuesClaudeAtStop() {
    start();
    String id = startedSession();
    hook("UserPromptSubmit", "");
    assertThat(server.post("/api/sessions/" + id + "/input", "{\"text\":\"now run the tests\",\"by\":\"phone\"}")
        .statusCode()).isEqualTo(201);
    JsonNode block = json(hook("Stop", ""));
    assertThat(block.get("decision").asText()).isEqualTo("block");
    assertThat(block.get("reason").asText()).isEqualTo("now run the tests");
    assertThat(session().get("state").asText()).isEqualTo("running");
    assertThat(hook("Stop", "").body()).as("a message is handed over once").isEmpty();
  }

  @Test
  void awayStopWaitsForARemoteMessage() throws Exception {
    start();
    String id = startedSession();
    server.patch("/api/sessions/" + id, "{\"away\":true}");
    CompletableFuture<HttpResponse<String>> stop = CompletableFuture.supplyAsync(() -> hook("Stop", ""));
    for (int i = 0; i < 200 && !session().get("state").asText().equals("awaiting_input"); i++) {
      Thread.sleep(25);
    }
    assertThat(stop).isNotDone();
    server.post("/api/sessions/" + id + "/input", "{\"text\":\"also update the README\",\"by\":\"telegram\"}");
    JsonNode block = json(stop.get());
    assertThat(block.get("decision").asText()).isEqualTo("block");
    assertThat(block.get("reason").asText()).isEqualTo("also update the README");
  }

  @Test
  void awayStopGivesUpAfterTheConfiguredWait() {
    start(ControlService.Config.defaults().withStopWait(Duration.ofMillis(300)));
    String id = startedSession();
    server.patch("/api/sessions/" + id, "{\"away\":true}");
    long t0 = System.nanoTime();
    assertThat(hook("Stop", "").body()).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(session().get("state").asText()).isEqualTo("awaiting_input");
  }

  @Test
  void interruptingAWaitingToolCallStopsClaudesTurn() throws Exception {
    start();
    String id = startedSession();
    server.patch("/api/sessions/" + id, "{\"away\":true}");
    CompletableFuture<HttpResponse<String>> pre = CompletableFuture.supplyAsync(() -> hook("PreToolUse", ""));
    pendingApproval(id);
    server.post("/api/sessions/" + id + "/interrupt", "{}");
    JsonNode answer = json(pre.get());
    assertThat(answer.get("continue").asBoolean()).isFalse();
    assertThat(answer.get("hookSpecificOutput").get("permissionDecision").asText()).isEqualTo("deny");
    assertThat(session().get("state").asText()).isEqualTo("awaiting_input");
  }

  @Test
  void aManagedSessionIsBoundAndOutlivesEachClaudeProcess() {
    start();
    String id = server.newSession("headless");
    hook("SessionStart", "session=" + id + "&remote=1");
    JsonNode s = session();
    assertThat(s.get("id").asText()).isEqualTo(id);
    assertThat(s.get("agent_session_id").asText()).isEqualTo(CLAUDE_SESSION);
    server.post("/api/sessions/" + id + "/input", "{\"text\":\"say hello with bash\",\"by\":\"web\"}");
    hook("UserPromptSubmit", "session=" + id + "&remote=1");
    assertThat(events(id, "user_input")).as("the runner's prompt is not logged twice").hasSize(1);
    assertThat(hook("Stop", "session=" + id + "&remote=1").body()).isEmpty();
    hook("SessionEnd", "session=" + id + "&remote=1");
    assertThat(session().get("state").asText()).isNotEqualTo("ended");
  }

  @Test
  void badHookCallsGetClearErrors() {
    start();
    assertThat(hookWith("Pre-Tool", "{}", "").statusCode()).isEqualTo(422);
    assertThat(hookWith("PreToolUse", "{\"cwd\":\"/x\"}", "").statusCode()).isEqualTo(422);
    assertThat(hookWith("PreToolUse", "[1]", "").statusCode()).isEqualTo(400);
    assertThat(hookWith("PreToolUse", "{not json", "").statusCode()).isEqualTo(400);
    HttpResponse<String> anonymous = server.send(HttpRequest.newBuilder(server.base.resolve("/api/hooks/Stop"))
        .POST(HttpRequest.BodyPublishers.ofString(payload("Stop"))).build());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(hookWith("PostToolUseFailure", payload("PostToolUse"), "").body())
        .as("events this version does not hook get no decision").isEmpty();
  }
}
