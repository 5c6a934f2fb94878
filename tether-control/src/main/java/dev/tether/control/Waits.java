package dev.tether.control;

import dev.tether.control.approval.Approval;
import dev.tether.control.approval.ApprovalStatus;
import dev.tether.control.event.Event;
import dev.tether.control.event.Published;
import dev.tether.control.event.SessionEvent;
import dev.tether.control.event.Subscription;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Blocking reads: long polls and approval waits. Each subscribes first, then reads the store, then waits
 * on the subscription, so an event committed between the read and the wait is not missed; the store
 * stays the source of truth (the subscription only says when to look again).
 */
final class Waits {
  private static final int POLL_LIMIT = 500;

  private Waits() {}

  /** Event types as agents name them, with the original's names mapped onto Tether's. */
  static Set<String> agentTypes(Set<String> requested) {
    if (requested == null || requested.isEmpty()) {
      return ControlApi.AGENT_EVENT_TYPES;
    }
    Set<String> out = new HashSet<>();
    for (String t : requested) {
      String type = t.strip().toLowerCase(Locale.ROOT);
      switch (type) {
        case "permission_resolved", "approval_response" -> out.add("approval_resolved");
        case "permission_request", "approval_request" -> out.add("approval_requested");
        case "human_input" -> out.add("user_input");
        case "session_state" -> out.add("state");
        case "" -> { }
        default -> out.add(type);
      }
    }
    return out;
  }

  static List<Event> poll(ControlService service, String id, long sinceSeq, Set<String> requested, Duration wait) {
    service.session(id);
    Set<String> types = agentTypes(requested);
    long since = Math.max(0, sinceSeq);
    List<Event> now = service.store().events(id, since, POLL_LIMIT, types);
    if (!now.isEmpty() || wait.isZero()) {
      return now;
    }
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      try (Subscription sub = service.bus().subscribe(id, 256)) {
        List<Event> found = service.store().events(id, since, POLL_LIMIT, types);
        if (!found.isEmpty()) {
          return found;
        }
        while (sub.open()) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return List.of();
          }
          Published p = sub.poll(Duration.ofNanos(left));
          if (p == null) {
            continue;
          }
          if (p.event().body() instanceof SessionEvent.SessionDeleted) {
            return List.of();
          }
          if (p.event().seq() > since && types.contains(p.event().type())) {
            return service.store().events(id, since, POLL_LIMIT, types);
          }
        }
        if (!sub.overflowed()) {
          return List.of(); // closed: the server is stopping
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return List.of();
      }
    }
  }

  static Approval approval(ControlService service, String approvalId, Duration wait) {
    Approval a = service.store().approval(approvalId)
        .orElseThrow(() -> ControlException.notFound("no approval " + approvalId));
    if (a.status() != ApprovalStatus.PENDING || wait.isZero()) {
      return a;
    }
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      try (Subscription sub = service.bus().subscribe(a.sessionId(), 256)) {
        Optional<Approval> fresh = service.store().approval(approvalId);
        if (fresh.isEmpty()) {
          return a; // deleted meanwhile; the last state we saw
        }
        a = fresh.get();
        if (a.status() != ApprovalStatus.PENDING) {
          return a;
        }
        while (sub.open()) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return a;
          }
          Published p = sub.poll(Duration.ofNanos(left));
          if (p != null && p.event().body() instanceof SessionEvent.ApprovalResolved r && r.approvalId().equals(approvalId)) {
            return service.store().approval(approvalId).orElse(
                a.resolved(r.decision(), r.resolvedBy(), r.via(), r.reason(), r.choice(), r.ruleId(), p.event().ts()));
          }
        }
        if (!sub.overflowed()) {
          return a;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return a;
      }
    }
  }
}
