package dev.tether.control.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The static web app: served without a token, strict security headers, revalidation, no way out of its folder. */
class WebAppIT {
  @TempDir
  Path dir;

  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(dir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> anonymous(String path) {
    return server.send(HttpRequest.newBuilder(server.base.resolve(path)).GET().build());
  }

  @Test
  void theShellAndItsAssetsNeedNoTokenButTheApiDoes() {
    HttpResponse<String> page = anonymous("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.body()).contains("<script type=\"module\" src=\"/assets/js/main.js\">").doesNotContain("<script>");
    for (String path : new String[] {"/assets/js/main.js", "/assets/app.css", "/sw.js", "/manifest.webmanifest",
        "/assets/icons/icon-192.png", "/assets/icons/icon.svg", "/favicon.ico"}) {
      assertThat(anonymous(path).statusCode()).as(path).isEqualTo(200);
    }
    assertThat(anonymous("/assets/js/main.js").headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
    assertThat(anonymous("/api/sessions").statusCode()).isEqualTo(401);
    assertThat(anonymous("/api/push/key").statusCode()).isEqualTo(401);
  }

  @Test
  void everyPageCarriesAStrictContentSecurityPolicy() {
    HttpResponse<String> page = anonymous("/");
    String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp).contains("script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "connect-src 'self'")
        .doesNotContain("unsafe-inline", "unsafe-eval");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
  }

  @Test
  void anUnchangedAssetIsRevalidatedWithoutABody() {
    HttpResponse<String> first = anonymous("/assets/app.css");
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");
    HttpResponse<String> again = server.send(HttpRequest.newBuilder(server.base.resolve("/assets/app.css"))
        .header("If-None-Match", etag).GET().build());
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
  }

  @Test
  void nothingOutsideTheAppFolderCanBeReached() {
    for (String path : new String[] {"/assets/../ControlHttp.class", "/assets/%2e%2e/%2e%2e/store/migrations/index.txt",
        "/assets/js/nope.js", "/assets/.hidden.js", "/assets/js//main.js"}) {
      assertThat(anonymous(path).statusCode()).as(path).isIn(400, 404);
    }
  }

  @Test
  void theServiceWorkerNeverCachesTheApi() {
    String sw = anonymous("/sw.js").body();
    assertThat(sw).contains("isLive(url)").contains("url.pathname.startsWith('/api')");
    for (String asset : sw.substring(sw.indexOf("const SHELL"), sw.indexOf("];")).split("'")) {
      if (asset.startsWith("/")) {
        assertThat(anonymous(asset).statusCode()).as("shell file " + asset).isEqualTo(200);
      }
    }
  }

  @Test
  void healthSaysWhetherATokenIsNeeded() {
    assertThat(TestServer.json(anonymous("/api/health")).get("auth").asBoolean()).isTrue();
  }
}
