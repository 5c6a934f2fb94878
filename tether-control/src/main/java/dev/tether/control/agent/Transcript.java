package dev.tether.control.agent;

import dev.tether.control.event.SessionEvent;
import java.util.List;

/**
 * An agent's conversation read from its own store, in order.
 *
 * @param agentSessionId the agent's session id
 * @param directory where it ran, or null when no record says
 * @param entries one per record with an id, with the events it becomes (often none: tool traffic of a
 *     side chain, markers); the ids are what sync resumes after
 */
public record Transcript(String agentSessionId, String directory, List<Entry> entries) {
  /** One record: its id and its events. */
  public record Entry(String id, List<SessionEvent> events) {}

  /** The id of the last record, or null for an empty transcript. */
  public String lastId() {
    return entries.isEmpty() ? null : entries.getLast().id();
  }
}
