package dev.tether.gateway.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.api.json.Json;
import dev.tether.api.messages.StopReason;
import dev.tether.api.messages.Usage;
import java.util.UUID;

/** What the whole and the streamed reply share: ids, finish reasons, usage. */
final class ChatWire {
  private ChatWire() {}

  /** A {@code chatcmpl-} id derived from the message id, so logs of both sides can be matched. */
  static String completionId(String messageId) {
    if (messageId == null || messageId.isEmpty()) {
      return "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
    }
    return "chatcmpl-" + (messageId.startsWith("msg_") ? messageId.substring(4) : messageId);
  }

  /** OpenAI's {@code finish_reason} for a stop reason; a missing one reads as a plain stop. */
  static String finishReason(StopReason reason) {
    if (reason == null) {
      return "stop";
    }
    return switch (reason) {
      case END_TURN, STOP_SEQUENCE, PAUSE_TURN -> "stop";
      case MAX_TOKENS, MODEL_CONTEXT_WINDOW_EXCEEDED -> "length";
      case TOOL_USE -> "tool_calls";
      case REFUSAL -> "content_filter";
    };
  }

  /**
   * OpenAI counts every prompt token in {@code prompt_tokens} and reports the cached part inside
   * it, where Anthropic splits input, cache reads and cache writes.
   */
  static ObjectNode usage(Usage usage) {
    int input = 0;
    int output = 0;
    int cacheRead = 0;
    int cacheCreation = 0;
    if (usage != null) {
      input = orZero(usage.inputTokens());
      output = orZero(usage.outputTokens());
      cacheRead = orZero(usage.cacheReadInputTokens());
      cacheCreation = orZero(usage.cacheCreationInputTokens());
    }
    int prompt = input + cacheRead + cacheCreation;
    ObjectNode node = Json.object();
    node.put("prompt_tokens", prompt);
    node.put("completion_tokens", output);
    node.put("total_tokens", prompt + output);
    node.putObject("prompt_tokens_details").put("cached_tokens", cacheRead);
    return node;
  }

  private static int orZero(Integer count) {
    return count == null ? 0 : count;
  }
}
