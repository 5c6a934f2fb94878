package dev.tether.control.agent;

import dev.tether.control.session.AgentType;
import java.util.List;

/**
 * How one kind of agent runs a headless turn: the process to start, the line its stdin gets, and how its
 * stdout lines read. One process per turn; the runner keeps no state between turns (the agent's own
 * store does, and {@link TurnRequest#resumeId()} names it).
 */
public interface AgentRunner {
  AgentType agent();

  /** The process of one turn (command, directory, environment); not started. */
  ProcessBuilder command(TurnRequest turn);

  /** What to write to the process's stdin for the prompt (one line, without the newline). */
  String stdinLine(String prompt);

  /** A reader for one turn's stdout (it may keep state across lines: tool names, buffered text). */
  LineReader reader();

  /** Reads a turn's output one line at a time. */
  interface LineReader {
    /** What one stdout line says; nothing for blank or unknown lines, a notice for malformed ones. */
    List<TurnOutput> read(String line);
  }
}
