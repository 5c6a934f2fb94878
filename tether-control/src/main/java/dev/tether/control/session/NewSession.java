package dev.tether.control.session;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What {@code POST /api/sessions} takes. Every field may be absent: the name defaults to the agent and
 * directory, the agent to {@code custom}, the mode to {@code ask}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NewSession(
    @JsonAlias("session_name") String name,
    @JsonAlias("agent") String agentType,
    @JsonAlias("workspace") String directory,
    String approvalMode) {}
