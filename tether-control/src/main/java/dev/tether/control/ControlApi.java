package dev.tether.control;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.control.approval.Approval;
import dev.tether.control.approval.ApprovalRequest;
import dev.tether.control.approval.ApprovalStatus;
import dev.tether.control.approval.DecisionRequest;
import dev.tether.control.approval.NewRule;
import dev.tether.control.approval.Rule;
import dev.tether.control.event.Event;
import dev.tether.control.session.NewSession;
import dev.tether.control.session.Session;
import dev.tether.control.session.SessionPage;
import dev.tether.control.session.SessionPatch;
import dev.tether.control.session.SessionQuery;
import dev.tether.control.session.Usage;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The command surface every view shares: the service in the server, and the HTTP client in the CLI and
 * {@code tether mcp}. Failures are {@link ControlException}s with the same codes either way. Session
 * and approval ids are exact here; prefixes are resolved by clients.
 */
public interface ControlApi {
  /** The agent-facing event types {@link #poll} returns by default. */
  Set<String> AGENT_EVENT_TYPES = Set.of("user_input", "approval_resolved", "interrupt");

  Session createSession(NewSession request);

  Session session(String id);

  SessionPage sessions(SessionQuery query);

  Session updateSession(String id, SessionPatch patch);

  /** Deletes a session; a busy one (running, awaiting approval, interrupting) only with {@code force}. */
  void deleteSession(String id, boolean force);

  /** Starts a turn (from created, awaiting input or error), optionally with a prompt. */
  Session start(String id, String prompt, String by);

  /** Sends the agent text; starts the session if it was idle. Returns the seq of the {@code user_input} event. */
  Appended input(String id, String text, String by);

  /** Asks the agent to stop its turn; pending approvals are cancelled. Idempotent when idle. */
  Session interrupt(String id, String by);

  /** An agent reports: {@code output}, {@code status}, {@code error}, {@code usage} or {@code approval_request}. */
  Appended append(String id, String type, JsonNode data);

  /** The session's log after {@code afterSeq}, oldest first, at most {@code limit}. */
  List<Event> events(String id, long afterSeq, int limit);

  /**
   * What is meant for the agent after {@code sinceSeq} (by default user input, approval decisions and
   * interrupts; {@code types} selects), waiting up to {@code wait} for the first.
   */
  List<Event> poll(String id, long sinceSeq, Set<String> types, Duration wait);

  /** Raises an approval; waits up to {@code wait} for the decision (zero: return at once). */
  Approval requestApproval(String sessionId, ApprovalRequest request, Duration wait);

  /** An approval, waiting up to {@code wait} while it is pending. */
  Approval approval(String approvalId, Duration wait);

  /** Approvals, newest first, optionally of one session and/or in one status. */
  List<Approval> approvals(String sessionId, ApprovalStatus status);

  /** Answers an approval; the first answer wins, a later one fails with {@code already_decided} (409). */
  Approval decide(String approvalId, DecisionRequest decision);

  /** The rules in force (not expired), oldest first. */
  List<Rule> rules();

  /** Adds a rule; it also settles pending approvals it matches. */
  Rule addRule(NewRule rule);

  void revokeRule(String ruleId);

  Usage usage(String id);

  /** Whether away mode is on for every session (sessions may also be away on their own). */
  boolean awayDefault();

  /** Switches the global away default. */
  void awayDefault(boolean on);
}
