package dev.tether.control.agent;

import java.nio.file.Path;

/**
 * One turn to run.
 *
 * @param sessionId the Tether session
 * @param directory where the agent runs
 * @param prompt what the user said
 * @param resumeId the agent's session id to continue, or null for a new conversation
 */
public record TurnRequest(String sessionId, Path directory, String prompt, String resumeId) {}
