package dev.tether.control.approval;

import java.util.Locale;
import java.util.Set;

/** What Tether knows about Claude Code's tool names: which edit files, which read them, which must always ask. */
public final class ToolKinds {
  /** Tools that change files: an {@code Edit} rule covers them all, and {@code auto-edits} allows them. */
  public static final Set<String> EDIT_TOOLS = Set.of("Edit", "MultiEdit", "Write", "NotebookEdit");
  /** Tools that read files: a {@code Read} rule covers them all. */
  public static final Set<String> READ_TOOLS = Set.of("Read", "Grep", "Glob", "LS", "NotebookRead");

  private ToolKinds() {}

  /**
   * Plan and task tools, and questions for the user: never allowed by a mode or a rule, because their
   * whole point is that a human looks (leaving plan mode, spawning sub-agents, answering a question).
   */
  public static boolean alwaysAsks(String toolName) {
    if (toolName == null) {
      return true;
    }
    String lower = toolName.toLowerCase(Locale.ROOT);
    return lower.startsWith("task") || lower.equals("agent") || lower.equals("enterplanmode")
        || lower.equals("exitplanmode") || lower.equals("askuserquestion");
  }

  /** Whether a rule naming {@code ruleTool} covers a request from {@code toolName}. */
  static boolean family(String ruleTool, String toolName) {
    if (ruleTool.equals(toolName)) {
      return true;
    }
    return switch (ruleTool) {
      case "Edit" -> EDIT_TOOLS.contains(toolName);
      case "Read" -> READ_TOOLS.contains(toolName);
      default -> false;
    };
  }
}
