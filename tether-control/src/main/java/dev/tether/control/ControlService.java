package dev.tether.control;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.control.approval.Approval;
import dev.tether.control.approval.ApprovalRequest;
import dev.tether.control.approval.ApprovalStatus;
import dev.tether.control.approval.DecisionRequest;
import dev.tether.control.approval.NewRule;
import dev.tether.control.approval.Rule;
import dev.tether.control.event.Event;
import dev.tether.control.event.EventBus;
import dev.tether.control.event.SessionEvent;
import dev.tether.control.session.NewSession;
import dev.tether.control.session.Session;
import dev.tether.control.session.SessionPage;
import dev.tether.control.session.SessionPatch;
import dev.tether.control.session.SessionQuery;
import dev.tether.control.session.SessionState;
import dev.tether.control.session.Usage;
import dev.tether.control.store.SessionStore;
import dev.tether.control.store.SqliteSessionStore;
import dev.tether.control.store.StoreException;
import dev.tether.control.store.StoreTx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervision core: sessions, their event logs, approvals and rules, over a {@link SessionStore},
 * with committed events fanned out on an {@link EventBus}. Every change is one store transaction, so
 * decisions ("is this approval still pending?", "may this session move?") are made against committed
 * state, one at a time: two answers to one approval cannot both win. Approval timeouts and retention
 * run on a timer; pending approvals survive a restart and are timed again.
 */
public final class ControlService implements ControlApi, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControlService.class);

  /**
   * Settings of the core.
   *
   * @param approvalTimeout how long an approval waits when the request names no timeout (then deny)
   * @param retentionDays ended sessions older than this are deleted (0: never)
   * @param maintenanceEvery how often retention runs
   * @param maxWait the longest any call may block ({@code wait=} is clamped to it)
   * @param stopWait how long a Claude Code session in away mode waits, when it stops, for a remote message
   * @param away the global away default at startup (sessions may be away on their own too)
   */
  public record Config(Duration approvalTimeout, int retentionDays, Duration maintenanceEvery, Duration maxWait,
      Clock clock, Duration stopWait, boolean away) {
    public static Config defaults() {
      return new Config(Duration.ofMinutes(5), 30, Duration.ofHours(1), Duration.ofMinutes(10), Clock.systemUTC(),
          Duration.ofMinutes(10), false);
    }

    public Config withApprovalTimeout(Duration timeout) {
      return new Config(timeout, retentionDays, maintenanceEvery, maxWait, clock, stopWait, away);
    }

    public Config withRetentionDays(int days) {
      return new Config(approvalTimeout, days, maintenanceEvery, maxWait, clock, stopWait, away);
    }

    public Config withClock(Clock c) {
      return new Config(approvalTimeout, retentionDays, maintenanceEvery, maxWait, c, stopWait, away);
    }

    public Config withStopWait(Duration wait) {
      return new Config(approvalTimeout, retentionDays, maintenanceEvery, maxWait, clock, wait, away);
    }

    public Config withAway(boolean on) {
      return new Config(approvalTimeout, retentionDays, maintenanceEvery, maxWait, clock, stopWait, on);
    }
  }

  private final SessionStore store;
  private final EventBus bus = new EventBus();
  private final Config config;
  private final Approvals approvals;
  private volatile Agents agents = Agents.NONE;
  private final java.util.concurrent.atomic.AtomicBoolean away;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("tether-control-timer").factory());

  /** A service over {@code store}; it takes ownership and closes it. */
  public ControlService(SessionStore store, Config config) {
    this.store = store;
    this.config = config;
    store.onCommit(bus::publish);
    this.approvals = new Approvals(this, store, bus, config);
    this.away = new java.util.concurrent.atomic.AtomicBoolean(config.away());
    approvals.recover();
    long every = config.maintenanceEvery().toMillis();
    timer.scheduleAtFixedRate(() -> Thread.startVirtualThread(this::maintainQuietly), every, every,
        TimeUnit.MILLISECONDS);
  }

  /** Opens the SQLite store {@code tether.db} in {@code dataDir} and a service over it. */
  public static ControlService open(Path dataDir, Config config) {
    return new ControlService(SqliteSessionStore.open(dataDir.resolve("tether.db"), config.clock()), config);
  }

  public EventBus bus() {
    return bus;
  }

  public SessionStore store() {
    return store;
  }

  public Config config() {
    return config;
  }

  /** Installs what runs headless sessions and finds external ones (the service closes it). */
  public void agents(Agents runner) {
    this.agents = runner == null ? Agents.NONE : runner;
  }

  public Agents agents() {
    return agents;
  }

  ScheduledExecutorService timer() {
    return timer;
  }

  /** Runs {@code work} as one transaction and waits until it is durable; failures come out unwrapped. */
  <R> R write(Function<StoreTx, R> work) {
    try {
      return store.write(work).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new StoreException("write failed", e.getCause());
    }
  }

  Duration clampWait(Duration wait) {
    if (wait == null || wait.isNegative()) {
      return Duration.ZERO;
    }
    return wait.compareTo(config.maxWait()) > 0 ? config.maxWait() : wait;
  }

  // --- sessions --------------------------------------------------------------------------------------

  @Override
  public Session createSession(NewSession request) {
    NewSession r = request != null ? request : new NewSession(null, null, null, null);
    var valid = Validation.newSession(r);
    return write(tx -> {
      Instant now = tx.now();
      Session s = new Session(Ids.session(), valid.name(), valid.agentType(), valid.directory(), SessionState.CREATED,
          valid.mode(), false, null, now, now, null, null, 0, null, 0, valid.headless(), null);
      tx.insert(s);
      tx.append(s.id(), new SessionEvent.StateChanged(SessionState.CREATED, null, "created"));
      return Transitions.session(tx, s.id());
    });
  }

  @Override
  public Session session(String id) {
    return store.session(id).orElseThrow(() -> ControlException.notFound("no session " + id));
  }

  @Override
  public SessionPage sessions(SessionQuery query) {
    List<Session> found = store.sessions(query);
    boolean more = found.size() > query.limit();
    return new SessionPage(more ? found.subList(0, query.limit()) : found, more);
  }

  @Override
  public Session updateSession(String id, SessionPatch patch) {
    Validation.patch(patch);
    return write(tx -> {
      Session s = Transitions.session(tx, id);
      if (patch.agentSessionId() != null && s.agentSessionId() != null
          && !s.agentSessionId().equals(patch.agentSessionId())) {
        throw new ControlException(ErrorCode.CONFLICT, "session " + id + " is already bound to the agent's session "
            + s.agentSessionId());
      }
      Session next = s.with(patch, tx.now());
      tx.update(next);
      tx.append(id, new SessionEvent.SessionUpdated(
          changed(s.name(), next.name()), changed(s.approvalMode(), next.approvalMode()),
          changed(s.away(), next.away()), changed(s.agentSessionId(), next.agentSessionId())));
      if (next.approvalMode() != s.approvalMode()) {
        Transitions.settleByPolicy(tx, id);
      }
      return Transitions.session(tx, id);
    });
  }

  private static <T> T changed(T before, T after) {
    return java.util.Objects.equals(before, after) ? null : after;
  }

  /**
   * The session behind an agent's own session id (see {@link AgentSessions#claim}): the one named by
   * {@code sessionId} when given, else the live one bound to it, else a new one in {@code directory}.
   */
  public Session claimAgentSession(String agentSessionId, String agentType, String directory, String sessionId) {
    if ((agentSessionId == null || agentSessionId.isBlank()) && sessionId == null) {
      throw ControlException.validation("an agent session id (or a Tether session id) is required");
    }
    return write(tx -> AgentSessions.claim(tx, agentSessionId, agentType, directory, sessionId));
  }

  /** The live session bound to an agent's own session id, if there is one (never creates). */
  public java.util.Optional<Session> agentSession(String agentSessionId) {
    return write(tx -> AgentSessions.find(tx, agentSessionId));
  }

  /** Whether away mode is on for every session (each session may also be away on its own). */
  @Override
  public boolean awayDefault() {
    return away.get();
  }

  /** Turns the global away default on or off (not persisted: {@code control.away} sets it at startup). */
  @Override
  public void awayDefault(boolean on) {
    away.set(on);
  }

  @Override
  public void deleteSession(String id, boolean force) {
    Session deleted = write(tx -> {
      Session s = Transitions.session(tx, id);
      if (s.state().busy() && !force) {
        throw ControlException.invalidState("session " + id + " is " + s.state().wire()
            + "; interrupt it first, or delete it with force");
      }
      Session ended = s.state() == SessionState.ENDED ? s : Transitions.move(tx, s, SessionState.ENDED, "deleted");
      Transitions.cancelPending(tx, ended.id(), "deleted");
      tx.append(id, new SessionEvent.SessionDeleted());
      tx.delete(id);
      return s;
    });
    if (deleted.headless()) {
      agents.deleted(deleted);
    }
  }

  @Override
  public Session start(String id, String prompt, String by) {
    Session started = write(tx -> {
      Session s = Transitions.session(tx, id);
      if (s.state() != SessionState.CREATED && s.state() != SessionState.AWAITING_INPUT
          && s.state() != SessionState.ERROR) {
        throw ControlException.invalidState("session " + id + " is " + s.state().wire()
            + "; only a created, idle or failed session can be started");
      }
      Transitions.move(tx, s, SessionState.RUNNING, "started");
      if (prompt != null && !prompt.isBlank()) {
        tx.append(id, new SessionEvent.UserInput(prompt, by));
      }
      return Transitions.session(tx, id);
    });
    if (started.headless()) {
      agents.turn(started, prompt != null && !prompt.isBlank() ? prompt : null);
    }
    return started;
  }

  @Override
  public Appended input(String id, String text, String by) {
    if (text == null || text.isBlank()) {
      throw ControlException.validation("text must not be empty");
    }
    Session[] session = new Session[1];
    Appended appended = write(tx -> {
      Session s = Transitions.session(tx, id);
      Transitions.requireNotEnded(s);
      if (s.state() == SessionState.CREATED || s.state() == SessionState.AWAITING_INPUT
          || s.state() == SessionState.ERROR) {
        Transitions.move(tx, s, SessionState.RUNNING, "input");
      }
      Event e = tx.append(id, new SessionEvent.UserInput(text, by));
      session[0] = Transitions.session(tx, id);
      return new Appended(e.seq(), e.type(), null, null, null);
    });
    if (session[0].headless()) {
      agents.turn(session[0], text);
    }
    return appended;
  }

  @Override
  public Session interrupt(String id, String by) {
    Session stopping = write(tx -> {
      Session s = Transitions.session(tx, id);
      Transitions.requireNotEnded(s);
      if (s.state() == SessionState.RUNNING || s.state() == SessionState.AWAITING_APPROVAL) {
        Transitions.move(tx, s, SessionState.INTERRUPTING, "interrupt");
        tx.append(id, new SessionEvent.Interrupt(by));
        Transitions.cancelPending(tx, id, "interrupted");
      }
      return Transitions.session(tx, id);
    });
    if (stopping.headless()) {
      agents.interrupt(stopping);
    }
    return stopping;
  }

  /**
   * Appends an agent's earlier conversation (attach, sync) as one transaction, without moving the
   * session, and records how far its transcript is now imported.
   */
  public Session importHistory(String id, List<SessionEvent> history, String cursor) {
    return write(tx -> {
      Session s = Transitions.session(tx, id);
      Transitions.requireNotEnded(s);
      for (SessionEvent e : history) {
        tx.append(id, e);
      }
      Session now = Transitions.session(tx, id);
      tx.update(now.withSyncCursor(cursor, tx.now()));
      return Transitions.session(tx, id);
    });
  }

  @Override
  public Appended append(String id, String type, JsonNode data) {
    return AgentEvents.append(this, approvals, id, type, data);
  }

  @Override
  public List<Event> events(String id, long afterSeq, int limit) {
    session(id);
    if (limit < 1 || limit > 1000) {
      throw ControlException.validation("limit must be between 1 and 1000");
    }
    return store.events(id, Math.max(0, afterSeq), limit, null);
  }

  /** Every session's events after a log position, in commit order (the all-sessions stream). */
  public List<Event> eventsAfterPosition(long position, int limit) {
    return store.eventsAfterPosition(Math.max(0, position), limit);
  }

  @Override
  public List<Event> poll(String id, long sinceSeq, Set<String> types, Duration wait) {
    return Waits.poll(this, id, sinceSeq, types, clampWait(wait));
  }

  /** The newest log position: an all-sessions stream resumed from here sends only what happens next. */
  public long lastPosition() {
    return store.lastPosition();
  }

  @Override
  public Usage usage(String id) {
    return session(id).usage();
  }

  /** Notes that an agent's connection (the older WebSocket API) closed. */
  public void recordDisconnect(String id, String reason) {
    write(tx -> {
      Session s = Transitions.session(tx, id);
      return s.state() == SessionState.ENDED ? null : tx.append(id, new SessionEvent.AgentDisconnected(reason));
    });
  }

  // --- approvals and rules ----------------------------------------------------------------------------

  @Override
  public Approval requestApproval(String sessionId, ApprovalRequest request, Duration wait) {
    Approval a = approvals.request(sessionId, request);
    return a.status() == ApprovalStatus.PENDING ? approval(a.id(), wait) : a;
  }

  @Override
  public Approval approval(String approvalId, Duration wait) {
    return Waits.approval(this, approvalId, clampWait(wait));
  }

  @Override
  public List<Approval> approvals(String sessionId, ApprovalStatus status) {
    return store.approvals(sessionId, status, 500);
  }

  @Override
  public Approval decide(String approvalId, DecisionRequest decision) {
    return approvals.decide(approvalId, decision, null);
  }

  /** Answers an approval by the agent's own request id within a session (the older external-agent API). */
  public Approval decideByRequestId(String sessionId, String requestId, DecisionRequest decision) {
    return approvals.decide(requestId, decision, sessionId);
  }

  @Override
  public List<Rule> rules() {
    Instant now = config.clock().instant();
    return store.rules().stream().filter(r -> r.activeAt(now)).toList();
  }

  @Override
  public Rule addRule(NewRule rule) {
    return approvals.addRule(rule);
  }

  @Override
  public void revokeRule(String ruleId) {
    write(tx -> {
      if (!tx.deleteRule(ruleId)) {
        throw ControlException.notFound("no rule " + ruleId);
      }
      return null;
    });
  }

  // --- housekeeping -----------------------------------------------------------------------------------

  /** Deletes ended sessions past retention and rules expired over a day ago; returns the sessions deleted. */
  public int maintain() {
    return write(tx -> {
      int deleted = 0;
      if (config.retentionDays() > 0) {
        Instant cutoff = tx.now().minus(Duration.ofDays(config.retentionDays()));
        for (String id : tx.endedBefore(cutoff)) {
          tx.append(id, new SessionEvent.SessionDeleted());
          tx.delete(id);
          deleted++;
        }
      }
      tx.deleteRulesExpiredBefore(tx.now().minus(Duration.ofDays(1)));
      return deleted;
    });
  }

  private void maintainQuietly() {
    try {
      int deleted = maintain();
      if (deleted > 0) {
        LOG.info("retention: deleted {} sessions that ended over {} days ago", deleted, config.retentionDays());
      }
    } catch (RuntimeException e) {
      LOG.warn("maintenance failed", e);
    }
  }

  @Override
  public void close() {
    try {
      agents.close();
    } catch (RuntimeException e) {
      LOG.warn("stopping the agents failed", e);
    }
    timer.shutdownNow();
    bus.close();
    store.close();
  }
}
