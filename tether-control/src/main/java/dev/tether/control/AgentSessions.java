package dev.tether.control;

import dev.tether.control.event.SessionEvent;
import dev.tether.control.session.NewSession;
import dev.tether.control.session.Session;
import dev.tether.control.session.SessionState;
import dev.tether.control.store.StoreTx;
import java.util.Optional;

/**
 * Finding the Tether session behind an agent's own session id (Claude Code's {@code session_id}), in one
 * transaction so that two hooks of a new session racing each other still make one session.
 */
final class AgentSessions {
  private AgentSessions() {}

  /**
   * The session for {@code agentSessionId}: the one named by {@code sessionId} when given (binding the
   * agent's id to it if it has none yet), else the newest live session bound to it, else a new one.
   */
  static Session claim(StoreTx tx, String agentSessionId, String agentType, String directory, String sessionId) {
    if (sessionId != null) {
      Session s = Transitions.session(tx, sessionId);
      if (s.agentSessionId() == null && agentSessionId != null) {
        Session bound = new Session(s.id(), s.name(), s.agentType(), s.directory(), s.state(), s.approvalMode(),
            s.away(), agentSessionId, s.createdAt(), tx.now(), s.startedAt(), s.endedAt(), s.lastSeq(), s.usage(),
            s.pendingApprovals(), s.headless(), s.syncCursor());
        tx.update(bound);
        tx.append(s.id(), new SessionEvent.SessionUpdated(null, null, null, agentSessionId));
        return Transitions.session(tx, s.id());
      }
      return s;
    }
    Optional<Session> live = tx.sessionsByAgentSessionId(agentSessionId).stream()
        .filter(s -> s.state() != SessionState.ENDED).findFirst();
    if (live.isPresent()) {
      return live.get();
    }
    String dir;
    try {
      dir = Validation.directory(directory);
    } catch (ControlException e) {
      dir = null; // a session with an unknown directory beats no session
    }
    // A session that hooks report into runs elsewhere (a launched claude): Tether does not run it.
    var valid = Validation.newSession(new NewSession(null, agentType, dir, null, false));
    Session s = new Session(Ids.session(), valid.name(), valid.agentType(), valid.directory(), SessionState.CREATED,
        valid.mode(), false, agentSessionId, tx.now(), tx.now(), null, null, 0, null, 0, false, null);
    tx.insert(s);
    tx.append(s.id(), new SessionEvent.StateChanged(SessionState.CREATED, null, "created"));
    return Transitions.session(tx, s.id());
  }

  /** The newest live session bound to {@code agentSessionId}, if any. */
  static Optional<Session> find(StoreTx tx, String agentSessionId) {
    return tx.sessionsByAgentSessionId(agentSessionId).stream().filter(s -> s.state() != SessionState.ENDED)
        .findFirst();
  }
}
