/**
 * Agents Tether runs and finds. {@link dev.tether.control.agent.HeadlessAgents} implements the service's
 * {@link dev.tether.control.Agents} role: one process per turn of a headless session (through an
 * {@link dev.tether.control.agent.AgentRunner} per agent), input queued while a turn runs, interrupts,
 * process trees destroyed on shutdown; and attach/sync over the agents' own stores
 * ({@link dev.tether.control.agent.TranscriptSource}). Reports go through the service's public methods,
 * like any agent's. Per-agent code lives in subpackages ({@code agent.claude}); must not import the web,
 * MCP or store packages.
 */
package dev.tether.control.agent;
