package dev.tether.gateway.service;

import dev.tether.api.stream.StreamEvent;

/**
 * Hears the replies the gateway streams to a coding agent's main loop, keyed by the agent's own session
 * id ({@code X-Claude-Code-Session-Id}), so that the control plane can show a launched session's text as
 * it is written. The gateway knows nothing of sessions beyond that header; the CLI wires a tap to the
 * control plane. Title generation ({@code tools: []}) and subagents ({@code x-claude-code-agent-id})
 * are not main-loop replies and are not tapped.
 */
public interface ReplyTap {
  /** The header Claude Code sends with its session id on every model request. */
  String SESSION_HEADER = "x-claude-code-session-id";
  /** The header only a subagent's requests carry. */
  String AGENT_HEADER = "x-claude-code-agent-id";

  /**
   * A main-loop reply for {@code agentSessionId} begins.
   *
   * @return what hears its events, or null to ignore it; it must neither block nor throw
   */
  Listener open(String agentSessionId, String requestId);

  /** The events of one reply, as the client gets them, then its end (also after an error). */
  interface Listener {
    void event(StreamEvent event);

    void end();
  }
}
