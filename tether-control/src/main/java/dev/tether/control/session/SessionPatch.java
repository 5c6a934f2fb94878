package dev.tether.control.session;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What {@code PATCH /api/sessions/{id}} changes; null leaves a field as it is.
 *
 * @param agentSessionId binds the agent's own session id; once bound it cannot change (409)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SessionPatch(String name, ApprovalMode approvalMode, Boolean away, String agentSessionId) {
  /** Whether the patch changes nothing. */
  public boolean empty() {
    return name == null && approvalMode == null && away == null && agentSessionId == null;
  }
}
