package dev.tether.control.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The web UI: static files from the jar ({@code app/} beside this class), no build step. The shell is
 * {@code /}, the service worker {@code /sw.js} (at the root so its scope is the whole app), the manifest
 * and everything else under {@code /assets/}. Every answer carries a strict Content-Security-Policy (no
 * inline script or style, nothing from elsewhere) and an ETag, so the browser revalidates cheaply and a
 * new server version is picked up at once.
 */
final class WebApp {
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none';"
      + " form-action 'self'; frame-ancestors 'none'";
  private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*\\.[a-z0-9]+");
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "svg", "image/svg+xml",
      "png", "image/png",
      "webmanifest", "application/manifest+json",
      "txt", "text/plain; charset=utf-8");

  private record Asset(byte[] bytes, String type, String etag) {}

  private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

  void install(Javalin app) {
    app.get("/", ctx -> serve(ctx, "index.html"));
    app.get("/sw.js", ctx -> serve(ctx, "sw.js"));
    app.get("/manifest.webmanifest", ctx -> serve(ctx, "manifest.webmanifest"));
    app.get("/favicon.ico", ctx -> serve(ctx, "assets/icons/icon-192.png"));
    app.get("/assets/<path>", ctx -> serve(ctx, "assets/" + ctx.pathParam("path")));
  }

  private void serve(Context ctx, String name) {
    Optional<Asset> asset = SAFE_PATH.matcher(name).matches()
        ? cache.computeIfAbsent(name, WebApp::load) : Optional.empty();
    securityHeaders(ctx);
    if (asset.isEmpty()) {
      ctx.status(404).contentType("text/plain; charset=utf-8").result("not found");
      return;
    }
    Asset a = asset.get();
    ctx.header("Cache-Control", "no-cache");
    ctx.header("ETag", a.etag());
    if (a.etag().equals(ctx.header("If-None-Match"))) {
      ctx.status(304);
      return;
    }
    ctx.contentType(a.type()).result(a.bytes());
  }

  static void securityHeaders(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  }

  private static Optional<Asset> load(String name) {
    try (InputStream in = WebApp.class.getResourceAsStream("app/" + name)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] bytes = in.readAllBytes();
      String ext = name.substring(name.lastIndexOf('.') + 1);
      String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12) + "\"";
      return Optional.of(new Asset(bytes, TYPES.getOrDefault(ext, "application/octet-stream"), etag));
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot read the web asset " + name, e);
    }
  }
}
