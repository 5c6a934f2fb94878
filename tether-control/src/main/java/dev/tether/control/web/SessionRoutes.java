package dev.tether.control.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.control.Appended;
import dev.tether.control.ControlException;
import dev.tether.control.ControlService;
import dev.tether.control.event.Event;
import dev.tether.control.session.NewSession;
import dev.tether.control.session.SessionPatch;
import dev.tether.control.session.SessionQuery;
import dev.tether.control.session.SessionState;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** Sessions: CRUD, start/input/interrupt, the agent's event push and poll, history, usage. */
final class SessionRoutes {
  private final ControlService service;

  SessionRoutes(ControlService service) {
    this.service = service;
  }

  void install(Javalin app) {
    app.get("/api/sessions", this::list);
    app.post("/api/sessions", ctx -> Http.json(ctx, 201, service.createSession(Http.body(ctx, NewSession.class))));
    app.get("/api/sessions/{id}", ctx -> Http.json(ctx, 200, service.session(ctx.pathParam("id"))));
    app.patch("/api/sessions/{id}", ctx ->
        Http.json(ctx, 200, service.updateSession(ctx.pathParam("id"), Http.body(ctx, SessionPatch.class))));
    app.delete("/api/sessions/{id}", ctx -> {
      service.deleteSession(ctx.pathParam("id"), Http.boolParam(ctx, "force"));
      ctx.status(204);
    });
    app.post("/api/sessions/{id}/start", this::start);
    app.post("/api/sessions/{id}/input", this::input);
    app.post("/api/sessions/{id}/interrupt", ctx -> {
      JsonNode body = Http.tree(ctx);
      Http.json(ctx, 200, service.interrupt(ctx.pathParam("id"), Http.by(ctx, body)));
    });
    app.post("/api/sessions/{id}/events", this::push);
    app.get("/api/sessions/{id}/events", this::history);
    app.get("/api/sessions/{id}/events/poll", this::poll);
    app.get("/api/sessions/{id}/usage", ctx -> Http.json(ctx, 200, service.usage(ctx.pathParam("id"))));
  }

  private void list(Context ctx) {
    String stateText = Http.query(ctx, "state", "s");
    SessionState state = stateText == null ? null : SessionState.parse(stateText).orElseThrow(() ->
        ControlException.validation("unknown state " + stateText));
    SessionQuery query;
    try {
      query = new SessionQuery(state, Http.query(ctx, "directory", "dir", "d"), Http.query(ctx, "id_prefix", "prefix"),
          Http.intParam(ctx, 100, "limit"), Http.intParam(ctx, 0, "offset"));
    } catch (IllegalArgumentException e) {
      throw ControlException.validation(e.getMessage());
    }
    Http.json(ctx, 200, service.sessions(query));
  }

  private void start(Context ctx) {
    JsonNode body = Http.tree(ctx);
    String id = ctx.pathParam("id");
    String mode = Http.text(body, "approval_mode");
    if (mode != null) {
      service.updateSession(id, Http.body(ctx, SessionPatch.class));
    }
    Http.json(ctx, 200, service.start(id, Http.text(body, "prompt", "text"), Http.by(ctx, body)));
  }

  private void input(Context ctx) {
    JsonNode body = Http.tree(ctx);
    Http.json(ctx, 201, service.input(ctx.pathParam("id"), Http.text(body, "text", "prompt"), Http.by(ctx, body)));
  }

  private void push(Context ctx) {
    JsonNode body = Http.tree(ctx);
    if (!body.isObject()) {
      throw ControlException.badRequest("request body must be a JSON object {type, data}");
    }
    Appended appended = service.append(ctx.pathParam("id"), Http.text(body, "type"), body.get("data"));
    Http.json(ctx, 201, appended);
  }

  private void history(Context ctx) {
    List<Event> events = service.events(ctx.pathParam("id"), Http.longParam(ctx, 0, "after", "since", "since_seq"),
        Http.intParam(ctx, 100, "limit"));
    Http.json(ctx, 200, Map.of("events", events));
  }

  private void poll(Context ctx) {
    List<Event> events = service.poll(ctx.pathParam("id"), Http.longParam(ctx, 0, "since_seq", "since", "after"),
        Http.listParam(ctx, "types"), Http.waitParam(ctx));
    Http.json(ctx, 200, Map.of("events", events));
  }
}
