package dev.tether.control;

import dev.tether.control.session.AgentType;
import dev.tether.control.session.ApprovalMode;
import dev.tether.control.session.NewSession;
import dev.tether.control.session.SessionPatch;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Checks of what callers send, each failure a 422 naming the field. */
final class Validation {
  static final int MAX_NAME = 200;

  private Validation() {}

  record ValidSession(String name, AgentType agentType, String directory, ApprovalMode mode, boolean headless) {}

  static ValidSession newSession(NewSession r) {
    AgentType agent = AgentType.parse(r.agentType());
    String directory = directory(r.directory());
    ApprovalMode mode = ApprovalMode.ASK;
    if (r.approvalMode() != null) {
      mode = ApprovalMode.parse(r.approvalMode()).orElseThrow(() -> ControlException.validation(
          "approval_mode must be ask, auto-edits or auto, not " + r.approvalMode()));
    }
    String name = r.name();
    if (name == null || name.isBlank()) {
      name = r.agentType() != null && !r.agentType().isBlank() ? r.agentType().strip() : agent.wire();
      if (directory != null && Path.of(directory).getFileName() != null) {
        name += " in " + Path.of(directory).getFileName();
      }
    }
    boolean headless = r.headless() != null ? r.headless() : agent == AgentType.CLAUDE_CODE;
    if (headless && agent != AgentType.CLAUDE_CODE) {
      throw ControlException.validation("Tether runs only claude_code sessions itself, not " + agent.wire());
    }
    if (headless && directory == null) {
      throw ControlException.validation("a claude_code session that Tether runs needs a directory (absolute path);"
          + " give \"headless\": false for one that reports in by itself");
    }
    return new ValidSession(name(name), agent, directory, mode, headless);
  }

  static void patch(SessionPatch patch) {
    if (patch == null || patch.empty()) {
      throw ControlException.validation("nothing to change: give name, approval_mode, away or agent_session_id");
    }
    if (patch.name() != null) {
      name(patch.name());
    }
    if (patch.agentSessionId() != null && patch.agentSessionId().isBlank()) {
      throw ControlException.validation("agent_session_id must not be empty");
    }
  }

  static String name(String name) {
    String n = name.strip();
    if (n.isEmpty()) {
      throw ControlException.validation("name must not be empty");
    }
    if (n.length() > MAX_NAME) {
      throw ControlException.validation("name is longer than " + MAX_NAME + " characters");
    }
    return n;
  }

  /** An absolute, normalised directory, or null. */
  static String directory(String directory) {
    if (directory == null || directory.isBlank()) {
      return null;
    }
    try {
      Path p = Path.of(directory.strip());
      if (!p.isAbsolute()) {
        throw ControlException.validation("directory must be an absolute path, not " + directory);
      }
      return p.normalize().toString();
    } catch (InvalidPathException e) {
      throw ControlException.validation("directory is not a path: " + directory);
    }
  }
}
