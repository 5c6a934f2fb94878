package dev.tether.control;

import dev.tether.control.approval.Approval;
import dev.tether.control.approval.Decision;
import dev.tether.control.approval.Policy;
import dev.tether.control.approval.ResolvedBy;
import dev.tether.control.approval.Verdict;
import dev.tether.control.event.SessionEvent;
import dev.tether.control.session.Session;
import dev.tether.control.session.SessionState;
import dev.tether.control.store.StoreTx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The moves the service makes inside a store transaction: state changes (checked against the table in
 * {@link SessionState}, each logged as a {@code state} event) and settling approvals (each logged as
 * {@code approval_resolved}, whoever or whatever decided).
 */
final class Transitions {
  private Transitions() {}

  /** The session, or 404. */
  static Session session(StoreTx tx, String id) {
    return tx.session(id).orElseThrow(() -> ControlException.notFound("no session " + id));
  }

  /** Moves {@code s} to {@code to} (a no-op if it is there already); 409 if the table forbids it. */
  static Session move(StoreTx tx, Session s, SessionState to, String reason) {
    if (s.state() == to) {
      return s;
    }
    if (!s.state().canMoveTo(to)) {
      throw ControlException.invalidState("session " + s.id() + " is " + s.state().wire() + " and cannot become "
          + to.wire());
    }
    Session next = s.withState(to, tx.now());
    tx.update(next);
    tx.append(s.id(), new SessionEvent.StateChanged(to, s.state(), reason));
    return next;
  }

  /** 409 unless the session is still live. */
  static void requireNotEnded(Session s) {
    if (s.state() == SessionState.ENDED) {
      throw ControlException.invalidState("session " + s.id() + " has ended");
    }
  }

  /**
   * Settles a pending approval; when it was the session's last and the session was waiting on it, the
   * session goes back to running.
   */
  static Approval resolve(StoreTx tx, Approval a, Decision decision, ResolvedBy by, String via, String reason,
      String choice, String ruleId) {
    assert a.status() == dev.tether.control.approval.ApprovalStatus.PENDING : a;
    Approval done = a.resolved(decision, by, via, reason, choice, ruleId, tx.now());
    tx.update(done);
    tx.append(a.sessionId(), new SessionEvent.ApprovalResolved(a.id(), a.requestId(), decision, by, via, reason,
        choice, ruleId));
    Session s = session(tx, a.sessionId());
    if (s.state() == SessionState.AWAITING_APPROVAL && tx.pendingApprovals(s.id()).isEmpty()) {
      move(tx, s, SessionState.RUNNING, "approval " + decision.wire());
    }
    return done;
  }

  /** Denies every pending approval of the session as cancelled ({@code why}: interrupted, deleted, ended). */
  static void cancelPending(StoreTx tx, String sessionId, String why) {
    for (Approval a : tx.pendingApprovals(sessionId)) {
      resolve(tx, a, Decision.DENY, ResolvedBy.CANCEL, why, "cancelled: session " + why, null, null);
    }
  }

  /** What the policy says about a pending tool approval now (rules and mode as stored). */
  static Optional<Verdict> verdict(StoreTx tx, Session s, Approval a) {
    return Policy.decide(a.toolName(), a.toolInput(), s.id(), s.directory(), s.approvalMode(), tx.rules(), tx.now());
  }

  /** Settles whichever pending approvals (of one session, or all when null) the policy now answers. */
  static List<Approval> settleByPolicy(StoreTx tx, String sessionId) {
    List<Approval> settled = new ArrayList<>();
    for (Approval a : tx.pendingApprovals(sessionId)) {
      Optional<Session> s = tx.session(a.sessionId());
      if (s.isEmpty()) {
        continue;
      }
      Optional<Verdict> v = verdict(tx, s.get(), a);
      if (v.isPresent()) {
        Verdict verdict = v.get();
        settled.add(resolve(tx, a, verdict.decision(), verdict.resolvedBy(), verdict.via(),
            reasonOf(verdict), null, verdict.ruleId()));
      }
    }
    return settled;
  }

  static String reasonOf(Verdict v) {
    return switch (v.resolvedBy()) {
      case RULE -> (v.decision() == Decision.ALLOW ? "allowed" : "denied") + " by rule " + v.via();
      case MODE -> "allowed by approval mode " + v.via();
      case HUMAN, TIMEOUT, CANCEL -> null;
    };
  }
}
