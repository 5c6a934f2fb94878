package dev.tether.control.session;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What {@code POST /api/sessions} takes. Every field may be absent: the name defaults to the agent and
 * directory, the agent to {@code custom}, the mode to {@code ask}.
 *
 * @param headless whether Tether runs the agent itself; absent means yes for {@code claude_code} (the
 *     sessions that the web, chat and {@code tether new} start) and no for every other agent. A claude
 *     launched in a terminal reports in through hooks and must be created with {@code false}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NewSession(
    @JsonAlias("session_name") String name,
    @JsonAlias("agent") String agentType,
    @JsonAlias("workspace") String directory,
    String approvalMode,
    Boolean headless) {
  /** A request without a headless choice (the default for its agent). */
  public NewSession(String name, String agentType, String directory, String approvalMode) {
    this(name, agentType, directory, approvalMode, null);
  }
}
