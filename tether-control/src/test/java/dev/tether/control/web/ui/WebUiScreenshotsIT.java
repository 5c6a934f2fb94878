package dev.tether.control.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.control.web.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Screenshots of the main screens at phone (375×812) and desktop (1280×800) size, written to
 * {@code target/screenshots/} for a human to look at: sign-in, session list, a session with output,
 * the approval sheet and the diff view. Fails on console errors like the other browser tests.
 */
class WebUiScreenshotsIT {
  static final Path OUT = Path.of("target", "screenshots");

  @TempDir
  Path dir;

  @BeforeEach
  void needsABrowser() {
    Browser.assumeAvailable(); // per test, so each one is reported skipped with the reason
  }

  @Test
  void phone() throws Exception {
    shoot("phone", 375, 812);
  }

  @Test
  void desktop() throws Exception {
    shoot("desktop", 1280, 800);
  }

  @Test
  void phoneInTheDark() throws Exception {
    shoot("dark-phone", 375, 812);
  }

  private void shoot(String prefix, int width, int height) throws Exception {
    Path repo = gitRepo(dir.resolve("shop"));
    try (TestServer server = TestServer.start(dir.resolve("data")); Browser browser = Browser.open(width, height)) {
      browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
      fixAViewport(browser, width, height);
      if (prefix.startsWith("dark")) {
        browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("features",
            List.of(java.util.Map.of("name", "prefers-color-scheme", "value", "dark"))));
      }
      String base = server.base.toString();
      String main = create(server, "checkout: fix rounding", repo.toString());
      create(server, "docs pass", repo.toString());
      String other = create(server, "blog: new post", "/home/me/blog");
      server.post("/api/sessions/" + other + "/start", "{\"prompt\":\"draft\"}");
      server.post("/api/sessions/" + main + "/start", "{\"prompt\":\"Prices like 19.995 round down at checkout. Fix it and add a test.\"}");
      event(server, main, "output", "{\"kind\":\"thinking\",\"text\":\"The total is computed with double; switch to BigDecimal with HALF_UP.\"}");
      event(server, main, "output", "{\"text\":\"The bug is in `Totals.sum`: it adds **doubles** and truncates.\\n\\n"
          + "```java\\nBigDecimal total = items.stream()\\n    .map(Item::price)\\n    .reduce(BigDecimal.ZERO, BigDecimal::add)\\n"
          + "    .setScale(2, RoundingMode.HALF_UP); // cents\\n```\\n\\nI'll update the code and run the tests.\",\"final\":true}");
      event(server, main, "output", "{\"segments\":[{\"kind\":\"tool_call\",\"label\":\"Edit src/Totals.java\",\"text\":\"-    return sum;\\n+    return sum.setScale(2, HALF_UP);\"},"
          + "{\"kind\":\"tool_result\",\"label\":\"Edit\",\"text\":\"ok\"}]}");
      event(server, main, "usage", "{\"input_tokens\":18400,\"output_tokens\":2210,\"cache_read_input_tokens\":12000,\"cost_usd\":0.0834}");

      browser.get(base + "/");
      browser.waitFor("#token");
      browser.screenshot(OUT.resolve(prefix + "-1-signin.png"));

      browser.signedIn(base, TestServer.TOKEN);
      browser.waitFor(".session-row");
      browser.screenshot(OUT.resolve(prefix + "-2-sessions.png"));

      browser.get(base + "/#/s/" + main);
      browser.waitFor(".msg.assistant pre.code");
      browser.screenshot(OUT.resolve(prefix + "-3-session.png"));

      server.post("/api/sessions/" + main + "/approvals", "{\"tool_name\":\"Bash\",\"tool_input\":{\"command\":"
          + "\"./mvnw -q test -Dtest=TotalsTest && git diff --stat\",\"description\":\"Run the new test\"}}");
      browser.waitFor("#approval-sheet");
      browser.screenshot(OUT.resolve(prefix + "-4-approval-bash.png"));
      browser.find("#allow").click();
      browser.waitGone("#approval-sheet");
      server.post("/api/sessions/" + main + "/approvals", "{\"tool_name\":\"Edit\",\"tool_input\":{\"file_path\":\""
          + repo.resolve("src/Totals.java") + "\",\"old_string\":\"    return sum;\",\"new_string\":\"    return sum.setScale(2, RoundingMode.HALF_UP);\"}}");
      browser.waitFor("#approval-sheet pre.diff");
      browser.screenshot(OUT.resolve(prefix + "-5-approval-edit.png"));
      browser.find("#allow").click();
      browser.waitGone("#approval-sheet");

      browser.get(base + "/#/s/" + main + "/diff");
      browser.waitFor("details.file");
      browser.screenshot(OUT.resolve(prefix + "-6-diff.png"));
      assertThat(browser.consoleErrors()).as("browser console errors").isEmpty();
    }
    assertThat(Files.size(OUT.resolve(prefix + "-6-diff.png"))).isPositive();
  }

  /** Makes the page's viewport (not the window with its frame) the requested size. */
  private static void fixAViewport(Browser browser, int width, int height) {
    Object inner = browser.js("return [window.innerWidth, window.innerHeight]");
    List<?> size = (List<?>) inner;
    int dw = width - ((Number) size.get(0)).intValue();
    int dh = height - ((Number) size.get(1)).intValue();
    if (dw != 0 || dh != 0) {
      browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(width + dw, height + dh));
    }
  }

  private static String create(TestServer server, String name, String directory) {
    return TestServer.json(server.post("/api/sessions", "{\"name\":\"" + name + "\",\"directory\":\"" + directory
        + "\",\"agent_type\":\"claude_code\"}")).get("id").asText();
  }

  private static void event(TestServer server, String id, String type, String data) {
    assertThat(server.post("/api/sessions/" + id + "/events", "{\"type\":\"" + type + "\",\"data\":" + data + "}")
        .statusCode()).isEqualTo(201);
  }

  /** A small repository with a commit and changes on top: a modified, a new and a deleted file. */
  static Path gitRepo(Path repo) throws IOException, InterruptedException {
    Files.createDirectories(repo.resolve("src"));
    Files.writeString(repo.resolve("src/Totals.java"), "class Totals {\n  BigDecimal sum(List<Item> items) {\n"
        + "    BigDecimal sum = BigDecimal.ZERO;\n    for (Item i : items) {\n      sum = sum.add(i.price());\n    }\n"
        + "    return sum;\n  }\n}\n");
    Files.writeString(repo.resolve("README.md"), "# Shop\n");
    Files.writeString(repo.resolve("old.txt"), "remove me\n");
    git(repo, "init", "-q");
    git(repo, "add", ".");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "init");
    Files.writeString(repo.resolve("src/Totals.java"), Files.readString(repo.resolve("src/Totals.java"))
        .replace("    return sum;\n", "    return sum.setScale(2, RoundingMode.HALF_UP);\n"));
    Files.writeString(repo.resolve("src/TotalsTest.java"), "class TotalsTest {\n  @Test\n  void roundsHalfUp() {\n"
        + "    assertEquals(new BigDecimal(\"20.00\"), totals.sum(List.of(item(\"19.995\"))));\n  }\n}\n");
    Files.delete(repo.resolve("old.txt"));
    return repo;
  }

  static void git(Path repo, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException("git " + String.join(" ", args) + ": " + out);
    }
  }
}
