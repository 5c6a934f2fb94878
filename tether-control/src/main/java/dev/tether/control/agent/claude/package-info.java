/**
 * Claude Code as an agent Tether runs and finds: {@link dev.tether.control.agent.claude.ClaudeRunner}
 * (headless turns over stream-json), {@link dev.tether.control.agent.claude.ClaudeTranscripts} (the
 * transcript files under {@code ~/.claude/projects}), and the one reader of Claude's message shape both
 * share.
 */
package dev.tether.control.agent.claude;
