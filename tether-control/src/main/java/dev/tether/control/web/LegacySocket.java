package dev.tether.control.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.control.Appended;
import dev.tether.control.ControlException;
import dev.tether.control.ControlJson;
import dev.tether.control.ControlService;
import dev.tether.control.session.Session;
import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code WS /api/external/ws}, the older external-agent WebSocket: {@code register} → {@code registered},
 * {@code create_session} → {@code session_created}, {@code event} → {@code ack} (with the seq),
 * {@code poll_events} → {@code events}; a failure → {@code error}. When the socket closes, each session it
 * touched gets {@code agent_disconnected}.
 */
final class LegacySocket {
  private static final Logger LOG = LoggerFactory.getLogger(LegacySocket.class);
  static final String PATH = "/api/external/ws";

  private final ControlService service;
  private final Map<String, Set<String>> touched = new ConcurrentHashMap<>();

  LegacySocket(ControlService service) {
    this.service = service;
  }

  void install(Javalin app, Auth auth) {
    app.wsBeforeUpgrade(PATH, ctx -> auth.require(ctx, ctx.queryParam("token")));
    app.ws(PATH, ws -> {
      ws.onConnect(ctx -> {
        ctx.session.setIdleTimeout(Duration.ofMinutes(30));
        touched.put(ctx.sessionId(), ConcurrentHashMap.newKeySet());
      });
      ws.onMessage(this::message);
      ws.onClose(ctx -> disconnected(ctx, ctx.reason()));
      ws.onError(ctx -> LOG.debug("external agent socket error", ctx.error()));
    });
  }

  private void message(WsMessageContext ctx) {
    ObjectNode reply = ControlJson.MAPPER.createObjectNode();
    try {
      JsonNode msg = ControlJson.MAPPER.readTree(ctx.message());
      String type = msg.path("type").asText("");
      switch (type) {
        case "register" -> reply.put("type", "registered");
        case "create_session" -> {
          Session s = LegacyRoutes.create(service, msg);
          remember(ctx, s.id());
          reply.put("type", "session_created").put("session_id", s.id());
          reply.set("session", ControlJson.tree(s));
        }
        case "event" -> {
          String id = msg.path("session_id").asText();
          JsonNode event = msg.has("event") ? msg.get("event") : msg;
          String eventType = event.path("type").asText(null);
          if ("event".equals(eventType)) {
            eventType = msg.path("event_type").asText(null);
          }
          Appended a = service.append(id, eventType, event.get("data"));
          remember(ctx, id);
          reply.put("type", "ack").put("seq", a.seq());
          if (a.approvalId() != null) {
            reply.put("approval_id", a.approvalId());
          }
        }
        case "poll_events" -> {
          String id = msg.path("session_id").asText();
          remember(ctx, id);
          reply.put("type", "events");
          reply.set("events", ControlJson.tree(LegacyRoutes.poll(service, id, msg.path("since_seq").asLong(0),
              Duration.ZERO)));
        }
        case "respond" -> {
          String id = msg.path("session_id").asText();
          service.decideByRequestId(id, msg.path("request_id").asText(), LegacyRoutes.decision(null, msg));
          reply.put("type", "ack");
        }
        default -> throw ControlException.validation("unknown message type " + type
            + ": register, create_session, event, poll_events or respond");
      }
    } catch (ControlException e) {
      reply.removeAll();
      reply.put("type", "error");
      reply.putObject("error").put("code", e.code().wire()).put("message", e.getMessage());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      reply.removeAll();
      reply.put("type", "error");
      reply.putObject("error").put("code", "invalid_request").put("message", "not JSON: " + e.getOriginalMessage());
    }
    if (msg(ctx) != null) {
      reply.put("id", msg(ctx));
    }
    ctx.send(ControlJson.write(reply));
  }

  /** The client's message id, echoed so it can match replies. */
  private static String msg(WsMessageContext ctx) {
    try {
      JsonNode id = ControlJson.MAPPER.readTree(ctx.message()).get("id");
      return id == null || id.isNull() ? null : id.asText();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return null;
    }
  }

  private void remember(WsContext ctx, String sessionId) {
    touched.computeIfAbsent(ctx.sessionId(), k -> ConcurrentHashMap.newKeySet()).add(sessionId);
  }

  private void disconnected(WsContext ctx, String reason) {
    Set<String> ids = touched.remove(ctx.sessionId());
    if (ids == null) {
      return;
    }
    for (String id : ids) {
      try {
        service.recordDisconnect(id, reason);
      } catch (RuntimeException e) {
        LOG.debug("recording the disconnect of {} failed", id, e);
      }
    }
  }
}
