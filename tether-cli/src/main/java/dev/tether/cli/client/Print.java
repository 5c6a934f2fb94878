package dev.tether.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.control.ControlJson;
import dev.tether.control.approval.Approval;
import dev.tether.control.event.Event;
import dev.tether.control.event.SessionEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How the client shows sessions, approvals and events in a terminal. */
final class Print {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private Print() {}

  /** "3m ago", "2h ago", "5d ago". */
  static String age(Instant then, Instant now) {
    if (then == null) {
      return "-";
    }
    Duration d = Duration.between(then, now);
    if (d.toSeconds() < 60) {
      return Math.max(0, d.toSeconds()) + "s ago";
    }
    if (d.toMinutes() < 60) {
      return d.toMinutes() + "m ago";
    }
    if (d.toHours() < 48) {
      return d.toHours() + "h ago";
    }
    return d.toDays() + "d ago";
  }

  /** What an approval asks, in one line. */
  static String what(Approval a) {
    if (a.freeForm()) {
      return a.title() + (a.options().isEmpty() ? "" : " " + a.options());
    }
    return a.toolName() + detail(a.toolInput());
  }

  private static String detail(JsonNode input) {
    if (input == null) {
      return "";
    }
    for (String field : new String[] {"command", "file_path", "path", "url", "pattern", "query"}) {
      if (input.hasNonNull(field)) {
        return ": " + clip(input.get(field).asText(), 120);
      }
    }
    return input.isEmpty() ? "" : " " + clip(ControlJson.write(input), 120);
  }

  static String clip(String s, int max) {
    String one = s.replace('\n', ' ');
    return one.length() <= max ? one : one.substring(0, max - 1) + "…";
  }

  /** One event as a line (or lines, for output) for {@code tether watch}. */
  static String event(Event e) {
    String head = String.format("%5d %s ", e.seq(), TIME.format(e.ts()));
    String body = switch (e.body()) {
      case SessionEvent.StateChanged s -> "state     " + s.state().wire()
          + (s.from() != null ? " (was " + s.from().wire() + ")" : "");
      case SessionEvent.Output o -> (o.kind() != null && !o.kind().equals("step") ? o.kind() : "output") + "    "
          + (o.text() != null ? o.text() : "");
      case SessionEvent.UserInput u -> "input     > " + u.text();
      case SessionEvent.Interrupt i -> "interrupt requested" + (i.by() != null ? " by " + i.by() : "");
      case SessionEvent.ApprovalRequested a -> "approval? " + a.approvalId() + " "
          + (a.toolName() != null ? a.toolName() + detail(a.toolInput()) : a.title() + (a.options() != null ? " " + a.options() : ""))
          + "   (tether approve " + a.approvalId() + " / tether deny " + a.approvalId() + ")";
      case SessionEvent.ApprovalResolved r -> "approval  " + r.approvalId() + " " + r.decision().wire() + " by "
          + r.resolvedBy().wire() + (r.via() != null ? " (" + r.via() + ")" : "")
          + (r.reason() != null ? ": " + r.reason() : "") + (r.choice() != null ? " -> " + r.choice() : "");
      case SessionEvent.UsageReported u -> "usage     in " + u.inputTokens() + ", out " + u.outputTokens()
          + (u.costUsd() > 0 ? String.format(", $%.4f", u.costUsd()) : "");
      case SessionEvent.ErrorReported err -> "error     " + err.code() + ": " + err.message();
      case SessionEvent.SessionUpdated s -> "updated   " + ControlJson.write(e.data());
      case SessionEvent.SessionDeleted d -> "deleted";
      case SessionEvent.AgentDisconnected d -> "agent disconnected" + (d.reason() != null && !d.reason().isBlank() ? ": " + d.reason() : "");
      case SessionEvent.Notification n -> "notice    " + n.message();
      case SessionEvent.Unknown u -> u.type() + " " + ControlJson.write(u.data());
    };
    return head + body;
  }
}
