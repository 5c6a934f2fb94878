package dev.tether.control.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * A conversation an agent keeps in its own store (Claude Code's transcript files), found by discovery:
 * what {@code tether list --external} shows and {@code tether attach} continues.
 *
 * @param agentType whose store it is in
 * @param agentSessionId the agent's own session id (what {@code --resume} takes)
 * @param path the transcript file
 * @param directory the working directory the conversation ran in, or null when no record says
 * @param firstPrompt the first thing the user typed (clipped), or null
 * @param lastPrompt the latest thing the user typed (clipped), or null
 * @param messageCount user prompts and assistant replies (tool traffic not counted)
 * @param lastActivity the newest record's time, else the file's modification time
 * @param running a live process holds it, or it was written to within the last minutes
 * @param attachedTo the Tether session attached to it, or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExternalSession(
    AgentType agentType,
    String agentSessionId,
    String path,
    String directory,
    String firstPrompt,
    String lastPrompt,
    int messageCount,
    Instant lastActivity,
    boolean running,
    String attachedTo) {

  /** This entry marked as attached to {@code sessionId}. */
  public ExternalSession attached(String sessionId) {
    return new ExternalSession(agentType, agentSessionId, path, directory, firstPrompt, lastPrompt, messageCount,
        lastActivity, running, sessionId);
  }
}
