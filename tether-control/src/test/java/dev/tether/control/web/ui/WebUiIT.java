package dev.tether.control.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.control.web.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The web UI in headless Chromium against the real server on port 0, with the agent's side played over
 * REST: sign-in, the session list, live output, approvals answered from the sheet and elsewhere, input
 * and interrupt. Any error in the browser console fails the test.
 */
class WebUiIT {
  @TempDir
  Path dir;

  TestServer server;
  Browser browser;
  List<String> allowedConsoleErrors = List.of();

  @BeforeEach
  void start() {
    Browser.assumeAvailable(); // per test, so each one is reported skipped with the reason
    server = TestServer.start(dir);
    browser = Browser.open(390, 844);
  }

  @AfterEach
  void stop() {
    if (browser == null) {
      return; // skipped: no browser
    }
    try {
      List<String> errors = browser.consoleErrors().stream()
          .filter(e -> allowedConsoleErrors.stream().noneMatch(e::contains)).toList();
      assertThat(errors).as("browser console errors").isEmpty();
    } finally {
      browser.close();
      server.close();
    }
  }

  private String base() {
    return server.base.toString();
  }

  private static JsonNode json(java.net.http.HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
    return TestServer.json(r);
  }

  private String session(String name, String directory) {
    return json(server.post("/api/sessions", "{\"name\":\"" + name + "\",\"directory\":\"" + directory
        + "\",\"agent_type\":\"custom\"}")).get("id").asText();
  }

  private void push(String id, String type, String data) {
    json(server.post("/api/sessions/" + id + "/events", "{\"type\":\"" + type + "\",\"data\":" + data + "}"));
  }

  private String askApproval(String id, String tool, String input) {
    return json(server.post("/api/sessions/" + id + "/approvals",
        "{\"tool_name\":\"" + tool + "\",\"tool_input\":" + input + "}")).get("approval_id").asText();
  }

  @Test
  void aWrongTokenIsRefusedAndTheRightOneOpensTheSessionList() {
    // The refused sign-in is the browser's own 401 network message; nothing else may appear.
    allowedConsoleErrors = List.of("status of 401");
    session("refactor parser", "/work/app");
    browser.get(base() + "/");
    WebElement token = browser.waitFor("#token");
    token.sendKeys("not-the-token", Keys.ENTER);
    browser.waitUntil("wrong-token message", b -> b.text("#signin-error").contains("Wrong token"));
    token.clear();
    token.sendKeys(TestServer.TOKEN, Keys.ENTER);
    browser.waitFor(".session-row");
    assertThat(browser.text(".sessions")).contains("refactor parser");
    assertThat(browser.js("return localStorage.getItem('tether.token')")).isEqualTo(TestServer.TOKEN);
  }

  @Test
  void theListGroupsByDirectoryAndFollowsChangesLive() {
    String a = session("alpha", "/work/shop");
    session("beta", "/work/blog");
    browser.signedIn(base(), TestServer.TOKEN);
    browser.waitFor(".group");
    assertThat(browser.all(".group .dir").stream().map(WebElement::getText).toList())
        .contains("/work/shop", "/work/blog");
    session("gamma", "/work/shop");
    browser.waitUntil("new session listed", b -> b.text("#main").contains("gamma"));
    json(server.post("/api/sessions/" + a + "/start", "{\"prompt\":\"go\"}"));
    askApproval(a, "Bash", "{\"command\":\"ls\"}");
    browser.waitUntil("pending badge", b -> !b.all(".session-row[data-id='" + a + "'] .badge.pending").isEmpty());
    browser.waitUntil("state badge", b -> b.text(".session-row[data-id='" + a + "']").contains("needs approval"));
  }

  @Test
  void outputAppearsLiveAsMarkdownWithCollapsibleToolSegments() {
    String id = session("live", "/work/live");
    json(server.post("/api/sessions/" + id + "/start", "{\"prompt\":\"explain\"}"));
    browser.signedIn(base(), TestServer.TOKEN);
    browser.get(base() + "/#/s/" + id);
    browser.waitUntil("prompt shown", b -> b.text(".conversation").contains("explain"));
    push(id, "output", "{\"text\":\"Here is **the plan**:\\n\\n```java\\nint x = 1;\\n```\\n\"}");
    browser.waitFor(".msg.assistant strong");
    assertThat(browser.text(".msg.assistant strong")).isEqualTo("the plan");
    assertThat(browser.find(".msg.assistant pre.code .tok-keyword").getText()).isEqualTo("int");
    push(id, "output", "{\"kind\":\"tool_call\",\"segments\":[{\"kind\":\"tool_call\",\"label\":\"Bash\",\"text\":\"npm test\"},"
        + "{\"kind\":\"tool_result\",\"text\":\"42 passing\"}]}");
    browser.waitFor(".msg.tool-call details summary");
    assertThat(browser.text(".msg.tool-call summary")).contains("Bash");
    assertThat(browser.find(".msg.tool-result details").getAttribute("open")).isNull();
    push(id, "output", "{\"text\":\"Run\"}");
    push(id, "output", "{\"text\":\"ning the tests\"}");
    browser.waitUntil("streamed text merged", b -> b.all(".msg.assistant").getLast().getText().equals("Running the tests"));
    push(id, "output", "{\"text\":\"Running the tests now.\",\"kind\":\"final\",\"final\":true}");
    browser.waitUntil("final replaces the stream", b -> b.all(".msg.assistant").getLast().getText().equals("Running the tests now."));
    assertThat(browser.all(".msg.assistant")).hasSize(2);
    push(id, "usage", "{\"input_tokens\":1200,\"output_tokens\":340}");
    browser.waitUntil("usage shown", b -> b.text("#usage").contains("1200 in"));
    push(id, "error", "{\"code\":\"boom\",\"message\":\"the tool crashed\"}");
    browser.waitUntil("error shown", b -> b.text(".conversation").contains("the tool crashed"));
  }

  @Test
  void anApprovalAnsweredFromTheSheetReachesTheServer() {
    String id = session("approve me", "/work/app");
    json(server.post("/api/sessions/" + id + "/start", "{\"prompt\":\"tidy\"}"));
    browser.signedIn(base(), TestServer.TOKEN);
    String aid = askApproval(id, "Bash", "{\"command\":\"rm -rf build && npm test\"}");
    WebElement sheet = browser.waitFor("#approval-sheet");
    assertThat(sheet.getText()).contains("Bash needs approval", "rm -rf build && npm test", "approve me");
    assertThat(browser.js("return document.getElementById('app').inert")).as("page behind is inert").isEqualTo(true);
    browser.find("#allow").click();
    browser.waitGone("#approval-sheet");
    JsonNode decided = json(server.get("/api/approvals/" + aid));
    assertThat(decided.get("status").asText()).isEqualTo("allowed");
    assertThat(decided.get("via").asText()).isEqualTo("web");
  }

  @Test
  void denyWithAReasonAndAllowForThirtyMinutesCreateWhatTheySay() {
    String id = session("rules", "/work/rules");
    json(server.post("/api/sessions/" + id + "/start", "{\"prompt\":\"x\"}"));
    browser.signedIn(base(), TestServer.TOKEN);
    String first = askApproval(id, "Edit", "{\"file_path\":\"/work/rules/a.txt\",\"old_string\":\"old\",\"new_string\":\"new\"}");
    browser.waitFor("#approval-sheet pre.diff .add");
    browser.find("#deny").click();
    browser.waitFor("#deny-reason").sendKeys("wrong file");
    browser.find("#deny-confirm").click();
    browser.waitGone("#approval-sheet");
    JsonNode denied = json(server.get("/api/approvals/" + first));
    assertThat(denied.get("status").asText()).isEqualTo("denied");
    assertThat(denied.get("reason").asText()).isEqualTo("wrong file");

    askApproval(id, "WebFetch", "{\"url\":\"https://example.com\"}");
    browser.waitFor("#allow-dir").click();
    browser.waitGone("#approval-sheet");
    JsonNode rule = json(server.get("/api/rules")).get("rules").get(0);
    assertThat(rule.get("pattern").asText()).isEqualTo("WebFetch");
    assertThat(rule.get("scope").asText()).isEqualTo("directory");
    assertThat(rule.get("directory").asText()).isEqualTo("/work/rules");
    assertThat(rule.hasNonNull("expires_at")).isTrue();
  }

  @Test
  void theSheetVanishesWhenAnotherSurfaceAnswers() {
    String id = session("elsewhere", "/work/app");
    json(server.post("/api/sessions/" + id + "/start", "{\"prompt\":\"x\"}"));
    browser.signedIn(base(), TestServer.TOKEN);
    browser.get(base() + "/#/s/" + id);
    String aid = askApproval(id, "Write", "{\"file_path\":\"/work/app/x.py\",\"content\":\"print('hi')\"}");
    browser.waitFor("#approval-sheet");
    json(server.post("/api/approvals/" + aid + "/decision", "{\"decision\":\"deny\",\"by\":\"cli\"}"));
    browser.waitGone("#approval-sheet");
    browser.waitUntil("card shows the answer", b -> b.text(".msg.approval").contains("denied · cli"));
  }

  @Test
  void inputGoesToTheSessionAndInterruptStopsIt() {
    String id = session("talk", "/work/app");
    browser.signedIn(base(), TestServer.TOKEN);
    browser.get(base() + "/#/s/" + id);
    WebElement input = browser.waitFor("#input");
    input.sendKeys("first prompt");
    browser.find("#send").click();
    browser.waitUntil("session running", b -> b.text("#session-state").equals("running"));
    input.sendKeys("and a follow-up");
    input.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
    browser.waitUntil("follow-up shown", b -> b.text(".conversation").contains("and a follow-up"));
    JsonNode events = json(server.get("/api/sessions/" + id + "/events")).get("events");
    List<String> texts = new java.util.ArrayList<>();
    events.forEach(e -> {
      if (e.get("type").asText().equals("user_input")) {
        texts.add(e.get("data").get("text").asText() + "/" + e.get("data").get("by").asText());
      }
    });
    assertThat(texts).containsExactly("first prompt/web", "and a follow-up/web");
    browser.find("#interrupt").click();
    browser.waitUntil("interrupting", b -> b.text("#session-state").equals("stopping"));
    assertThat(json(server.get("/api/sessions/" + id)).get("state").asText()).isEqualTo("interrupting");
  }

  @Test
  void awayModeAndRenameArePatched() {
    String id = session("old name", "/work/app");
    browser.signedIn(base(), TestServer.TOKEN);
    browser.get(base() + "/#/s/" + id);
    browser.waitFor("label.switch").click();
    browser.waitUntil("away patched", b -> json(server.get("/api/sessions/" + id)).get("away").asBoolean());
    browser.find("button[aria-label='Rename session']").click();
    WebElement name = browser.waitFor("input.rename");
    name.sendKeys(Keys.chord(Keys.CONTROL, "a"), "new name", Keys.ENTER);
    browser.waitUntil("renamed", b -> json(server.get("/api/sessions/" + id)).get("name").asText().equals("new name"));
    browser.waitUntil("title shows it", b -> b.text("#session-title").equals("new name"));
  }

  @Test
  void aNewSessionIsCreatedStartedAndDeletedFromThePage() {
    browser.signedIn(base(), TestServer.TOKEN);
    browser.waitFor("#new-session").click();
    browser.waitFor("#ns-directory").sendKeys("relative/path");
    browser.find("#ns-name").sendKeys("from the phone");
    browser.find("#ns-prompt").sendKeys("write the changelog");
    new org.openqa.selenium.support.ui.Select(browser.find("#ns-mode")).selectByValue("auto-edits");
    browser.find("form.form button[type=submit]").click();
    browser.waitUntil("relative path refused", b -> b.text(".form .form-error").contains("absolute"));
    browser.find("#ns-directory").clear();
    browser.find("#ns-directory").sendKeys("/work/changelog");
    browser.find("form.form button[type=submit]").click();
    browser.waitUntil("session view", b -> b.driver.getCurrentUrl().contains("#/s/ses_"));
    browser.waitUntil("prompt shown", b -> b.text(".conversation").contains("write the changelog"));
    JsonNode session = json(server.get("/api/sessions")).get("sessions").get(0);
    assertThat(session.get("name").asText()).isEqualTo("from the phone");
    assertThat(session.get("directory").asText()).isEqualTo("/work/changelog");
    assertThat(session.get("approval_mode").asText()).isEqualTo("auto-edits");
    assertThat(session.get("state").asText()).isEqualTo("running");

    browser.find(".appbar .back").click();
    String id = session.get("id").asText();
    WebElement delete = browser.waitFor(".session-row[data-id='" + id + "'] button.danger");
    delete.click();
    assertThat(delete.getText()).isEqualTo("Delete?");
    delete.click();
    browser.waitUntil("row gone", b -> b.all(".session-row[data-id='" + id + "']").isEmpty());
    assertThat(server.get("/api/sessions/" + id).statusCode()).isEqualTo(404);
  }

  @Test
  void everyControlIsReachableByKeyboard() {
    String id = session("keys", "/work/keys");
    json(server.post("/api/sessions/" + id + "/start", "{\"prompt\":\"x\"}"));
    browser.signedIn(base(), TestServer.TOKEN);
    browser.get(base() + "/#/s/" + id);
    browser.waitFor("#input");
    askApproval(id, "Bash", "{\"command\":\"make\"}");
    browser.waitFor("#approval-sheet");
    browser.waitUntil("Allow has the focus", b -> "allow".equals(b.js("return document.activeElement.id")));
    // Tab to Deny…, open it, type a reason and confirm: no mouse at all.
    browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
    assertThat(browser.js("return document.activeElement.id")).isEqualTo("deny");
    browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
    browser.waitUntil("reason focused", b -> "deny-reason".equals(b.js("return document.activeElement.id")));
    browser.driver.switchTo().activeElement().sendKeys("not now", Keys.ENTER);
    browser.waitGone("#approval-sheet");
    assertThat(json(server.get("/api/approvals?state=denied")).get("approvals").get(0).get("reason").asText())
        .isEqualTo("not now");
  }

  @Test
  void aHiddenPageWithoutPushShowsAnInPageNotificationForANewApproval() {
    String id = session("notify", "/work/n");
    json(server.post("/api/sessions/" + id + "/start", "{\"prompt\":\"x\"}"));
    browser.signedIn(base(), TestServer.TOKEN);
    browser.waitUntil("live", b -> b.text("#connection").equals("live"));
    // Headless Chromium has no notification UI: stand in for the Notification API and a hidden tab.
    browser.js("""
        window.__shown = [];
        window.Notification = class { constructor(title, options) { window.__shown.push({ title, body: options.body }); } };
        window.Notification.permission = 'granted';
        Object.defineProperty(document, 'hidden', { get: () => true });
        """);
    askApproval(id, "Bash", "{\"command\":\"git push\"}");
    browser.waitUntil("notification shown", b -> ((Number) b.js("return window.__shown.length")).intValue() == 1);
    assertThat(browser.js("return window.__shown[0].title")).isEqualTo("Bash needs approval");
    assertThat(browser.js("return window.__shown[0].body")).isEqualTo("notify: $ git push");
  }
}
