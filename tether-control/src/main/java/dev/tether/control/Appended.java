package dev.tether.control;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.tether.control.approval.ApprovalStatus;
import dev.tether.control.approval.Decision;

/**
 * The answer to an agent's {@code POST /api/sessions/{id}/events}: the seq its event got (for a status
 * that changes nothing, the session's current last seq), and for an approval request the approval's id
 * and, if a rule or the mode settled it at once, the decision.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Appended(long seq, String type, String approvalId, ApprovalStatus status, Decision decision) {
  /** Always true; agents written for the original check it. */
  @JsonProperty(value = "ok", access = JsonProperty.Access.READ_ONLY)
  public boolean ok() {
    return true;
  }
}
