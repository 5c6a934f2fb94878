package dev.tether.control.approval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * A request for permission (a tool call) or for a choice (title, description, options), and, once
 * settled, its answer. The first answer wins; later ones get 409.
 *
 * @param id {@code apr_…}
 * @param requestId the agent's own correlation id, if it sent one
 * @param seq the seq of the {@code approval_requested} event in the session's log
 * @param toolName the tool asking (null for a free-form choice)
 * @param options the labels of a choice (empty for a tool call)
 * @param expiresAt when nobody answering means deny
 * @param decision null while pending
 * @param via which surface answered ({@code cli}, {@code mcp}, {@code web}, …) or the rule id / mode
 * @param choice the option picked, for a choice
 * @param ruleId the rule that decided, or the one created with the answer
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Approval(
    String id,
    String sessionId,
    String requestId,
    long seq,
    String toolName,
    JsonNode toolInput,
    String title,
    String description,
    List<String> options,
    ApprovalStatus status,
    Decision decision,
    ResolvedBy resolvedBy,
    String via,
    String reason,
    String choice,
    String ruleId,
    Instant createdAt,
    Instant expiresAt,
    Instant decidedAt) {

  public Approval {
    options = options == null ? List.of() : List.copyOf(options);
  }

  /** The same id under the name agents read it by. */
  @com.fasterxml.jackson.annotation.JsonProperty(value = "approval_id", access = com.fasterxml.jackson.annotation.JsonProperty.Access.READ_ONLY)
  public String approvalId() {
    return id;
  }

  /** Whether this is a free-form question rather than a tool call. */
  public boolean freeForm() {
    return toolName == null;
  }

  /** This approval, settled. */
  public Approval resolved(Decision decision, ResolvedBy by, String via, String reason, String choice, String ruleId,
      Instant now) {
    return new Approval(id, sessionId, requestId, seq, toolName, toolInput, title, description, options,
        ApprovalStatus.of(decision), decision, by, via, reason, choice, ruleId, createdAt, expiresAt, now);
  }
}
