package dev.tether.gateway.chat;

import static dev.tether.gateway.chat.ChatJson.field;
import static dev.tether.gateway.chat.ChatJson.invalid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.api.json.Json;
import dev.tether.api.messages.ContentBlock;
import dev.tether.api.messages.Message;
import dev.tether.api.messages.Role;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns the OpenAI {@code messages} array into an Anthropic system prompt and conversation. */
final class ChatMessages {
  private ChatMessages() {}

  /** The leading system/developer text, and the turns after it. */
  record Converted(List<ContentBlock.Text> system, List<Message> messages) {}

  static Converted convert(JsonNode messages) {
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw invalid("messages must be a non-empty array");
    }
    List<ContentBlock.Text> system = new ArrayList<>();
    List<Message> turns = new ArrayList<>();
    LegacyCalls legacy = new LegacyCalls();
    boolean leading = true;
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      String where = "messages[" + i + "]";
      if (!message.isObject()) {
        throw invalid(where + " must be an object");
      }
      String role = ChatJson.requiredText(message, "role", where);
      JsonNode content = field(message, "content");
      String contentWhere = where + ".content";
      if (role.equals("system") || role.equals("developer")) {
        List<ContentBlock.Text> text = ChatContent.text(content, contentWhere);
        if (leading) {
          system.addAll(text);
        } else {
          // A system message mid-conversation stays where it was said.
          turns.add(new Message(Role.SYSTEM, List.copyOf(text)));
        }
        continue;
      }
      leading = false;
      turns.add(switch (role) {
        case "user" -> new Message(Role.USER, ChatContent.user(content, contentWhere));
        case "assistant" -> assistant(message, where, legacy);
        case "tool" ->
            toolResult(ChatJson.requiredText(message, "tool_call_id", where), content, contentWhere);
        case "function" -> toolResult(legacy.answer(message, where), content, contentWhere);
        default -> throw invalid(where + ".role must be one of system, developer, user, assistant, tool,"
            + " function; got \"" + role + "\"");
      });
    }
    List<Message> merged = merge(turns);
    if (merged.stream().noneMatch(m -> m.role() != Role.SYSTEM)) {
      throw invalid("messages must contain at least one non-empty user, assistant or tool message");
    }
    return new Converted(List.copyOf(withoutBlankText(system)), merged);
  }

  /** Reasoning first, then text, then tool calls: the order an Anthropic assistant turn has. */
  private static Message assistant(JsonNode message, String where, LegacyCalls legacy) {
    List<ContentBlock> blocks = new ArrayList<>();
    String reasoning = ChatJson.optionalText(message, "reasoning_content", where);
    if (reasoning == null) {
      // vLLM and OpenRouter name the same thing "reasoning".
      JsonNode alt = field(message, "reasoning");
      reasoning = alt != null && alt.isTextual() ? alt.asText() : null;
    }
    if (reasoning != null && !reasoning.isBlank()) {
      blocks.add(new ContentBlock.Thinking(reasoning, null));
    }
    blocks.addAll(ChatContent.text(field(message, "content"), where + ".content"));
    JsonNode toolCalls = field(message, "tool_calls");
    if (toolCalls != null) {
      if (!toolCalls.isArray()) {
        throw invalid(where + ".tool_calls must be an array");
      }
      for (int i = 0; i < toolCalls.size(); i++) {
        blocks.add(toolCall(toolCalls.get(i), where + ".tool_calls[" + i + "]"));
      }
    }
    JsonNode functionCall = field(message, "function_call");
    if (functionCall != null) {
      blocks.add(legacy.call(functionCall, where + ".function_call"));
    }
    return new Message(Role.ASSISTANT, blocks);
  }

  private static ContentBlock.ToolUse toolCall(JsonNode call, String where) {
    if (!call.isObject()) {
      throw invalid(where + " must be an object");
    }
    String id = ChatJson.requiredText(call, "id", where);
    String type = ChatJson.optionalText(call, "type", where);
    if (type != null && !type.equals("function")) {
      throw invalid(where + ".type must be \"function\"; got \"" + type + "\"");
    }
    JsonNode function = field(call, "function");
    if (function == null || !function.isObject()) {
      throw invalid(where + ".function is required");
    }
    String at = where + ".function";
    return new ContentBlock.ToolUse(
        id, ChatJson.requiredText(function, "name", at), arguments(function, at));
  }

  /** {@code function.arguments}: a JSON string holding an object; empty means no arguments. */
  static JsonNode arguments(JsonNode function, String where) {
    JsonNode raw = field(function, "arguments");
    if (raw == null) {
      return Json.object();
    }
    if (raw.isObject()) {
      // Not what the spec says, but some clients send the object itself; its meaning is clear.
      return raw;
    }
    if (!raw.isTextual()) {
      throw invalid(where + ".arguments must be a JSON string");
    }
    if (raw.asText().isBlank()) {
      return Json.object();
    }
    JsonNode parsed;
    try {
      parsed = Json.tree(raw.asText());
    } catch (JsonProcessingException e) {
      throw invalid(where + ".arguments is not valid JSON: " + e.getOriginalMessage());
    }
    if (parsed == null || !parsed.isObject()) {
      throw invalid(where + ".arguments must encode a JSON object");
    }
    return parsed;
  }

  private static Message toolResult(String toolCallId, JsonNode content, String where) {
    List<ContentBlock> text = new ArrayList<>(withoutBlankText(ChatContent.text(content, where)));
    return new Message(
        Role.USER, List.of(new ContentBlock.ToolResult(toolCallId, List.copyOf(text), null, null)));
  }

  /**
   * Drops blank text, drops turns left empty, and joins adjacent turns of one role (Anthropic wants
   * roles to alternate). In a user turn, tool results go first: they must answer the tool calls of
   * the turn before, ahead of anything the user adds.
   */
  static List<Message> merge(List<Message> turns) {
    List<Message> merged = new ArrayList<>();
    for (Message turn : turns) {
      List<ContentBlock> content = withoutBlankText(turn.content());
      if (content.isEmpty()) {
        continue;
      }
      Message last = merged.isEmpty() ? null : merged.getLast();
      if (last != null && last.role() == turn.role()) {
        List<ContentBlock> joined = new ArrayList<>(last.content());
        joined.addAll(content);
        merged.set(merged.size() - 1, new Message(turn.role(), joined));
      } else {
        merged.add(new Message(turn.role(), content));
      }
    }
    return merged.stream()
        .map(m -> m.role() == Role.USER ? new Message(m.role(), toolResultsFirst(m.content())) : m)
        .map(m -> new Message(m.role(), List.copyOf(m.content())))
        .toList();
  }

  private static List<ContentBlock> toolResultsFirst(List<ContentBlock> content) {
    List<ContentBlock> ordered = new ArrayList<>();
    content.stream().filter(b -> b instanceof ContentBlock.ToolResult).forEach(ordered::add);
    content.stream().filter(b -> !(b instanceof ContentBlock.ToolResult)).forEach(ordered::add);
    return ordered;
  }

  private static <B extends ContentBlock> List<B> withoutBlankText(List<B> blocks) {
    return blocks.stream()
        .filter(b -> !(b instanceof ContentBlock.Text t) || (t.text() != null && !t.text().isBlank()))
        .toList();
  }

  /**
   * The pre-tools protocol: an assistant {@code function_call} has no id, and the {@code function}
   * message that answers it names the function instead. Ids are made up here and matched by name,
   * oldest unanswered call first.
   */
  private static final class LegacyCalls {
    private final Map<String, Deque<String>> pending = new HashMap<>();
    private int count;

    ContentBlock.ToolUse call(JsonNode functionCall, String where) {
      if (!functionCall.isObject()) {
        throw invalid(where + " must be an object");
      }
      String name = ChatJson.requiredText(functionCall, "name", where);
      String id = "call_legacy_" + count++;
      pending.computeIfAbsent(name, n -> new ArrayDeque<>()).addLast(id);
      return new ContentBlock.ToolUse(id, name, arguments(functionCall, where));
    }

    String answer(JsonNode message, String where) {
      String name = ChatJson.requiredText(message, "name", where);
      Deque<String> ids = pending.get(name);
      if (ids == null || ids.isEmpty()) {
        throw invalid(
            where + " (role function) answers no earlier function_call named \"" + name + "\"");
      }
      return ids.removeFirst();
    }
  }
}
