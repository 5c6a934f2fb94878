package dev.tether.control.hook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.control.ControlException;
import dev.tether.control.ControlJson;
import dev.tether.control.ControlService;
import dev.tether.control.event.Event;
import dev.tether.control.event.SessionEvent;
import dev.tether.control.session.Session;
import dev.tether.control.session.SessionState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of {@code tether hook EVENT}: a Claude Code hook payload in, the JSON claude must read
 * on the hook's stdout out (empty: no decision). What each event does:
 *
 * <ul>
 *   <li>SessionStart: finds or makes the session for claude's {@code session_id} (agent
 *       {@code claude_code}, directory {@code cwd}), or binds the session the request names; a new one
 *       starts running.
 *   <li>UserPromptSubmit: a {@code user_input} event ({@code by: terminal}).
 *   <li>PreToolUse: a {@code tool_call} output event; when the session is gated remotely, an approval
 *       (see {@link ToolGate}).
 *   <li>PostToolUse: a {@code tool_result} output event.
 *   <li>Notification: a {@code notification} event surfaces push.
 *   <li>Stop: the session awaits input; remote messages become a {@code block} (see {@link StopWait}).
 *   <li>SessionEnd: the session ends.
 * </ul>
 *
 * <p>A session Tether runs itself ({@link HookRequest#managed()}, headless) is owned by its runner: there
 * Stop and SessionEnd change nothing, because one {@code claude -p} process ends per turn.
 *
 * <p>Claude may run a hook again (a resumed session, a retried tool call): SessionStart finds the same
 * session, an approval for the same {@code tool_use_id} is the same approval, a repeated tool call is
 * logged once, and ending an ended session is a no-op.
 */
public final class HookService {
  private static final Logger LOG = LoggerFactory.getLogger(HookService.class);
  private static final Pattern EVENT_NAME = Pattern.compile("[A-Za-z]{1,40}");
  static final String TERMINAL = "terminal";

  private final ControlService service;
  private final SessionLog log;
  private final ToolGate gate;
  private final StopWait stopWait;
  private final RecentIds reported = new RecentIds(4096);

  public HookService(ControlService service) {
    this.service = service;
    this.log = new SessionLog(service);
    this.gate = new ToolGate(service, log);
    this.stopWait = new StopWait(service, log);
  }

  /**
   * Handles one hook call.
   *
   * @param event the hook event name, e.g. {@code PreToolUse}
   * @param body the payload claude wrote to the hook's stdin
   * @return what the hook prints for claude, or empty for no decision
   * @throws ControlException for a bad event name or payload (the hook client prints nothing then)
   */
  public Optional<ObjectNode> handle(String event, JsonNode body, HookRequest request) {
    if (event == null || !EVENT_NAME.matcher(event).matches()) {
      throw ControlException.validation("hook event must be a name such as PreToolUse, not " + event);
    }
    if (body == null || !body.isObject()) {
      throw ControlException.badRequest("the hook payload must be a JSON object");
    }
    HookPayload p = AgentJson.read(body);
    if (request.session() == null && (p.sessionId() == null || p.sessionId().isBlank())) {
      throw ControlException.validation("the hook payload has no session_id");
    }
    return switch (event) {
      case "SessionStart" -> {
        Session s = claim(p, request);
        if (s.state() == SessionState.CREATED) {
          log.status(s, "running");
        }
        yield Optional.empty();
      }
      case "UserPromptSubmit" -> {
        prompt(claim(p, request), p, request);
        yield Optional.empty();
      }
      case "PreToolUse" -> gate.preToolUse(claim(p, request), p, request, firstReport(p, event));
      case "PostToolUse" -> {
        Session s = claim(p, request);
        if (firstReport(p, event) && p.toolName() != null && !request.managed()) {  // headless: from stream-json
          log.output(s, "tool_result", p.toolName(), ToolText.result(p.toolResponse()));
        }
        yield gate.stopIfInterrupted(service.session(s.id()));
      }
      case "Notification" -> {
        notify(claim(p, request), p);
        yield Optional.empty();
      }
      case "Stop" -> request.managed() ? Optional.empty() : stopWait.stop(claim(p, request), p, request);
      case "SessionEnd" -> {
        if (!request.managed()) {
          service.agentSession(p.sessionId()).ifPresent(s -> log.status(s, "ended"));
        }
        yield Optional.empty();
      }
      default -> Optional.empty(); // an event this version does not hook: no decision
    };
  }

  private Session claim(HookPayload p, HookRequest request) {
    return service.claimAgentSession(p.sessionId(), "claude_code", p.cwd(), request.session());
  }

  private boolean firstReport(HookPayload p, String event) {
    return p.toolUseId() == null || reported.add(event + " " + p.toolUseId());
  }

  private void prompt(Session s, HookPayload p, HookRequest request) {
    if (p.prompt() == null || p.prompt().isBlank()) {
      return;
    }
    if (request.managed()) {
      // The runner sent this prompt and logged it; logging it again as input would queue another turn.
      return;
    }
    if (s.state() == SessionState.INTERRUPTING) {
      log.status(s, "awaiting_input");
    }
    try {
      service.input(s.id(), p.prompt(), TERMINAL);
    } catch (ControlException e) {
      LOG.debug("not logging the prompt of {}: {}", s.id(), e.getMessage());
    }
  }

  private void notify(Session s, HookPayload p) {
    if (p.message() == null || p.message().isBlank()) {
      return;
    }
    ObjectNode data = JsonNodeFactory.instance.objectNode().put("message", p.message());
    if (p.notificationType() != null) {
      data.put("kind", p.notificationType());
    }
    if (p.title() != null) {
      data.put("title", p.title());
    }
    log.append(s, "notification", data);
  }

  /** JSON helpers kept here so the payload record stays a plain record. */
  static final class AgentJson {
    private AgentJson() {}

    static HookPayload read(JsonNode body) {
      try {
        return ControlJson.MAPPER.treeToValue(body, HookPayload.class);
      } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
        throw ControlException.validation("bad hook payload: " + e.getMessage());
      }
    }
  }

  /** A bounded set of recently seen keys (oldest forgotten first). */
  static final class RecentIds {
    private final Map<String, Boolean> seen;

    RecentIds(int capacity) {
      this.seen = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > capacity;
        }
      });
    }

    /** Adds {@code key}; false when it was there already. */
    boolean add(String key) {
      return seen.put(key, Boolean.TRUE) == null;
    }
  }
}
