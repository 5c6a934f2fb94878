package dev.tether.control.session;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What {@code POST /api/sessions/attach} takes: the conversation to continue, by the agent's session id
 * (or a unique prefix of it) or by its transcript's path, and optionally a name and approval mode.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AttachRequest(
    @JsonAlias({"id", "session_id"}) String agentSessionId,
    String path,
    String name,
    String approvalMode) {}
