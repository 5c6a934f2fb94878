package dev.tether.control.hook;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.control.ControlException;
import dev.tether.control.ControlJson;
import dev.tether.control.ControlService;
import dev.tether.control.event.Event;
import dev.tether.control.event.SessionEvent;
import dev.tether.control.session.Session;
import dev.tether.control.session.SessionState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stop of a launched claude: the session now awaits input. Messages sent to it from a surface (the
 * {@code input} endpoint: phone, web, chat, CLI) that claude has not seen are handed over as a Stop
 * {@code block} whose reason is the message, so claude goes on with it. Messages already queued go at
 * once, at the desk too; in away mode the hook also waits, up to {@code stopWait}, for one to come. It
 * stops waiting early when away mode is switched off, so the user back at the terminal gets it back.
 */
final class StopWait {
  /** How often a waiting Stop looks again at whether the session is still away. */
  private static final Duration SLICE = Duration.ofSeconds(2);
  private static final Set<String> INPUT = Set.of("user_input");

  private final ControlService service;
  private final SessionLog log;
  /** Per session, the seq of the newest remote message handed to claude. */
  private final Map<String, Long> delivered = new ConcurrentHashMap<>();

  StopWait(ControlService service, SessionLog log) {
    this.service = service;
    this.log = log;
  }

  Optional<ObjectNode> stop(Session s, HookPayload p, HookRequest request) {
    List<Event> recent = recent(s);
    long since = delivered.computeIfAbsent(s.id(), id -> lastIdle(recent));
    if (p.lastAssistantMessage() != null && !p.lastAssistantMessage().isBlank() && !assistantSpoke(recent)) {
      // Without the gateway's traffic (claude talking to another server) this is the turn's only text.
      log.append(s, "output", ControlJson.tree(new SessionEvent.Output(p.lastAssistantMessage(), "final", true,
          List.of(new SessionEvent.Segment("text", p.lastAssistantMessage(), null)))));
    }
    log.status(s, "awaiting_input");
    List<Event> messages = remoteMessages(s.id(), since);
    long deadline = System.nanoTime() + service.config().stopWait().toNanos();
    try {
      while (messages.isEmpty() && System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
        Session now = service.session(s.id());
        if (now.state() == SessionState.ENDED || !log.gated(now, request)) {
          break;
        }
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        service.poll(s.id(), since, INPUT, left.compareTo(SLICE) < 0 ? left : SLICE);
        messages = remoteMessages(s.id(), since);
      }
    } catch (ControlException e) {
      return Optional.empty(); // deleted while waiting
    }
    if (messages.isEmpty()) {
      return Optional.empty();
    }
    delivered.put(s.id(), messages.getLast().seq());
    log.status(s.id(), "running");
    List<String> texts = new ArrayList<>();
    for (Event e : messages) {
      texts.add(((SessionEvent.UserInput) e.body()).text());
    }
    return Optional.of(JsonNodeFactory.instance.objectNode().put("decision", "block")
        .put("reason", String.join("\n\n", texts)));
  }

  /** Messages from surfaces after {@code since}; prompts typed in claude's terminal are claude's already. */
  private List<Event> remoteMessages(String sessionId, long since) {
    return service.poll(sessionId, since, INPUT, Duration.ZERO).stream()
        .filter(e -> e.body() instanceof SessionEvent.UserInput in && !HookService.TERMINAL.equals(in.by()))
        .toList();
  }

  private List<Event> recent(Session s) {
    return service.events(s.id(), Math.max(0, s.lastSeq() - 500), 500);
  }

  /**
   * Where the previous turn ended (its move to awaiting_input), when this server has not handed over a
   * message yet (after a restart): messages since then are new to claude.
   */
  private static long lastIdle(List<Event> recent) {
    for (int i = recent.size() - 1; i >= 0; i--) {
      if (recent.get(i).body() instanceof SessionEvent.StateChanged c && c.state() == SessionState.AWAITING_INPUT) {
        return recent.get(i).seq();
      }
    }
    return 0;
  }

  /** Whether the assistant's text of this turn (since the last input) is in the log already. */
  private static boolean assistantSpoke(List<Event> recent) {
    for (int i = recent.size() - 1; i >= 0; i--) {
      SessionEvent body = recent.get(i).body();
      if (body instanceof SessionEvent.UserInput) {
        return false;
      }
      if (body instanceof SessionEvent.Output out && out.kind() != null
          && !out.kind().equals("tool_call") && !out.kind().equals("tool_result")) {
        return true;
      }
    }
    return false;
  }
}
