package dev.tether.control.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.control.ControlException;
import dev.tether.control.ErrorCode;
import dev.tether.control.push.PushSubscription;
import dev.tether.control.push.WebPush;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Web Push: {@code GET /api/push/key} (the VAPID public key a browser subscribes with),
 * {@code POST /api/push/subscriptions} (a browser's {@code PushSubscription.toJSON()}) and
 * {@code DELETE /api/push/subscriptions} ({@code {endpoint}}). 503 when push is not available.
 */
final class PushRoutes {
  private final WebPush push;

  PushRoutes(WebPush push) {
    this.push = push;
  }

  void install(Javalin app) {
    app.get("/api/push/key", ctx -> Http.json(ctx, 200, Map.of("public_key", push().publicKey())));
    app.post("/api/push/subscriptions", this::subscribe);
    app.delete("/api/push/subscriptions", ctx -> {
      String endpoint = Http.text(Http.tree(ctx), "endpoint");
      if (endpoint == null || endpoint.isBlank()) {
        throw ControlException.validation("endpoint is required");
      }
      Http.json(ctx, 200, Map.of("removed", push().unsubscribe(endpoint.strip())));
    });
  }

  private WebPush push() {
    if (push == null) {
      throw new ControlException(ErrorCode.UNAVAILABLE, "Web Push is not available on this server");
    }
    return push;
  }

  private void subscribe(Context ctx) {
    WebPush p = push();
    JsonNode body = Http.tree(ctx);
    JsonNode keys = body.path("keys");
    PushSubscription s;
    try {
      s = PushSubscription.validated(Http.text(body, "endpoint"), Http.text(keys, "p256dh"), Http.text(keys, "auth"));
    } catch (IllegalArgumentException e) {
      throw ControlException.validation(e.getMessage());
    }
    if (!p.subscribe(s)) {
      throw new ControlException(ErrorCode.CONFLICT, "too many push subscriptions; remove some first");
    }
    Http.json(ctx, 201, Map.of("endpoint", s.endpoint(), "subscriptions", p.subscriptions()));
  }
}
