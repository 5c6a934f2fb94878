package dev.tether.control.session;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * A supervised agent session, as stored and as sent on the wire.
 *
 * @param id {@code ses_…}; clients may address it by a unique prefix
 * @param directory the agent's working directory (absolute), or null when unknown
 * @param agentSessionId the agent's own session id (e.g. Claude Code's), bound once
 * @param away away mode: the user is not at the terminal, so tools wait for a remote decision
 * @param lastSeq the seq of the newest event (0 before the first)
 * @param pendingApprovals approvals still waiting for an answer (computed, never stored)
 * @param headless Tether runs the agent itself ({@code claude -p}), one process per turn; false for agents
 *     that run elsewhere and report in (launched claude, MCP or REST agents)
 * @param syncCursor how far the agent's own transcript has been imported (its last record's id), or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Session(
    String id,
    String name,
    AgentType agentType,
    String directory,
    SessionState state,
    ApprovalMode approvalMode,
    boolean away,
    String agentSessionId,
    Instant createdAt,
    Instant updatedAt,
    Instant startedAt,
    Instant endedAt,
    long lastSeq,
    Usage usage,
    int pendingApprovals,
    boolean headless,
    String syncCursor) {

  public Session {
    java.util.Objects.requireNonNull(id, "id");
    java.util.Objects.requireNonNull(state, "state");
    usage = usage == null ? Usage.ZERO : usage;
  }

  /** This session in {@code next}, with the timestamps that move with it. */
  public Session withState(SessionState next, Instant now) {
    Instant started = startedAt == null && next == SessionState.RUNNING ? now : startedAt;
    Instant ended = next == SessionState.ENDED ? now : endedAt;
    return new Session(id, name, agentType, directory, next, approvalMode, away, agentSessionId, createdAt, now,
        started, ended, lastSeq, usage, pendingApprovals, headless, syncCursor);
  }

  /** This session with the fields of a patch applied (nulls leave a field alone). */
  public Session with(SessionPatch patch, Instant now) {
    return new Session(id, patch.name() != null ? patch.name() : name, agentType, directory, state,
        patch.approvalMode() != null ? patch.approvalMode() : approvalMode,
        patch.away() != null ? patch.away() : away,
        patch.agentSessionId() != null ? patch.agentSessionId() : agentSessionId,
        createdAt, now, startedAt, endedAt, lastSeq, usage, pendingApprovals, headless, syncCursor);
  }

  /** This session with {@code more} added to its usage totals. */
  public Session plusUsage(Usage more, Instant now) {
    return new Session(id, name, agentType, directory, state, approvalMode, away, agentSessionId, createdAt, now,
        startedAt, endedAt, lastSeq, usage.plus(more), pendingApprovals, headless, syncCursor);
  }

  /** This session with its transcript imported up to {@code cursor}. */
  public Session withSyncCursor(String cursor, Instant now) {
    return new Session(id, name, agentType, directory, state, approvalMode, away, agentSessionId, createdAt, now,
        startedAt, endedAt, lastSeq, usage, pendingApprovals, headless, cursor);
  }
}
