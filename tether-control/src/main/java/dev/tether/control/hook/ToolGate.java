package dev.tether.control.hook;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.control.ControlService;
import dev.tether.control.approval.Approval;
import dev.tether.control.approval.ApprovalRequest;
import dev.tether.control.approval.ApprovalStatus;
import dev.tether.control.approval.Decision;
import dev.tether.control.session.Session;
import dev.tether.control.session.SessionState;
import java.time.Duration;
import java.util.Optional;

/**
 * PreToolUse: logs the call, and when the session is gated remotely turns it into an approval (rules and
 * the approval mode answer first), waits for the answer and gives claude {@code allow} or {@code deny}
 * with a reason. Claude hands a deny's reason to the model verbatim as an error tool result (research
 * §8), so every reason says what happened and what the model may do about it. At the desk there is no
 * decision: claude asks in its own terminal as usual.
 */
final class ToolGate {
  static final String INTERRUPTED = "Interrupted from Tether";

  private final ControlService service;
  private final SessionLog log;

  ToolGate(ControlService service, SessionLog log) {
    this.service = service;
    this.log = log;
  }

  Optional<ObjectNode> preToolUse(Session s, HookPayload p, HookRequest request, boolean first) {
    Optional<ObjectNode> stop = stopIfInterrupted(s);
    if (stop.isPresent() || p.toolName() == null || p.toolName().isBlank()) {
      return stop;
    }
    String gist = ToolText.call(p.toolName(), p.toolInput());
    if (first && !request.managed()) {  // a headless claude's stream-json shows its tool calls already
      log.output(s, "tool_call", p.toolName(), gist);
    }
    if (!log.gated(s, request)) {
      return Optional.empty();
    }
    String description = p.toolInput() != null && p.toolInput().path("description").isTextual()
        ? p.toolInput().get("description").asText() : null;
    Approval a = service.requestApproval(s.id(), new ApprovalRequest(p.toolName(), p.toolInput(), null, description,
        null, p.toolUseId(), null), Duration.ZERO);
    // Approvals time out on the server (deny), so this ends; the hook's own timeout is longer than that.
    while (a.status() == ApprovalStatus.PENDING && !Thread.currentThread().isInterrupted()) {
      a = service.approval(a.id(), service.config().maxWait());
    }
    if (a.status() == ApprovalStatus.PENDING) {
      return Optional.empty();
    }
    return Optional.of(answer(a));
  }

  /** When someone interrupted the session from Tether: claude stops its turn, and the session idles. */
  Optional<ObjectNode> stopIfInterrupted(Session s) {
    if (s.state() != SessionState.INTERRUPTING) {
      return Optional.empty();
    }
    log.status(s, "awaiting_input");
    return Optional.of(JsonNodeFactory.instance.objectNode().put("continue", false).put("stopReason", INTERRUPTED));
  }

  /** The hook output for a settled approval. */
  ObjectNode answer(Approval a) {
    boolean allow = a.decision() == Decision.ALLOW;
    ObjectNode specific = JsonNodeFactory.instance.objectNode()
        .put("hookEventName", "PreToolUse")
        .put("permissionDecision", allow ? "allow" : "deny")
        .put("permissionDecisionReason", allow ? allowReason(a) : denyReason(a));
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    if (!allow && "interrupted".equals(a.via())) {
      out.put("continue", false).put("stopReason", INTERRUPTED);
      log.status(a.sessionId(), "awaiting_input");
    }
    out.set("hookSpecificOutput", specific);
    return out;
  }

  static String allowReason(Approval a) {
    return switch (a.resolvedBy()) {
      case RULE -> "Allowed by the Tether rule " + a.via() + ".";
      case MODE -> "Allowed by the session's approval mode (" + a.via() + ").";
      case HUMAN, TIMEOUT, CANCEL -> "Approved by the user in Tether (" + a.via() + ")" + said(a.reason());
    };
  }

  static String denyReason(Approval a) {
    String tool = a.toolName();
    return switch (a.resolvedBy()) {
      case HUMAN -> "The user denied this " + tool + " call from Tether (" + a.via() + ")" + said(a.reason())
          + " It was not run. Take the reason into account and try another way, or ask the user.";
      case RULE -> "Denied by the Tether rule " + a.via() + ": this " + tool + " call was not run. Do not retry it;"
          + " find another way, or ask the user to change the rule.";
      case TIMEOUT -> "The user is away from the terminal and nobody approved this " + tool + " call in Tether within "
          + human(Duration.between(a.createdAt(), a.expiresAt())) + ", so it was not run. Do not retry it right away;"
          + " continue with work that does not need it, or finish and say what you need approved.";
      case CANCEL -> "This " + tool + " call was not run: " + (a.reason() != null ? a.reason() : "it was cancelled")
          + ".";
      case MODE -> "Denied by the session's approval mode (" + a.via() + "); it was not run.";
    };
  }

  /** {@code ": reason."} (keeping the reason's own final punctuation), or {@code "."} without one. */
  static String said(String reason) {
    if (reason == null || reason.isBlank()) {
      return ".";
    }
    String r = reason.strip();
    return ": " + r + (r.endsWith(".") || r.endsWith("!") || r.endsWith("?") ? "" : ".");
  }

  static String human(Duration d) {
    long s = Math.max(1, Math.round(d.toMillis() / 1000.0));
    if (s % 3600 == 0) {
      return s / 3600 + (s == 3600 ? " hour" : " hours");
    }
    if (s % 60 == 0) {
      return s / 60 + (s == 60 ? " minute" : " minutes");
    }
    return s + (s == 1 ? " second" : " seconds");
  }
}
