package dev.tether.control.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.control.Agents;
import dev.tether.control.ControlException;
import dev.tether.control.ControlJson;
import dev.tether.control.ControlService;
import dev.tether.control.session.AgentType;
import dev.tether.control.session.AttachRequest;
import dev.tether.control.session.ExternalSession;
import dev.tether.control.session.Session;
import dev.tether.control.session.SessionQuery;
import dev.tether.control.session.SessionState;
import dev.tether.control.session.Synced;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Agents} of a running server: headless turns through one {@link AgentRunner} per agent, and
 * attach/sync over {@link TranscriptSource}s. Every agent process is tracked until it exits; closing
 * (and, should the JVM go down without closing, a shutdown hook) destroys each one with its children,
 * so no agent outlives Tether.
 */
public final class HeadlessAgents implements Agents {
  private static final Logger LOG = LoggerFactory.getLogger(HeadlessAgents.class);

  private final ControlService service;
  private final Map<AgentType, AgentRunner> runners;
  private final Attachments attachments;
  private final Duration grace;
  private final Map<String, HeadlessTurns> sessions = new ConcurrentHashMap<>();
  private final Set<Process> live = ConcurrentHashMap.newKeySet();
  private final Thread shutdownHook = new Thread(this::killAll, "tether-agents-shutdown");
  private volatile boolean closed;

  /**
   * @param grace how long an interrupted turn may take to stop before its process tree is killed
   */
  public HeadlessAgents(ControlService service, List<AgentRunner> runners, List<TranscriptSource> sources,
      Duration grace) {
    this.service = service;
    this.runners = runners.stream().collect(java.util.stream.Collectors.toMap(AgentRunner::agent, r -> r));
    this.attachments = new Attachments(service, sources);
    this.grace = grace;
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Creates the agents and installs them on {@code service}; headless sessions a previous run left
   * mid-turn are marked failed (their processes died with it), so new input can start them again.
   */
  public static HeadlessAgents install(ControlService service, List<AgentRunner> runners,
      List<TranscriptSource> sources, Duration grace) {
    HeadlessAgents agents = new HeadlessAgents(service, runners, sources, grace);
    agents.recover();
    service.agents(agents);
    return agents;
  }

  ControlService service() {
    return service;
  }

  @Override
  public void turn(Session session, String text) {
    if (closed) {
      return;
    }
    AgentRunner runner = runners.get(session.agentType());
    if (runner == null) {
      ObjectNode data = ControlJson.MAPPER.createObjectNode().put("code", "NO_RUNNER")
          .put("message", "Tether cannot run " + session.agentType().wire() + " sessions itself");
      service.append(session.id(), "error", data);
      return;
    }
    sessions.computeIfAbsent(session.id(), id -> new HeadlessTurns(this, runner, id)).submit(text);
  }

  @Override
  public void interrupt(Session session) {
    HeadlessTurns turns = sessions.get(session.id());
    if (turns != null) {
      turns.interrupt();
    } else if (session.state() == SessionState.INTERRUPTING) {
      service.append(session.id(), "status", ControlJson.MAPPER.createObjectNode().put("status", "awaiting_input"));
    }
  }

  @Override
  public void deleted(Session session) {
    HeadlessTurns turns = sessions.remove(session.id());
    if (turns != null) {
      Thread.ofVirtual().name("tether-forget-" + session.id()).start(turns::close);
    }
  }

  @Override
  public List<ExternalSession> external(String directory) {
    return attachments.external(directory);
  }

  @Override
  public Synced attach(AttachRequest request) {
    return attachments.attach(request);
  }

  @Override
  public Synced sync(String sessionId) {
    HeadlessTurns turns = sessions.get(sessionId);
    if (turns != null && turns.running()) {
      throw ControlException.invalidState("session " + sessionId + " is running a turn; sync when it is idle");
    }
    return attachments.sync(sessionId);
  }

  /** After each turn the transcript holds what the turn said already: sync starts after it. */
  void turnEnded(String sessionId) {
    try {
      attachments.skipToEnd(sessionId);
    } catch (RuntimeException e) {
      LOG.debug("session {}: transcript cursor not moved: {}", sessionId, e.toString());
    }
  }

  void track(Process p) {
    live.add(p);
    if (closed) {
      ProcessTrees.kill(p.toHandle());
    }
  }

  void untrack(Process p) {
    live.remove(p);
  }

  /** Interrupts a turn's process: SIGINT now, then the whole tree once it exits or the grace runs out. */
  void stop(Process p) {
    List<ProcessHandle> tree = ProcessTrees.tree(p.toHandle());
    ProcessTrees.interrupt(p.toHandle());
    Thread.ofVirtual().name("tether-stop-" + p.pid()).start(() -> {
      try {
        p.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        LOG.info("agent process {} did not stop within {}; killing it", p.pid(), grace);
      }
      ProcessTrees.destroy(tree.stream().filter(ProcessHandle::isAlive).toList(), Duration.ofSeconds(1));
    });
  }

  private void recover() {
    for (SessionState state : List.of(SessionState.RUNNING, SessionState.INTERRUPTING,
        SessionState.AWAITING_APPROVAL)) {
      for (Session s : service.sessions(new SessionQuery(state, null, null, SessionQuery.MAX_LIMIT, 0)).sessions()) {
        if (s.headless()) {
          ObjectNode data = ControlJson.MAPPER.createObjectNode().put("code", "TETHER_RESTARTED")
              .put("message", "Tether stopped during this turn; send input to continue the conversation");
          service.append(s.id(), "error", data);
        }
      }
    }
  }

  private void killAll() {
    closed = true;
    live.forEach(p -> ProcessTrees.kill(p.toHandle()));
  }

  @Override
  public void close() {
    closed = true;
    sessions.values().forEach(HeadlessTurns::close);
    live.forEach(p -> ProcessTrees.kill(p.toHandle()));
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook runs anyway
    }
  }
}
