package dev.tether.control.hook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tether.control.ControlException;
import dev.tether.control.ControlJson;
import dev.tether.control.ControlService;
import dev.tether.control.event.SessionEvent;
import dev.tether.control.session.Session;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what hooks report into a session's log, forgivingly: a hook must never fail claude because the
 * session is in a state it did not expect (ended meanwhile, say), so refusals are logged and dropped.
 */
final class SessionLog {
  private static final Logger LOG = LoggerFactory.getLogger(SessionLog.class);

  private final ControlService service;

  SessionLog(ControlService service) {
    this.service = service;
  }

  /** An output event of {@code kind} with one segment ({@code label}: the tool name). */
  void output(Session s, String kind, String label, String text) {
    SessionEvent.Output out = new SessionEvent.Output(label + ": " + text, kind, null,
        List.of(new SessionEvent.Segment(kind, text, label)));
    append(s, "output", ControlJson.tree(out));
  }

  /** Moves the session if the state table allows it. */
  void status(Session s, String status) {
    append(s, "status", JsonNodeFactory.instance.objectNode().put("status", status));
  }

  /** Moves the session with this id if the state table allows it. */
  void status(String sessionId, String status) {
    append(sessionId, "status", JsonNodeFactory.instance.objectNode().put("status", status));
  }

  void append(Session s, String type, JsonNode data) {
    append(s.id(), type, data);
  }

  private void append(String sessionId, String type, JsonNode data) {
    try {
      service.append(sessionId, type, data);
    } catch (ControlException e) {
      LOG.debug("hook event not logged on {} ({}): {}", sessionId, type, e.getMessage());
    }
  }

  /** Whether tools of {@code s} are gated remotely: the request says so, or the session, or everyone, is away. */
  boolean gated(Session s, HookRequest request) {
    return request.remote() || s.away() || service.awayDefault();
  }
}
