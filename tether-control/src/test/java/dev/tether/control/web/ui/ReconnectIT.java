package dev.tether.control.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.control.ControlService;
import dev.tether.control.web.ControlHttp;
import dev.tether.control.web.ControlOptions;
import dev.tether.control.web.TestServer;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page when the server goes away and comes back: the connection badge says so, the page picks the
 * stream up again by itself (no reload) and shows what happened meanwhile; and with the server gone, a
 * reload still opens the app from the service worker's cache and says the server is unreachable.
 */
class ReconnectIT {
  @TempDir
  Path dir;

  @BeforeEach
  void needsABrowser() {
    Browser.assumeAvailable(); // per test, so each one is reported skipped with the reason
  }

  private static Javalin serve(ControlService service, int port) {
    Javalin app = Javalin.create(c -> {
      c.showJavalinBanner = false;
      c.useVirtualThreads = true;
    });
    ControlHttp.install(app, service, new ControlOptions(TestServer.TOKEN, Duration.ofSeconds(15), "test"));
    app.start("127.0.0.1", port);
    return app;
  }

  @Test
  void theStreamResumesAfterARestartAndTheShellWorksOffline() throws Exception {
    ControlService first = ControlService.open(dir, ControlService.Config.defaults());
    Javalin app = serve(first, 0);
    int port = app.port();
    String base = "http://127.0.0.1:" + port;
    String id = TestServer.json(post(base, "/api/sessions", "{\"name\":\"survivor\",\"directory\":\"/work/x\"}")).get("id").asText();
    try (Browser browser = Browser.open(390, 844)) {
      browser.signedIn(base, TestServer.TOKEN);
      browser.get(base + "/#/s/" + id);
      browser.waitUntil("live", b -> b.text("#connection").equals("live"));
      browser.js("return navigator.serviceWorker.ready.then(() => true)");
      browser.waitUntil("shell cached", b -> Boolean.TRUE.equals(b.js(
          "return window.__cached === true || (caches.keys().then(k => window.__cached = k.length > 0), false)")));

      app.stop();
      first.close();
      browser.waitUntil("reconnecting shown", b -> b.text("#connection").startsWith("reconnecting"));

      ControlService second = ControlService.open(dir, ControlService.Config.defaults());
      Javalin again = serve(second, port);
      try {
        browser.waitUntil("live again", b -> b.text("#connection").equals("live"));
        post(base, "/api/sessions/" + id + "/events", "{\"type\":\"output\",\"data\":{\"text\":\"back again\"}}");
        browser.waitUntil("new output after the restart", b -> b.text(".conversation").contains("back again"));
      } finally {
        again.stop();
        second.close();
      }

      browser.get(base + "/");
      browser.waitUntil("unreachable screen", b -> b.text("#main").contains("Server unreachable"));
      // The browser's own network messages about the server going away are the point of this test;
      // anything else (a script error) still fails it.
      List<String> errors = browser.consoleErrors().stream()
          .filter(e -> !e.contains("net::ERR_CONNECTION_REFUSED") && !e.contains("net::ERR_INCOMPLETE_CHUNKED_ENCODING"))
          .toList();
      assertThat(errors).as("browser console errors").isEmpty();
    }
  }

  private static java.net.http.HttpResponse<String> post(String base, String path, String json) throws Exception {
    var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path))
        .header("Authorization", "Bearer " + TestServer.TOKEN).header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
    return r;
  }
}
