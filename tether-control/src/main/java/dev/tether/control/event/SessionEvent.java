package dev.tether.control.event;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.tether.control.approval.Decision;
import dev.tether.control.approval.ResolvedBy;
import dev.tether.control.session.ApprovalMode;
import dev.tether.control.session.SessionState;
import dev.tether.control.session.Usage;
import java.time.Instant;
import java.util.List;

/**
 * What happened in a session: the {@code type} and {@code data} of an event. Each record's fields are its
 * {@code data} on the wire (snake_case, null omitted); {@link #type()} is its wire name. A type this
 * version does not know arrives as {@link Unknown} and is kept as it was.
 */
public sealed interface SessionEvent {
  /** The wire name of the type. */
  default String type() {
    return switch (this) {
      case StateChanged e -> "state";
      case Output e -> "output";
      case UserInput e -> "user_input";
      case Interrupt e -> "interrupt";
      case ApprovalRequested e -> "approval_requested";
      case ApprovalResolved e -> "approval_resolved";
      case UsageReported e -> "usage";
      case ErrorReported e -> "error";
      case SessionUpdated e -> "session_updated";
      case SessionDeleted e -> "session_deleted";
      case AgentDisconnected e -> "agent_disconnected";
      case Notification e -> "notification";
      case Unknown e -> e.type();
    };
  }

  /** The session moved to {@code state} (from {@code from}, null for the first). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record StateChanged(SessionState state, SessionState from, String reason) implements SessionEvent {}

  /**
   * The agent said something: streamed text, a final answer, thinking, a tool call or result.
   *
   * @param kind {@code step} (default), {@code final}, {@code thinking}, {@code tool_call}, {@code tool_result}, …
   * @param segments structured pieces so views never parse marker text
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Output(String text, String kind, @JsonProperty("final") @JsonAlias("is_final") Boolean isFinal,
      @JsonAlias("bridge_segments") List<Segment> segments) implements SessionEvent {}

  /** A piece of output. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Segment(String kind, String text, String label) {}

  /** A human (or a replay) sent the agent text; {@code by} names the surface. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record UserInput(String text, String by) implements SessionEvent {}

  /** Someone asked the agent to stop its current turn. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Interrupt(String by) implements SessionEvent {}

  /** The agent asked for permission or a choice. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record ApprovalRequested(String approvalId, String requestId, String toolName, JsonNode toolInput, String title,
      String description, List<String> options, Instant expiresAt) implements SessionEvent {}

  /** An approval was settled, by whom or what ({@code via}: the surface, rule pattern or mode). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record ApprovalResolved(String approvalId, String requestId, Decision decision, ResolvedBy resolvedBy, String via,
      String reason, String choice, String ruleId) implements SessionEvent {
    /** Whether the answer lets the agent go ahead. */
    @JsonProperty(value = "allowed", access = JsonProperty.Access.READ_ONLY)
    public boolean allowed() {
      return decision == Decision.ALLOW;
    }
  }

  /** Tokens and cost the agent reports for a turn; added to the session's totals. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record UsageReported(long inputTokens, long outputTokens, long cacheReadInputTokens, long cacheCreationInputTokens,
      double costUsd) implements SessionEvent {
    public Usage usage() {
      return new Usage(inputTokens, outputTokens, cacheReadInputTokens, cacheCreationInputTokens, costUsd);
    }
  }

  /** The agent reported an error. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record ErrorReported(String code, String message) implements SessionEvent {}

  /** Name, approval mode, away mode or the agent's session id changed (only changed fields are present). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record SessionUpdated(String name, ApprovalMode approvalMode, Boolean away, String agentSessionId)
      implements SessionEvent {}

  /** The session is being deleted: the last event any stream of it sees. */
  record SessionDeleted() implements SessionEvent {}

  /** An agent's WebSocket (the older external-agent API) closed. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record AgentDisconnected(String reason) implements SessionEvent {}

  /**
   * The agent wants the user's attention (Claude Code's Notification hook: "Claude needs your
   * permission…", "Claude is waiting for your input"); surfaces push it.
   *
   * @param kind the agent's own kind of notice, e.g. {@code permission_prompt} or {@code idle_prompt}
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Notification(String message, String kind, String title) implements SessionEvent {}

  /** A type this version does not know, kept verbatim. */
  record Unknown(String type, JsonNode data) implements SessionEvent {}
}
