package dev.tether.control.approval;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What {@code POST /api/approvals/{id}/decision} takes.
 *
 * @param decision {@code allow} or {@code deny}
 * @param reason told to the agent (and shown to other surfaces)
 * @param choice the option picked, for a free-form choice
 * @param rule optional standing rule created with the answer: a pattern string ({@code "Bash(npm test:*)"})
 *     or a {@link NewRule} object; its pattern defaults to the request's tool, its scope to the session
 * @param by the surface answering ({@code web}, {@code cli}, {@code mcp}, a bridge), recorded as {@code via}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DecisionRequest(
    String decision,
    @JsonAlias("message") String reason,
    @JsonAlias("option") String choice,
    JsonNode rule,
    @JsonAlias("via") String by) {

  public static DecisionRequest of(Decision decision, String reason, String by) {
    return new DecisionRequest(decision.wire(), reason, null, null, by);
  }
}
