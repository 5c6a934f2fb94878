package dev.tether.gateway.chat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.api.json.Json;
import dev.tether.api.messages.ContentBlock;
import dev.tether.api.messages.MessageResponse;
import java.time.Instant;

/** Translates a whole Anthropic reply into an OpenAI {@code chat.completion}. */
public final class ChatResponseTranslator {
  private ChatResponseTranslator() {}

  /** The {@code chat.completion} for a reply, created now. */
  public static ObjectNode toChatCompletion(MessageResponse message) {
    return toChatCompletion(message, Instant.now().getEpochSecond());
  }

  /**
   * The {@code chat.completion} for a reply: text blocks joined into {@code content} (null when
   * there is none), thinking into {@code reasoning_content} (absent when empty), tool uses into
   * {@code tool_calls}.
   *
   * @param created the {@code created} time, in Unix seconds
   */
  public static ObjectNode toChatCompletion(MessageResponse message, long created) {
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    ArrayNode toolCalls = Json.MAPPER.createArrayNode();
    for (ContentBlock block : message.content()) {
      switch (block) {
        case ContentBlock.Text t -> text.append(t.text());
        case ContentBlock.Thinking t -> reasoning.append(t.thinking());
        case ContentBlock.ToolUse u -> toolCalls.add(toolCall(u));
        // Redacted thinking is opaque, and other blocks have no Chat Completions form.
        default -> {}
      }
    }
    ObjectNode completion = Json.object();
    completion.put("id", ChatWire.completionId(message.id()));
    completion.put("object", "chat.completion");
    completion.put("created", created);
    completion.put("model", message.model());
    ObjectNode choice = completion.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode out = choice.putObject("message");
    out.put("role", "assistant");
    // Empty text is no text: a stream of the same reply sends none either.
    if (!text.isEmpty()) {
      out.put("content", text.toString());
    } else {
      out.putNull("content");
    }
    if (!reasoning.isEmpty()) {
      out.put("reasoning_content", reasoning.toString());
    }
    if (!toolCalls.isEmpty()) {
      out.set("tool_calls", toolCalls);
    }
    choice.putNull("logprobs");
    choice.put("finish_reason", ChatWire.finishReason(message.stopReason()));
    completion.set("usage", ChatWire.usage(message.usage()));
    return completion;
  }

  private static ObjectNode toolCall(ContentBlock.ToolUse use) {
    ObjectNode call = Json.object();
    call.put("id", use.id());
    call.put("type", "function");
    ObjectNode function = call.putObject("function");
    function.put("name", use.name());
    function.put("arguments", use.input() == null ? "{}" : Json.write(use.input()));
    return call;
  }
}
