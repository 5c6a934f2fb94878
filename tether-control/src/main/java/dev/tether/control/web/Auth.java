package dev.tether.control.web;

import dev.tether.control.ControlException;
import dev.tether.control.ErrorCode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The one bearer token, checked in front of every route, so a route added later is protected without
 * anyone remembering to. Public: {@code GET /api/health}, {@code HEAD /} and {@code GET /health}
 * (liveness), {@code GET /} and static assets. {@code /v1/…} belongs to the gateway, which checks the
 * same token itself and answers in the Anthropic error format. Comparison is constant-time (of the
 * tokens' SHA-256, so not even the length leaks).
 */
final class Auth {
  private final byte[] expected;
  private final byte[] agent;

  Auth(String token, String agentToken) {
    this.expected = token == null ? null : sha256(token);
    this.agent = agentToken == null ? null : sha256(agentToken);
  }

  /** Routes an agent's own token opens: its hooks report to them, and nothing else. */
  static boolean agentRoute(HandlerType method, String path) {
    return method == HandlerType.POST && path.startsWith("/api/hooks/");
  }

  /** Whether a token is required at all. */
  boolean enabled() {
    return expected != null;
  }

  /** Whether {@code method path} needs no token. */
  static boolean isPublic(HandlerType method, String path) {
    return switch (path) {
      case "/api/health", "/health" -> method == HandlerType.GET || method == HandlerType.HEAD;
      case "/" -> method == HandlerType.GET || method == HandlerType.HEAD;
      case "/favicon.ico", "/manifest.webmanifest", "/sw.js" -> method == HandlerType.GET;
      default -> method == HandlerType.GET && path.startsWith("/assets/");
    };
  }

  /** The before-handler: 401 unless public, delegated (gateway) or carrying the token; 403 for a foreign page. */
  void check(Context ctx) {
    if (ctx.path().startsWith("/v1/")) {
      return;
    }
    guardBrowsers(ctx);
    if (expected == null || isPublic(ctx.method(), ctx.path())) {
      return;
    }
    if (agent != null && agentRoute(ctx.method(), ctx.path())) {
      String presented = presented(ctx);
      if (presented != null && MessageDigest.isEqual(sha256(presented), agent)) {
        return;
      }
    }
    require(ctx, null);
  }

  /**
   * What a token cannot stop when there is none (loopback without a token): a web page in the user's
   * browser calling the API. A cross-site request carries an {@code Origin} that is not this server's
   * (CSRF); a DNS-rebinding page reaches us under a {@code Host} that is not a loopback name. Both are
   * refused; tools that are not browsers send neither.
   */
  void guardBrowsers(Context ctx) {
    String origin = ctx.header("Origin");
    String host = ctx.header("Host");
    if (origin != null && !origin.equals("null") && host != null && !sameHost(origin, host)
        && ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD) {
      throw new ControlException(ErrorCode.FORBIDDEN, "cross-origin request from " + origin + " refused");
    }
    if (expected == null && host != null && !loopbackName(host)) {
      throw new ControlException(ErrorCode.FORBIDDEN, "without a token only loopback names are served, not " + host);
    }
  }

  private static boolean sameHost(String origin, String host) {
    int scheme = origin.indexOf("://");
    return scheme >= 0 && origin.substring(scheme + 3).equalsIgnoreCase(host);
  }

  private static boolean loopbackName(String hostHeader) {
    String h = hostHeader.toLowerCase(java.util.Locale.ROOT);
    if (h.startsWith("[")) {
      h = h.substring(1, Math.max(1, h.indexOf(']')));
    } else if (h.indexOf(':') >= 0 && h.indexOf(':') == h.lastIndexOf(':')) {
      h = h.substring(0, h.indexOf(':'));
    }
    return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") || h.equals("::1");
  }

  /** Checks the token (also from {@code queryToken}, for the WebSocket route only); throws 401. */
  void require(Context ctx, String queryToken) {
    if (expected == null) {
      return;
    }
    String presented = presented(ctx);
    if (presented == null) {
      presented = queryToken;
    }
    if (presented == null) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new ControlException(ErrorCode.UNAUTHORIZED,
          "missing token: send Authorization: Bearer <token> (see tether init, --token or TETHER_TOKEN)");
    }
    if (!MessageDigest.isEqual(sha256(presented), expected)) {
      ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      throw new ControlException(ErrorCode.UNAUTHORIZED, "invalid token");
    }
  }

  private static String presented(Context ctx) {
    String authorization = ctx.header("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return authorization.substring(7).trim();
    }
    return ctx.header("x-api-key");
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
