package dev.tether.control.hook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What Claude Code writes to a hook's stdin (research claude-code-client.md §8). Every payload has
 * {@code session_id}, {@code transcript_path}, {@code cwd} and {@code hook_event_name}; the rest depends
 * on the event, and is null when absent. Unknown fields are ignored, so newer claude versions still fit.
 *
 * @param source SessionStart: {@code startup}, {@code resume}, {@code clear} or {@code compact}
 * @param prompt UserPromptSubmit: what the user typed
 * @param toolResponse PostToolUse: the tool's result, its shape per tool
 * @param message Notification: the text claude shows
 * @param notificationType Notification: e.g. {@code permission_prompt}, {@code idle_prompt}
 * @param stopHookActive Stop: claude is already continuing because a Stop hook blocked
 * @param lastAssistantMessage Stop: the assistant's final text of the turn
 * @param reason SessionEnd: why it ended, e.g. {@code other}, {@code logout}, {@code prompt_input_exit}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HookPayload(
    String sessionId,
    String transcriptPath,
    String cwd,
    String hookEventName,
    String permissionMode,
    String source,
    String prompt,
    String toolName,
    JsonNode toolInput,
    String toolUseId,
    JsonNode toolResponse,
    String message,
    String title,
    String notificationType,
    Boolean stopHookActive,
    String lastAssistantMessage,
    String reason) {}
