/**
 * Approvals and the rules that answer them: the {@link dev.tether.control.approval.Approval} record, rules
 * in Claude Code's permission syntax ({@link dev.tether.control.approval.RulePattern}), and the
 * {@link dev.tether.control.approval.Policy} that decides, from rules and the session's mode, whether a
 * request needs a human. Pure values and functions: no I/O, no clock of its own.
 */
package dev.tether.control.approval;
