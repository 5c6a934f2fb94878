package dev.tether.control.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.control.Appended;
import dev.tether.control.ControlException;
import dev.tether.control.ControlJson;
import dev.tether.control.ControlService;
import dev.tether.control.approval.DecisionRequest;
import dev.tether.control.event.Event;
import dev.tether.control.event.SessionEvent;
import dev.tether.control.session.NewSession;
import dev.tether.control.session.Session;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The older release's external-agent API ({@code /api/external/…}), mapped onto the same core so agents
 * written for it keep working: create a session, push events, poll for {@code human_input} and
 * {@code approval_response}, answer by the agent's request id. Unlike the original it requires the token
 * (a WebSocket client may pass it as {@code ?token=}). The WebSocket lives in {@link LegacySocket}.
 */
final class LegacyRoutes {
  private final ControlService service;

  LegacyRoutes(ControlService service) {
    this.service = service;
  }

  void install(Javalin app) {
    app.post("/api/external/sessions", ctx -> Http.json(ctx, 200, created(create(service, Http.tree(ctx)))));
    app.post("/api/external/sessions/{id}/events", ctx -> {
      JsonNode body = Http.tree(ctx);
      Appended a = service.append(ctx.pathParam("id"), Http.text(body, "type"), body.get("data"));
      Http.json(ctx, 200, a);
    });
    app.get("/api/external/sessions/{id}/events", ctx -> Http.json(ctx, 200, Map.of("events",
        poll(service, ctx.pathParam("id"), Http.longParam(ctx, 0, "since_seq", "since"), Http.waitParam(ctx)))));
    app.post("/api/external/sessions/{id}/approvals/{rid}/respond", ctx -> {
      JsonNode body = Http.tree(ctx);
      service.decideByRequestId(ctx.pathParam("id"), ctx.pathParam("rid"), decision(ctx, body));
      Http.json(ctx, 200, Map.of("ok", true));
    });
  }

  /** Creates a session from the old request shape ({@code agent_metadata}, {@code session_name}). */
  static Session create(ControlService service, JsonNode body) {
    JsonNode meta = body.path("agent_metadata");
    String name = Http.text(body, "session_name", "name");
    if (name == null) {
      name = Http.text(meta, "name");
    }
    String workspace = Http.text(meta, "workspace");
    String directory = workspace != null && workspace.startsWith("/") ? workspace : Http.text(body, "directory");
    return service.createSession(new NewSession(name, Http.text(meta, "type"), directory,
        Http.text(body, "approval_mode"), false));
  }

  static Map<String, Object> created(Session s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("session_id", s.id());
    out.put("platform", null);
    out.put("thread_info", null);
    out.put("session", s);
    return out;
  }

  /** The agent-facing events after {@code since}, in the old names and shapes. */
  static List<JsonNode> poll(ControlService service, String id, long since, Duration wait) {
    List<JsonNode> out = new ArrayList<>();
    for (Event e : service.poll(id, since, Set.of("user_input", "approval_resolved", "interrupt"), wait)) {
      ObjectNode item = ControlJson.MAPPER.createObjectNode();
      item.put("seq", e.seq());
      switch (e.body()) {
        case SessionEvent.UserInput in -> {
          item.put("type", "human_input");
          item.putObject("data").put("text", in.text());
        }
        case SessionEvent.ApprovalResolved r -> {
          item.put("type", "approval_response");
          ObjectNode data = item.putObject("data");
          data.put("request_id", r.requestId() != null ? r.requestId() : r.approvalId());
          data.put("approval_id", r.approvalId());
          data.put("approved", r.allowed());
          data.put("decision", r.decision().wire());
          data.put("reason", r.reason());
          data.put("option", r.choice());
          data.put("resolved_by", r.resolvedBy().wire());
        }
        default -> {
          item.put("type", e.type());
          item.set("data", e.data());
        }
      }
      out.add(item);
    }
    return out;
  }

  /** Reads the old answer shape: {@code approved} (bool) or {@code decision}, {@code reason}/{@code message}, {@code option}. */
  static DecisionRequest decision(Context ctx, JsonNode body) {
    String decision = Http.text(body, "decision");
    if (decision == null && body.has("approved")) {
      decision = body.get("approved").asBoolean() ? "allow" : "deny";
    }
    if (decision == null && body.has("allow")) {
      decision = body.get("allow").asBoolean() ? "allow" : "deny";
    }
    String option = Http.text(body, "option", "choice");
    if (decision == null && option != null) {
      decision = "allow";
    }
    if (decision == null) {
      throw ControlException.validation("give approved (true/false), decision (allow/deny) or option");
    }
    return new DecisionRequest(decision, Http.text(body, "reason", "message"), option, null,
        ctx == null ? "websocket" : Http.by(ctx, body));
  }
}
