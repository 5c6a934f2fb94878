package dev.tether.gateway.backend.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.api.json.Json;
import java.util.ArrayList;
import java.util.List;

/** An OpenAI chat message being built: content parts, tool calls and reasoning, rendered at the end. */
final class ChatMessage {
  final String role;
  final List<ObjectNode> parts = new ArrayList<>();
  private final ArrayNode toolCalls = Json.MAPPER.createArrayNode();
  private final StringBuilder reasoning = new StringBuilder();
  private String toolCallId;
  private String toolContent;

  ChatMessage(String role) {
    this.role = role;
  }

  static ChatMessage system(String text) {
    ChatMessage message = new ChatMessage("system");
    message.addText(text);
    return message;
  }

  static ChatMessage tool(String toolCallId, String content) {
    ChatMessage message = new ChatMessage("tool");
    message.toolCallId = toolCallId;
    message.toolContent = content;
    return message;
  }

  static ObjectNode imagePart(String url) {
    ObjectNode part = Json.object().put("type", "image_url");
    part.putObject("image_url").put("url", url);
    return part;
  }

  /** Adds a text part; empty and whitespace-only text is dropped (servers choke on empty parts). */
  void addText(String text) {
    if (text != null && !text.isBlank()) {
      parts.add(Json.object().put("type", "text").put("text", text));
    }
  }

  void addImage(String url) {
    parts.add(imagePart(url));
  }

  void addToolCall(String id, String name, JsonNode input) {
    ObjectNode call = toolCalls.addObject().put("id", id).put("type", "function");
    ObjectNode function = call.putObject("function").put("name", name);
    function.put("arguments", input == null || input.isNull() ? "{}" : Json.write(input));
  }

  void addReasoning(String text) {
    if (text != null && !text.isBlank()) {
      if (!reasoning.isEmpty()) {
        reasoning.append("\n\n");
      }
      reasoning.append(text);
    }
  }

  boolean isEmpty() {
    return parts.isEmpty() && toolCalls.isEmpty() && reasoning.isEmpty() && toolCallId == null;
  }

  /**
   * Merges runs of messages with the same role (never tool messages: each answers one call), since
   * many chat templates insist on alternating roles. Empty messages are dropped.
   */
  static List<ChatMessage> mergeAdjacent(List<ChatMessage> messages) {
    List<ChatMessage> out = new ArrayList<>();
    for (ChatMessage message : messages) {
      if (message.isEmpty()) {
        continue;
      }
      ChatMessage last = out.isEmpty() ? null : out.getLast();
      if (last != null && last.role.equals(message.role) && !message.role.equals("tool")) {
        last.parts.addAll(message.parts);
        last.toolCalls.addAll(message.toolCalls);
        last.addReasoning(message.reasoning.toString());
      } else {
        out.add(message);
      }
    }
    return out;
  }

  /**
   * The wire form. Content is a plain string when every part is text, because many servers reject
   * part arrays; an array only when images are present.
   */
  ObjectNode toJson() {
    ObjectNode node = Json.object().put("role", role);
    if (role.equals("tool")) {
      node.put("tool_call_id", toolCallId);
      node.put("content", toolContent);
      return node;
    }
    boolean textOnly = parts.stream().allMatch(p -> p.path("type").asText().equals("text"));
    if (parts.isEmpty()) {
      if (toolCalls.isEmpty()) {
        node.put("content", "");
      } else {
        node.putNull("content");
      }
    } else if (textOnly) {
      StringBuilder text = new StringBuilder();
      for (ObjectNode part : parts) {
        if (!text.isEmpty()) {
          text.append("\n\n");
        }
        text.append(part.path("text").asText());
      }
      node.put("content", text.toString());
    } else {
      node.putArray("content").addAll(parts);
    }
    if (!reasoning.isEmpty()) {
      node.put("reasoning_content", reasoning.toString());
    }
    if (!toolCalls.isEmpty()) {
      node.set("tool_calls", toolCalls);
    }
    return node;
  }
}
