package dev.tether.control.approval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.control.session.ApprovalMode;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * Decides whether a request needs a human, the same way whichever surface asked. In order: a matching
 * deny rule denies; plan/task tools and free-form questions ask; a matching allow rule allows; the mode
 * allows ({@code auto}: everything, {@code auto-edits}: file edits); otherwise a human decides.
 */
public final class Policy {
  private Policy() {}

  /**
   * The verdict for a call of {@code toolName} ({@code null} for a free-form choice) in a session with
   * this id, directory and mode, given every stored rule; empty when a human must answer.
   */
  public static Optional<Verdict> decide(String toolName, JsonNode toolInput, String sessionId, String directory,
      ApprovalMode mode, Collection<Rule> rules, Instant now) {
    if (toolName == null) {
      return Optional.empty();
    }
    for (Rule rule : rules) {
      if (rule.decision() == Decision.DENY && applies(rule, toolName, toolInput, sessionId, directory, now)) {
        return Optional.of(new Verdict(Decision.DENY, ResolvedBy.RULE, rule.pattern(), rule.id()));
      }
    }
    if (ToolKinds.alwaysAsks(toolName)) {
      return Optional.empty();
    }
    for (Rule rule : rules) {
      if (rule.decision() == Decision.ALLOW && applies(rule, toolName, toolInput, sessionId, directory, now)) {
        return Optional.of(new Verdict(Decision.ALLOW, ResolvedBy.RULE, rule.pattern(), rule.id()));
      }
    }
    return switch (mode) {
      case AUTO -> Optional.of(new Verdict(Decision.ALLOW, ResolvedBy.MODE, mode.wire(), null));
      case AUTO_EDITS -> ToolKinds.EDIT_TOOLS.contains(toolName)
          ? Optional.of(new Verdict(Decision.ALLOW, ResolvedBy.MODE, mode.wire(), null))
          : Optional.empty();
      case ASK -> Optional.empty();
    };
  }

  private static boolean applies(Rule rule, String toolName, JsonNode input, String sessionId, String directory,
      Instant now) {
    if (!rule.activeAt(now) || !rule.covers(sessionId, directory)) {
      return false;
    }
    try {
      return RulePattern.parse(rule.pattern()).matches(toolName, input, directory);
    } catch (IllegalArgumentException e) {
      return false; // stored rules were validated; a bad one never matches
    }
  }
}
