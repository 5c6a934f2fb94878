package dev.tether.control.web;

import static dev.tether.control.web.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.control.ControlService;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Approvals end to end: first answer wins, timeouts deny, rules and modes decide, cancels, restarts. */
class ApprovalsIT {
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

  private JsonNode ask(String session, String body) {
    HttpResponse<String> r = server.post("/api/sessions/" + session + "/approvals", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json(r);
  }

  private JsonNode askBash(String session, String command) {
    return ask(session, "{\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"" + command + "\"}}");
  }

  private List<JsonNode> resolutions(String session) {
    List<JsonNode> out = new ArrayList<>();
    json(server.get("/api/sessions/" + session + "/events?limit=1000")).get("events").forEach(e -> {
      if (e.get("type").asText().equals("approval_resolved")) {
        out.add(e.get("data"));
      }
    });
    return out;
  }

  @Test
  void twoConcurrentAnswersToOneApprovalExactlyOneWins() throws Exception {
    String session = server.newSession("race");
    for (int round = 0; round < 15; round++) {
      String aid = askBash(session, "make round" + round).get("approval_id").asText();
      CountDownLatch gate = new CountDownLatch(1);
      List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
      for (String decision : List.of("allow", "deny")) {
        answers.add(CompletableFuture.supplyAsync(() -> {
          try {
            gate.await();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          return server.post("/api/approvals/" + aid + "/decision", "{\"decision\":\"" + decision + "\",\"by\":\"" + decision + "-er\"}");
        }));
      }
      gate.countDown();
      List<HttpResponse<String>> responses = answers.stream().map(CompletableFuture::join).toList();
      List<HttpResponse<String>> won = responses.stream().filter(r -> r.statusCode() == 200).toList();
      List<HttpResponse<String>> lost = responses.stream().filter(r -> r.statusCode() == 409).toList();
      assertThat(won).hasSize(1);
      assertThat(lost).hasSize(1);
      assertThat(json(lost.getFirst()).get("error").get("code").asText()).isEqualTo("already_decided");
      String winner = json(won.getFirst()).get("decision").asText();
      JsonNode stored = json(server.get("/api/approvals/" + aid));
      assertThat(stored.get("decision").asText()).isEqualTo(winner);
      assertThat(stored.get("via").asText()).isEqualTo(winner + "-er");
      assertThat(resolutions(session).stream().filter(r -> r.get("approval_id").asText().equals(aid))).hasSize(1);
    }
  }

  @Test
  void theAgentLearnsAHumansDecisionFromItsPoll() {
    String session = server.newSession("poller");
    JsonNode asked = askBash(session, "rm -rf build");
    long since = asked.get("seq").asLong();
    server.post("/api/approvals/" + asked.get("approval_id").asText() + "/decision", "{\"decision\":\"deny\",\"reason\":\"not now\"}");
    JsonNode events = json(server.get("/api/sessions/" + session + "/events/poll?since_seq=" + since)).get("events");
    assertThat(events).hasSize(1);
    JsonNode data = events.get(0).get("data");
    assertThat(events.get(0).get("type").asText()).isEqualTo("approval_resolved");
    assertThat(data.get("approval_id").asText()).isEqualTo(asked.get("approval_id").asText());
    assertThat(data.get("decision").asText()).isEqualTo("deny");
    assertThat(data.get("allowed").asBoolean()).isFalse();
    assertThat(data.get("reason").asText()).isEqualTo("not now");
    assertThat(data.get("resolved_by").asText()).isEqualTo("human");
    assertThat(json(server.get("/api/sessions/" + session)).get("state").asText()).isEqualTo("running");
  }

  @Test
  void nobodyAnsweringInTimeMeansDeny() {
    String session = server.newSession("slow human");
    JsonNode asked = ask(session, "{\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"ls\"},\"timeout_seconds\":0.5}");
    assertThat(asked.get("status").asText()).isEqualTo("pending");
    assertThat(json(server.get("/api/sessions/" + session)).get("state").asText()).isEqualTo("awaiting_approval");
    JsonNode decided = json(server.get("/api/approvals/" + asked.get("approval_id").asText() + "?wait=10"));
    assertThat(decided.get("status").asText()).isEqualTo("denied");
    assertThat(decided.get("resolved_by").asText()).isEqualTo("timeout");
    assertThat(resolutions(session)).singleElement().satisfies(r -> assertThat(r.get("resolved_by").asText()).isEqualTo("timeout"));
    assertThat(json(server.get("/api/sessions/" + session)).get("state").asText()).isEqualTo("running");
    HttpResponse<String> late = server.post("/api/approvals/" + asked.get("approval_id").asText() + "/decision", "{\"decision\":\"allow\"}");
    assertThat(late.statusCode()).isEqualTo(409);
  }

  @Test
  void askingWithWaitReturnsTheDecisionOnceItIsMade() throws Exception {
    String session = server.newSession("waiter");
    CompletableFuture<HttpResponse<String>> asking = CompletableFuture.supplyAsync(() ->
        server.post("/api/sessions/" + session + "/approvals?wait=20", "{\"title\":\"Deploy?\",\"options\":[\"staging\",\"prod\"]}"));
    JsonNode pending = null;
    for (int i = 0; i < 100 && pending == null; i++) {
      JsonNode list = json(server.get("/api/approvals?state=pending")).get("approvals");
      pending = list.isEmpty() ? null : list.get(0);
      Thread.sleep(20);
    }
    assertThat(pending).isNotNull();
    assertThat(pending.get("title").asText()).isEqualTo("Deploy?");
    assertThat(server.post("/api/approvals/" + pending.get("approval_id").asText() + "/decision",
        "{\"decision\":\"allow\",\"choice\":\"prod\"}").statusCode()).isEqualTo(200);
    JsonNode answered = json(asking.get());
    assertThat(answered.get("status").asText()).isEqualTo("allowed");
    assertThat(answered.get("choice").asText()).isEqualTo("prod");
  }

  @Test
  void aChoiceMustBeOneOfTheOptions() {
    String session = server.newSession("choice");
    String aid = ask(session, "{\"title\":\"Pick\",\"options\":[\"a\",\"b\"]}").get("approval_id").asText();
    assertThat(server.post("/api/approvals/" + aid + "/decision", "{\"decision\":\"allow\",\"choice\":\"c\"}").statusCode())
        .isEqualTo(422);
    assertThat(server.post("/api/approvals/" + aid + "/decision", "{\"decision\":\"maybe\"}").statusCode()).isEqualTo(422);
    assertThat(server.post("/api/approvals/apr_nope/decision", "{\"decision\":\"allow\"}").statusCode()).isEqualTo(404);
  }

  @Test
  void restRulesAllowAndDenyByPatternScopeAndExpiry() throws Exception {
    String session = server.newSession("rules");
    HttpResponse<String> added = server.post("/api/rules", "{\"pattern\":\"Bash(npm test:*)\",\"scope\":\"global\"}");
    assertThat(added.statusCode()).isEqualTo(201);
    String ruleId = json(added).get("id").asText();
    JsonNode allowed = askBash(session, "npm test --watch");
    assertThat(allowed.get("status").asText()).isEqualTo("allowed");
    assertThat(allowed.get("resolved_by").asText()).isEqualTo("rule");
    assertThat(allowed.get("rule_id").asText()).isEqualTo(ruleId);
    assertThat(askBash(session, "npm test && rm -rf /").get("status").asText()).isEqualTo("pending");
    assertThat(askBash(session, "npm testing").get("status").asText()).isEqualTo("pending");

    server.post("/api/rules", "{\"pattern\":\"Bash(npm test -- --updateSnapshot)\",\"decision\":\"deny\",\"session_id\":\"" + session + "\"}");
    JsonNode denied = askBash(session, "npm test -- --updateSnapshot");
    assertThat(denied.get("status").asText()).isEqualTo("denied");

    server.post("/api/rules", "{\"pattern\":\"Read(src/**)\",\"scope\":\"directory\",\"directory\":\"/work/app\"}");
    String inApp = json(server.post("/api/sessions", "{\"name\":\"app\",\"directory\":\"/work/app\"}")).get("id").asText();
    assertThat(ask(inApp, "{\"tool_name\":\"Read\",\"tool_input\":{\"file_path\":\"/work/app/src/Main.java\"}}")
        .get("status").asText()).isEqualTo("allowed");
    assertThat(ask(inApp, "{\"tool_name\":\"Read\",\"tool_input\":{\"file_path\":\"/etc/passwd\"}}")
        .get("status").asText()).isEqualTo("pending");
    assertThat(ask(session, "{\"tool_name\":\"Read\",\"tool_input\":{\"file_path\":\"/work/app/src/Main.java\"}}")
        .get("status").asText()).isEqualTo("pending"); // that session is not in /work/app

    server.post("/api/rules", "{\"pattern\":\"WebFetch\",\"for\":\"0.3s\"}");
    Thread.sleep(400);
    assertThat(ask(session, "{\"tool_name\":\"WebFetch\",\"tool_input\":{\"url\":\"https://x.org\"}}").get("status").asText())
        .isEqualTo("pending");
    assertThat(json(server.get("/api/rules")).get("rules")).extracting(r -> r.get("pattern").asText())
        .containsExactly("Bash(npm test:*)", "Bash(npm test -- --updateSnapshot)", "Read(src/**)");

    assertThat(server.delete("/api/rules/" + ruleId).statusCode()).isEqualTo(204);
    assertThat(askBash(session, "npm test").get("status").asText()).isEqualTo("pending");
    assertThat(server.delete("/api/rules/" + ruleId).statusCode()).isEqualTo(404);
    assertThat(server.post("/api/rules", "{\"pattern\":\"Bash(unclosed\"}").statusCode()).isEqualTo(422);
  }

  @Test
  void aRuleGivenWithADecisionAnswersPendingAndLaterRequests() {
    String session = server.newSession("allow for 30 min");
    String first = askBash(session, "git status").get("approval_id").asText();
    String second = askBash(session, "git log").get("approval_id").asText();
    JsonNode decided = json(server.post("/api/approvals/" + first + "/decision",
        "{\"decision\":\"allow\",\"rule\":{\"pattern\":\"Bash(git:*)\",\"for\":\"30m\"},\"by\":\"web\"}"));
    assertThat(decided.get("resolved_by").asText()).isEqualTo("human");
    String ruleId = decided.get("rule_id").asText();
    JsonNode other = json(server.get("/api/approvals/" + second));
    assertThat(other.get("status").asText()).isEqualTo("allowed");
    assertThat(other.get("resolved_by").asText()).isEqualTo("rule");
    assertThat(askBash(session, "git diff").get("rule_id").asText()).isEqualTo(ruleId);
    JsonNode rule = json(server.get("/api/rules")).get("rules").get(0);
    assertThat(rule.get("scope").asText()).isEqualTo("session");
    assertThat(rule.get("created_by").asText()).isEqualTo("web");
    assertThat(rule.get("expires_at").asText()).isNotBlank();
    assertThat(json(server.get("/api/sessions/" + session)).get("state").asText()).isEqualTo("running");
  }

  @Test
  void aDirectoryRuleGivenWithADecisionCoversTheSessionsDirectory() {
    String a = json(server.post("/api/sessions", "{\"name\":\"a\",\"directory\":\"/work/shop\"}")).get("id").asText();
    String b = json(server.post("/api/sessions", "{\"name\":\"b\",\"directory\":\"/work/shop/api\"}")).get("id").asText();
    String first = askBash(a, "make").get("approval_id").asText();
    JsonNode decided = json(server.post("/api/approvals/" + first + "/decision",
        "{\"decision\":\"allow\",\"rule\":{\"pattern\":\"Bash(make:*)\",\"scope\":\"directory\"}}"));
    assertThat(decided.get("rule_id").asText()).startsWith("rul_");
    assertThat(json(server.get("/api/rules")).get("rules").get(0).get("directory").asText()).isEqualTo("/work/shop");
    assertThat(askBash(b, "make test").get("status").asText()).isEqualTo("allowed");
  }

  @Test
  void modesDecideButPlanAndTaskToolsAndQuestionsAlwaysAsk() {
    String edits = json(server.post("/api/sessions", "{\"name\":\"e\",\"approval_mode\":\"auto-edits\"}")).get("id").asText();
    assertThat(ask(edits, "{\"tool_name\":\"Edit\",\"tool_input\":{\"file_path\":\"/x\"}}").get("resolved_by").asText()).isEqualTo("mode");
    assertThat(askBash(edits, "ls").get("status").asText()).isEqualTo("pending");
    String auto = json(server.post("/api/sessions", "{\"name\":\"a\",\"approval_mode\":\"auto\"}")).get("id").asText();
    assertThat(askBash(auto, "ls").get("status").asText()).isEqualTo("allowed");
    assertThat(ask(auto, "{\"tool_name\":\"ExitPlanMode\",\"tool_input\":{}}").get("status").asText()).isEqualTo("pending");
    assertThat(ask(auto, "{\"tool_name\":\"Task\",\"tool_input\":{}}").get("status").asText()).isEqualTo("pending");
    assertThat(ask(auto, "{\"title\":\"Which?\",\"options\":[\"x\"]}").get("status").asText()).isEqualTo("pending");
    server.post("/api/rules", "{\"pattern\":\"*\"}");
    assertThat(ask(auto, "{\"tool_name\":\"EnterPlanMode\",\"tool_input\":{}}").get("status").asText()).isEqualTo("pending");
    String ask = server.newSession("ask");
    String pending = askBash(ask, "make").get("approval_id").asText();
    server.patch("/api/sessions/" + ask, "{\"approval_mode\":\"auto\"}");
    assertThat(json(server.get("/api/approvals/" + pending)).get("status").asText()).isEqualTo("allowed");
  }

  @Test
  void interruptAndDeleteCancelPendingApprovals() {
    String session = server.newSession("cancel");
    String aid = askBash(session, "sleep 100").get("approval_id").asText();
    server.post("/api/sessions/" + session + "/interrupt", "{}");
    JsonNode a = json(server.get("/api/approvals/" + aid));
    assertThat(a.get("status").asText()).isEqualTo("denied");
    assertThat(a.get("resolved_by").asText()).isEqualTo("cancel");
    assertThat(json(server.get("/api/sessions/" + session)).get("state").asText()).isEqualTo("interrupting");
  }

  @Test
  void everyResolutionPathLogsApprovalResolved() throws Exception {
    String session = json(server.post("/api/sessions", "{\"name\":\"all paths\",\"directory\":\"/w\"}")).get("id").asText();
    String human = askBash(session, "a").get("approval_id").asText();
    server.post("/api/approvals/" + human + "/decision", "{\"decision\":\"allow\"}");
    server.post("/api/rules", "{\"pattern\":\"Bash(b)\",\"session_id\":\"" + session + "\"}");
    askBash(session, "b");
    server.patch("/api/sessions/" + session, "{\"approval_mode\":\"auto-edits\"}");
    ask(session, "{\"tool_name\":\"Write\",\"tool_input\":{\"file_path\":\"/w/f\"}}");
    String timeout = ask(session, "{\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"c\"},\"timeout_seconds\":0.2}").get("approval_id").asText();
    server.get("/api/approvals/" + timeout + "?wait=5");
    askBash(session, "d");
    server.post("/api/sessions/" + session + "/interrupt", "{}");
    assertThat(resolutions(session)).extracting(r -> r.get("resolved_by").asText())
        .containsExactly("human", "rule", "mode", "timeout", "cancel");
  }

  @Test
  void pendingApprovalsSurviveARestartAndStillTimeOut() {
    String session = server.newSession("restart");
    String aid = ask(session, "{\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"x\"},\"timeout_seconds\":1.5}")
        .get("approval_id").asText();
    server.close();
    server = TestServer.start(dir, TestServer.TOKEN, Duration.ofSeconds(15), ControlService.Config.defaults());
    assertThat(json(server.get("/api/approvals?state=pending")).get("approvals")).extracting(a -> a.get("id").asText())
        .containsExactly(aid);
    JsonNode decided = json(server.get("/api/approvals/" + aid + "?wait=10"));
    assertThat(decided.get("resolved_by").asText()).isEqualTo("timeout");
  }
}
