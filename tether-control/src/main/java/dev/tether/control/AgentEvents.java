package dev.tether.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.control.approval.Approval;
import dev.tether.control.approval.ApprovalRequest;
import dev.tether.control.event.Event;
import dev.tether.control.event.EventCodec;
import dev.tether.control.event.SessionEvent;
import dev.tether.control.session.Session;
import dev.tether.control.session.SessionState;
import java.util.Locale;

/**
 * What an agent pushes with {@code POST /api/sessions/{id}/events}: {@code output}, {@code status},
 * {@code error}, {@code usage}, or {@code approval_request} (also {@code permission_request}). The first
 * event of a created session starts it; a status moves it along the state table; an agent that says it
 * is done, failed or ended takes its pending approvals with it (cancelled).
 */
final class AgentEvents {
  private AgentEvents() {}

  static Appended append(ControlService service, Approvals approvals, String id, String type, JsonNode data) {
    if (type == null || type.isBlank()) {
      throw ControlException.validation("type is required: output, status, error, usage or approval_request");
    }
    String t = type.strip().toLowerCase(Locale.ROOT);
    switch (t) {
      case "approval_request", "permission_request", "approval_requested" -> {
        ApprovalRequest request = read(data, ApprovalRequest.class, t);
        Approval a = approvals.request(id, request);
        return new Appended(a.seq(), "approval_requested", a.id(), a.status(), a.decision());
      }
      case "output" -> {
        SessionEvent.Output out = (SessionEvent.Output) decode("output", data);
        if (out.text() == null && (out.segments() == null || out.segments().isEmpty())) {
          throw ControlException.validation("output needs data.text (or data.segments)");
        }
        return appended(service.write(tx -> {
          Session s = Transitions.session(tx, id);
          Transitions.requireNotEnded(s);
          if (s.state() == SessionState.CREATED) {
            Transitions.move(tx, s, SessionState.RUNNING, "agent output");
          }
          return tx.append(id, out);
        }));
      }
      case "status" -> {
        SessionState target = status(data);
        return service.write(tx -> {
          Session s = Transitions.session(tx, id);
          if (s.state() == target) {
            return new Appended(s.lastSeq(), "state", null, null, null);
          }
          Transitions.requireNotEnded(s);
          Transitions.move(tx, s, target, "agent status");
          if (target != SessionState.RUNNING) {
            Transitions.cancelPending(tx, id, target.wire());
          }
          return new Appended(Transitions.session(tx, id).lastSeq(), "state", null, null, null);
        });
      }
      case "error" -> {
        SessionEvent.ErrorReported error = (SessionEvent.ErrorReported) decode("error", data);
        SessionEvent.ErrorReported filled = new SessionEvent.ErrorReported(
            error.code() != null ? error.code() : "AGENT_ERROR", error.message());
        return appended(service.write(tx -> {
          Session s = Transitions.session(tx, id);
          Transitions.requireNotEnded(s);
          Event e = tx.append(id, filled);
          if (s.state() != SessionState.ERROR && s.state().canMoveTo(SessionState.ERROR)) {
            Transitions.move(tx, s, SessionState.ERROR, "agent error");
            Transitions.cancelPending(tx, id, "failed");
          }
          return e;
        }));
      }
      case "notification" -> {
        SessionEvent.Notification notice = (SessionEvent.Notification) decode("notification", data);
        if (notice.message() == null || notice.message().isBlank()) {
          throw ControlException.validation("notification needs data.message");
        }
        return appended(service.write(tx -> {
          Transitions.requireNotEnded(Transitions.session(tx, id));
          return tx.append(id, notice);
        }));
      }
      case "usage" -> {
        SessionEvent.UsageReported usage = (SessionEvent.UsageReported) decode("usage", data);
        return appended(service.write(tx -> {
          Session s = Transitions.session(tx, id);
          Event e = tx.append(id, usage);
          tx.update(s.plusUsage(usage.usage(), tx.now()));
          return e;
        }));
      }
      default -> throw ControlException.validation("unknown event type " + type
          + ": an agent sends output, status, error, usage, notification or approval_request");
    }
  }

  private static Appended appended(Event e) {
    return new Appended(e.seq(), e.type(), null, null, null);
  }

  private static SessionState status(JsonNode data) {
    String status = data != null && data.hasNonNull("status") ? data.get("status").asText() : null;
    if (status == null) {
      throw ControlException.validation("status needs data.status: running, awaiting_input, done, error or ended");
    }
    return switch (status.strip().toLowerCase(Locale.ROOT)) {
      case "running", "working", "busy" -> SessionState.RUNNING;
      case "awaiting_input", "done", "idle", "waiting", "completed" -> SessionState.AWAITING_INPUT;
      case "error", "failed" -> SessionState.ERROR;
      case "ended", "exited", "stopped", "closed" -> SessionState.ENDED;
      default -> throw ControlException.validation("unknown status " + status
          + ": running, awaiting_input, done, error or ended");
    };
  }

  private static SessionEvent decode(String type, JsonNode data) {
    if (data != null && !data.isNull() && !data.isObject()) {
      throw ControlException.validation("data must be an object");
    }
    try {
      return EventCodec.decode(type, data);
    } catch (IllegalArgumentException e) {
      throw ControlException.validation(e.getMessage());
    }
  }

  static <T> T read(JsonNode data, Class<T> type, String what) {
    if (data == null || !data.isObject()) {
      throw ControlException.validation(what + " needs a data object");
    }
    try {
      return ControlJson.MAPPER.treeToValue(data, type);
    } catch (JsonProcessingException e) {
      throw ControlException.validation("bad " + what + ": " + e.getOriginalMessage());
    }
  }
}
