package dev.tether.control.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.control.ControlException;
import dev.tether.control.ControlJson;
import dev.tether.control.ControlService;
import dev.tether.control.event.SessionEvent;
import dev.tether.control.session.Session;
import dev.tether.control.session.SessionPatch;
import dev.tether.control.session.SessionState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The turns of one headless session, one at a time: one agent process per turn, started with the prompt
 * on stdin and resumed by the agent's session id. Input that arrives while a turn runs waits in a queue
 * and becomes the next turn. The process ends with its turn, so between turns nothing runs: no idle
 * processes to leak, a restart of Tether loses nothing (the agent's transcript holds the conversation),
 * and an interrupt is simply the end of one process tree.
 *
 * <p>State: each turn makes sure the session is running; after the last queued turn it reports
 * awaiting_input; a failure reports an error (state error) and drops the queue; an interrupt drops the
 * queue, stops the process (SIGINT, then the whole tree after the grace period) and reports
 * awaiting_input.
 */
final class HeadlessTurns {
  private static final Logger LOG = LoggerFactory.getLogger(HeadlessTurns.class);
  private static final int STDERR_TAIL = 2000;

  private final HeadlessAgents host;
  private final ControlService service;
  private final AgentRunner runner;
  private final String sessionId;
  private final Deque<String> queue = new ArrayDeque<>();
  private boolean busy;
  private boolean interrupted;
  private boolean closed;
  private Process current;
  private String resumeOverride;

  HeadlessTurns(HeadlessAgents host, AgentRunner runner, String sessionId) {
    this.host = host;
    this.service = host.service();
    this.runner = runner;
    this.sessionId = sessionId;
  }

  /** Queues a turn's input (null: the session was started without a prompt). */
  synchronized void submit(String text) {
    if (closed) {
      return;
    }
    if (text != null) {
      queue.add(text);
    }
    if (busy) {
      return;
    }
    if (queue.isEmpty()) {
      idle();
      return;
    }
    busy = true;
    Thread.ofVirtual().name("tether-turns-" + sessionId).start(this::drain);
  }

  /** Drops the queue and stops the running turn, if any. */
  void interrupt() {
    Process p;
    synchronized (this) {
      queue.clear();
      interrupted = true;
      p = current;
      if (p == null && !busy) {
        idle();
        return;
      }
    }
    if (p != null) {
      host.stop(p);
    }
  }

  /** Stops for good: no more turns, the running one killed with its children. */
  void close() {
    Process p;
    synchronized (this) {
      closed = true;
      queue.clear();
      p = current;
    }
    if (p != null) {
      ProcessTrees.destroy(ProcessTrees.tree(p.toHandle()), java.time.Duration.ofSeconds(2));
    }
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  synchronized boolean running() {
    return current != null;
  }

  private void drain() {
    while (true) {
      String next;
      synchronized (this) {
        next = closed ? null : queue.poll();
        if (next == null) {
          busy = false;
          if (!closed) {
            idle();
          }
          return;
        }
        interrupted = false;
      }
      try {
        runTurn(next);
      } catch (ControlException e) {
        // The session went away (deleted) or moved where it cannot take this turn.
        LOG.info("session {}: turn abandoned: {}", sessionId, e.getMessage());
        synchronized (this) {
          queue.clear();
        }
      } catch (RuntimeException e) {
        if (isClosed()) {
          return;  // Tether is stopping: the store may be gone, and the turn was killed on purpose
        }
        LOG.warn("session {}: turn failed", sessionId, e);
        fail("TETHER_ERROR", "the turn failed inside Tether: " + e);
      }
    }
  }

  private void runTurn(String prompt) {
    Session s = service.session(sessionId);
    if (s.state() == SessionState.ENDED) {
      return;
    }
    if (s.state() != SessionState.RUNNING) {
      status("running");
    }
    if (s.directory() == null || !Files.isDirectory(Path.of(s.directory()))) {
      fail("NO_DIRECTORY", "the session's directory " + s.directory() + " does not exist");
      return;
    }
    String resume = resumeOverride != null ? resumeOverride : s.agentSessionId();
    ProcessBuilder pb = runner.command(new TurnRequest(sessionId, Path.of(s.directory()), prompt, resume));
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      fail("AGENT_START_FAILED", "could not start " + pb.command().getFirst() + ": " + e.getMessage());
      return;
    }
    host.track(p);
    boolean stopNow;
    synchronized (this) {
      current = p;
      stopNow = interrupted || closed;
    }
    StringBuilder stderr = new StringBuilder();
    Thread errors = Thread.ofVirtual().start(() -> tail(p.getErrorStream(), stderr));
    if (stopNow) {
      host.stop(p);
    }
    TurnOutput.Finished finished = null;
    try (OutputStream stdin = p.getOutputStream();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      writeLine(stdin, runner.stdinLine(prompt));
      AgentRunner.LineReader reader = runner.reader();
      String line;
      while ((line = out.readLine()) != null) {
        for (TurnOutput o : reader.read(line)) {
          if (o instanceof TurnOutput.Finished f) {
            finished = f;
            closeQuietly(stdin);  // the turn is over: EOF lets the agent exit
          }
          apply(s, o);
        }
      }
    } catch (IOException e) {
      LOG.debug("session {}: agent output ended: {}", sessionId, e.toString());
    }
    int exit = waitFor(p);
    joinQuietly(errors);
    if (isClosed()) {
      host.untrack(p);
      return;
    }
    boolean wasInterrupted;
    synchronized (this) {
      current = null;
      wasInterrupted = interrupted;
    }
    host.untrack(p);
    if (wasInterrupted) {
      status("awaiting_input");
    } else if (finished != null && finished.error() != null) {
      fail(finished.code(), finished.error());
    } else if (exit != 0) {
      fail("AGENT_EXIT", pb.command().getFirst().replaceAll(".*/", "") + " exited with status " + exit
          + tailOf(stderr));
    } else if (finished == null) {
      fail("AGENT_NO_RESULT", "the agent exited without finishing its turn" + tailOf(stderr));
    }
    host.turnEnded(sessionId);
  }

  private void apply(Session s, TurnOutput o) {
    switch (o) {
      case TurnOutput.Bound b -> bind(s, b);
      case TurnOutput.Said said -> service.append(sessionId, "output", ControlJson.tree(said.output()));
      case TurnOutput.Finished f -> {
        if (f.usage() != null) {
          var u = f.usage();
          service.append(sessionId, "usage", ControlJson.tree(new SessionEvent.UsageReported(u.inputTokens(),
              u.outputTokens(), u.cacheReadInputTokens(), u.cacheCreationInputTokens(), u.costUsd())));
        }
      }
      case TurnOutput.Notice n -> LOG.debug("session {}: {}", sessionId, n.text());
    }
  }

  private void bind(Session s, TurnOutput.Bound b) {
    // The hooks' SessionStart may have bound the id a moment ago: s is the session before this turn.
    if (s.agentSessionId() == null && resumeOverride == null && b.model() != null) {
      service.append(sessionId, "output", ControlJson.tree(new SessionEvent.Output(
          runner.agent().wire() + " · " + b.model(), "header", null, null)));
    }
    String bound = service.session(sessionId).agentSessionId();
    if (bound == null) {
      service.updateSession(sessionId, new SessionPatch(null, null, null, b.agentSessionId()));
    } else if (!bound.equals(b.agentSessionId())) {
      // A resumed conversation that came back under a new id (older claude versions fork on resume):
      // keep following the newest one.
      LOG.info("session {}: the agent continued {} as {}", sessionId, bound, b.agentSessionId());
      resumeOverride = b.agentSessionId();
    }
  }

  private synchronized void idle() {
    status("awaiting_input");
  }

  private void status(String status) {
    ObjectNode data = ControlJson.MAPPER.createObjectNode().put("status", status);
    try {
      Session s = service.session(sessionId);
      if (s.state() == SessionState.ENDED || s.state() == SessionState.ERROR && !"running".equals(status)) {
        return;
      }
      service.append(sessionId, "status", data);
    } catch (RuntimeException e) {
      LOG.debug("session {}: cannot report {}: {}", sessionId, status, e.getMessage());
    }
  }

  private void fail(String code, String message) {
    synchronized (this) {
      queue.clear();
      if (closed) {
        return;
      }
    }
    try {
      ObjectNode data = ControlJson.MAPPER.createObjectNode().put("code", code).put("message", message);
      service.append(sessionId, "error", data);
    } catch (RuntimeException e) {
      LOG.debug("session {}: cannot report error {}: {}", sessionId, code, e.getMessage());
    }
  }

  private static void writeLine(OutputStream stdin, String line) {
    try {
      stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    } catch (IOException e) {
      // the agent died before reading: its exit status says why
    }
  }

  private static void tail(InputStream in, StringBuilder sink) {
    try (in) {
      byte[] buf = new byte[4096];
      int n;
      while ((n = in.read(buf)) > 0) {
        synchronized (sink) {
          sink.append(new String(buf, 0, n, StandardCharsets.UTF_8));
          if (sink.length() > STDERR_TAIL * 2) {
            sink.delete(0, sink.length() - STDERR_TAIL);
          }
        }
      }
    } catch (IOException e) {
      // closed with the process
    }
  }

  private static String tailOf(StringBuilder stderr) {
    synchronized (stderr) {
      String t = stderr.toString().strip();
      if (t.isEmpty()) {
        return "";
      }
      return ": " + (t.length() > STDERR_TAIL ? "…" + t.substring(t.length() - STDERR_TAIL) : t);
    }
  }

  private static int waitFor(Process p) {
    try {
      return p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static void closeQuietly(OutputStream out) {
    try {
      out.close();
    } catch (IOException e) {
      // already gone
    }
  }

  private static void joinQuietly(Thread t) {
    try {
      t.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
