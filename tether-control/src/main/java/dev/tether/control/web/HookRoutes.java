package dev.tether.control.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.control.ControlException;
import dev.tether.control.ControlService;
import dev.tether.control.hook.HookRequest;
import dev.tether.control.hook.HookService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Claude Code's hooks and away mode. {@code POST /api/hooks/{event}?session=…&remote=1} takes the hook
 * payload and answers with exactly what {@code tether hook} prints for claude: a JSON object, or an empty
 * body for no decision. {@code GET/PUT /api/away} read and switch the global away default; a session's
 * own switch is {@code PATCH /api/sessions/{id}} with {@code away}.
 */
final class HookRoutes {
  private final ControlService service;
  private final HookService hooks;

  HookRoutes(ControlService service) {
    this.service = service;
    this.hooks = new HookService(service);
  }

  void install(Javalin app) {
    app.post("/api/hooks/{event}", this::hook);
    app.get("/api/away", ctx -> Http.json(ctx, 200, away()));
    app.put("/api/away", this::setAway);
  }

  private void hook(Context ctx) {
    JsonNode body = Http.tree(ctx);
    HookRequest request = new HookRequest(Http.query(ctx, "session"), Http.boolParam(ctx, "remote"));
    hooks.handle(ctx.pathParam("event"), body, request).ifPresentOrElse(
        answer -> Http.json(ctx, 200, answer),
        () -> ctx.status(200).contentType("application/json").result(""));
  }

  private void setAway(Context ctx) {
    JsonNode body = Http.tree(ctx);
    JsonNode away = body.get("away");
    if (away == null || !away.isBoolean()) {
      throw ControlException.validation("away must be true or false");
    }
    service.awayDefault(away.asBoolean());
    Http.json(ctx, 200, away());
  }

  private Map<String, Object> away() {
    return Map.of("away", service.awayDefault());
  }
}
