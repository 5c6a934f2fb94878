package dev.tether.control.approval;

/**
 * An answer the policy gives without a human.
 *
 * @param via the rule id (for {@link ResolvedBy#RULE}) or the mode (for {@link ResolvedBy#MODE})
 */
public record Verdict(Decision decision, ResolvedBy resolvedBy, String via, String ruleId) {}
