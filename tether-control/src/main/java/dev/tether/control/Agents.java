package dev.tether.control;

import dev.tether.control.session.AttachRequest;
import dev.tether.control.session.ExternalSession;
import dev.tether.control.session.Session;
import dev.tether.control.session.Synced;
import java.util.List;

/**
 * What runs the sessions Tether owns ({@link Session#headless()}) and finds the conversations agents keep
 * in their own stores. The service tells it of each committed start, input and interrupt of a headless
 * session; it reports back through the service's public methods like any agent. Implemented in
 * {@code dev.tether.control.agent}; absent (every call refused) until the composition root installs one.
 */
public interface Agents extends AutoCloseable {
  /** A turn's input was committed ({@code text} null: started without a prompt). Must not block. */
  void turn(Session session, String text);

  /** An interrupt was committed: stop the running turn, drop queued input. Must not block. */
  void interrupt(Session session);

  /** The session was deleted: stop its turn for good and forget it. Must not block. */
  default void deleted(Session session) {
    interrupt(session);
  }

  /** Conversations found in the agents' own stores, newest first; {@code directory} filters, null for all. */
  List<ExternalSession> external(String directory);

  /** Creates a headless session holding an external conversation's history. */
  Synced attach(AttachRequest request);

  /** Imports what the agent's transcript gained since the last import. */
  Synced sync(String sessionId);

  /** Stops every running agent process (and its children). */
  @Override
  void close();

  /** Before anything is installed: headless sessions cannot run, nothing is found. */
  Agents NONE = new Agents() {
    @Override
    public void turn(Session session, String text) {
      org.slf4j.LoggerFactory.getLogger(Agents.class).warn(
          "session {} is headless but this server runs no agents; its input waits", session.id());
    }

    @Override
    public void interrupt(Session session) {}

    @Override
    public List<ExternalSession> external(String directory) {
      throw unavailable();
    }

    @Override
    public Synced attach(AttachRequest request) {
      throw unavailable();
    }

    @Override
    public Synced sync(String sessionId) {
      throw unavailable();
    }

    @Override
    public void close() {}

    private ControlException unavailable() {
      return new ControlException(ErrorCode.UNAVAILABLE, "this server runs no agents (attach and sync are off)");
    }
  };
}
