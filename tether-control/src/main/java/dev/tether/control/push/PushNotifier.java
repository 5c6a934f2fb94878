package dev.tether.control.push;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.control.ControlJson;
import dev.tether.control.ControlService;
import dev.tether.control.event.Event;
import dev.tether.control.event.EventBus;
import dev.tether.control.event.Published;
import dev.tether.control.event.SessionEvent;
import dev.tether.control.event.Subscription;
import dev.tether.control.session.Session;
import dev.tether.control.session.SessionState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every session's events and pushes a notification to each subscription when an approval is
 * requested (its summary) or a session waits for input. Subscriptions the push service calls gone are
 * dropped.
 */
final class PushNotifier implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(PushNotifier.class);
  private static final int MAX_BODY = 300;

  private final ControlService service;
  private final PushStore store;
  private final PushSender sender;
  private final Subscription events;

  PushNotifier(ControlService service, PushStore store, PushSender sender) {
    this.service = service;
    this.store = store;
    this.sender = sender;
    this.events = service.bus().subscribeAll(EventBus.DEFAULT_CAPACITY);
  }

  @Override
  public void run() {
    try {
      while (events.open()) {
        Published p = events.poll(Duration.ofSeconds(30));
        if (p != null) {
          notify(p.event());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      events.close();
    }
  }

  void stop() {
    events.close();
  }

  private void notify(Event e) {
    Map<String, Object> message = message(e);
    if (message == null) {
      return;
    }
    var subscriptions = store.all();
    if (subscriptions.isEmpty()) {
      return;
    }
    byte[] payload = ControlJson.write(message).getBytes(StandardCharsets.UTF_8);
    Duration ttl = message.containsKey("approval_id") ? Duration.ofMinutes(10) : Duration.ofHours(1);
    for (PushSubscription s : subscriptions) {
      Thread.startVirtualThread(() -> {
        if (sender.send(s, payload, ttl, "high") == PushSender.Outcome.GONE) {
          store.delete(s.endpoint());
          LOG.info("dropped a push subscription the push service no longer knows");
        }
      });
    }
  }

  /** The notification for an event, or null when it needs none. */
  Map<String, Object> message(Event e) {
    return switch (e.body()) {
      case SessionEvent.ApprovalRequested a -> {
        Map<String, Object> m = base(e, a.toolName() != null ? a.toolName() + " needs approval"
            : a.title() != null ? a.title() : "A question needs an answer");
        m.put("body", name(e.sessionId()) + ": " + summary(a));
        m.put("approval_id", a.approvalId());
        m.put("tag", a.approvalId());
        yield m;
      }
      case SessionEvent.StateChanged s when s.state() == SessionState.AWAITING_INPUT -> {
        Map<String, Object> m = base(e, name(e.sessionId()) + " is waiting for you");
        m.put("body", "Reply to continue the session.");
        m.put("tag", e.sessionId());
        yield m;
      }
      default -> null;
    };
  }

  private static Map<String, Object> base(Event e, String title) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", clip(title, 120));
    m.put("session_id", e.sessionId());
    m.put("url", "/#/s/" + e.sessionId());
    m.put("ts", e.ts() == null ? Instant.now().toString() : e.ts().toString());
    return m;
  }

  private String name(String sessionId) {
    try {
      Session s = service.session(sessionId);
      return s.name() != null ? s.name() : s.id();
    } catch (RuntimeException ex) {
      return sessionId;
    }
  }

  /** One line a phone can show: the command, the file, the URL, else the input as JSON. */
  static String summary(SessionEvent.ApprovalRequested a) {
    if (a.toolName() == null) {
      return clip(a.description() != null ? a.description() : String.join(" / ", a.options() == null
          ? java.util.List.of() : a.options()), MAX_BODY);
    }
    JsonNode in = a.toolInput();
    String text = null;
    if (in != null && in.isObject()) {
      for (String field : new String[] {"command", "file_path", "notebook_path", "url", "query", "pattern"}) {
        if (in.hasNonNull(field) && in.get(field).isTextual()) {
          text = (field.equals("command") ? "$ " : "") + in.get(field).asText();
          break;
        }
      }
    }
    if (text == null) {
      text = in == null ? "" : in.toString();
    }
    return clip(text, MAX_BODY);
  }

  private static String clip(String s, int max) {
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() > max ? one.substring(0, max - 1) + "…" : one;
  }
}
