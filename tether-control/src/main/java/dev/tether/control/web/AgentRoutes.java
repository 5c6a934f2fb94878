package dev.tether.control.web;

import dev.tether.control.ControlService;
import dev.tether.control.session.AttachRequest;
import io.javalin.Javalin;
import java.util.Map;

/**
 * The agents' own conversations: discovery ({@code GET /api/external}), attach
 * ({@code POST /api/sessions/attach}) and sync ({@code POST /api/sessions/{id}/sync}).
 */
final class AgentRoutes {
  private final ControlService service;

  AgentRoutes(ControlService service) {
    this.service = service;
  }

  void install(Javalin app) {
    app.get("/api/external", ctx -> Http.json(ctx, 200,
        Map.of("sessions", service.agents().external(Http.query(ctx, "directory", "dir", "d")))));
    app.post("/api/sessions/attach", ctx ->
        Http.json(ctx, 201, service.agents().attach(Http.body(ctx, AttachRequest.class))));
    app.post("/api/sessions/{id}/sync", ctx -> Http.json(ctx, 200, service.agents().sync(ctx.pathParam("id"))));
  }
}
