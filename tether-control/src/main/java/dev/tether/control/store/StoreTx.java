package dev.tether.control.store;

import dev.tether.control.approval.Approval;
import dev.tether.control.approval.Rule;
import dev.tether.control.event.Event;
import dev.tether.control.event.SessionEvent;
import dev.tether.control.session.Session;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a write may do, inside its transaction. Reads here see the transaction's own writes. Not
 * thread-safe, and valid only during the work it was given to.
 */
public interface StoreTx {
  /** The time of this transaction (one clock reading for all its writes). */
  Instant now();

  Optional<Session> session(String id);

  /** Sessions bound to an agent's own session id, newest first. */
  List<Session> sessionsByAgentSessionId(String agentSessionId);

  /** Inserts a new session (its {@code lastSeq} must be 0). */
  void insert(Session session);

  /** Stores a session's fields; {@code lastSeq} (kept by appends) and {@code pendingApprovals} (computed) are ignored. */
  void update(Session session);

  /** Deletes a session with its events and approvals (rules scoped to it stay until they expire or are revoked). */
  void delete(String sessionId);

  /** Appends an event: seq = the session's last seq + 1. */
  Event append(String sessionId, SessionEvent body);

  Optional<Approval> approval(String id);

  /** An approval by the agent's own request id within a session. */
  Optional<Approval> approvalByRequestId(String sessionId, String requestId);

  /** The session's pending approvals (every session's when {@code sessionId} is null), oldest first. */
  List<Approval> pendingApprovals(String sessionId);

  void insert(Approval approval);

  void update(Approval approval);

  /** Every stored rule. */
  List<Rule> rules();

  void insert(Rule rule);

  /** Deletes a rule; false if there was none. */
  boolean deleteRule(String id);

  /** Ids of ended sessions whose end is before {@code cutoff} (for retention). */
  List<String> endedBefore(Instant cutoff);

  /** Deletes rules that expired before {@code cutoff}; returns how many. */
  int deleteRulesExpiredBefore(Instant cutoff);
}
