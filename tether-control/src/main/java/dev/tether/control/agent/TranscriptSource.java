package dev.tether.control.agent;

import dev.tether.control.session.AgentType;
import dev.tether.control.session.ExternalSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where one kind of agent keeps its conversations (Claude Code's {@code ~/.claude/projects}; Codex,
 * OpenCode and Pi stores later): discovery for {@code list --external}, and reading one for attach and
 * sync.
 */
public interface TranscriptSource {
  AgentType agent();

  /** Every conversation found (unordered; broken files skipped). */
  List<ExternalSession> list();

  /** The transcript of the agent's session {@code agentSessionId}, if this store has it. */
  Optional<Path> locate(String agentSessionId);

  /** A transcript's conversation as events, one entry per record that has an id. */
  Transcript read(Path transcript);
}
