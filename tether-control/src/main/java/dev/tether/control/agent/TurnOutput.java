package dev.tether.control.agent;

import dev.tether.control.event.SessionEvent;
import dev.tether.control.session.Usage;

/** What an agent's output stream says during a turn, already in Tether's terms. */
public sealed interface TurnOutput {
  /** The agent named its own session id (and model): bind it, resume by it next turn. */
  record Bound(String agentSessionId, String model) implements TurnOutput {}

  /** Something to show: text, thinking, a tool call or a tool result. */
  record Said(SessionEvent.Output output) implements TurnOutput {}

  /**
   * The turn is over.
   *
   * @param usage tokens and cost of the turn, or null when the agent reported none
   * @param error why the turn failed, or null when it succeeded
   * @param code the error's code ({@code CLAUDE_RESULT_ERROR}, …), or null
   */
  record Finished(Usage usage, String error, String code) implements TurnOutput {}

  /** A notice that is not part of the answer (a retry, a warning); logged, not shown. */
  record Notice(String text) implements TurnOutput {}
}
