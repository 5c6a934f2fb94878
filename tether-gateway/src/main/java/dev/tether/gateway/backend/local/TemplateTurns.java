package dev.tether.gateway.backend.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.api.error.ApiException;
import dev.tether.api.messages.ContentBlock;
import dev.tether.api.messages.Message;
import dev.tether.api.messages.MessagesRequest;
import dev.tether.api.messages.Role;
import dev.tether.api.messages.Tool;
import dev.tether.engine.template.Conversation;
import dev.tether.engine.template.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Anthropic Messages request as the {@code messages} and {@code tools} a chat template renders, in
 * the shape Hugging Face templates expect (OpenAI-style dicts):
 *
 * <ul>
 *   <li>{@code system} (a string or text blocks, joined by blank lines) → a first {@code {"role":
 *       "system", "content": …}} message; a {@code system} message inside {@code messages} → a system
 *       message in place, or with {@link Options#systemMessagesAsUser()} a user message wrapping it in
 *       {@code <system-reminder>} (for templates that allow a system message only first).
 *   <li>Text blocks of a turn → one string {@code content}, joined by blank lines.
 *   <li>Assistant {@code tool_use} blocks → {@code tool_calls}: {@code {"id", "type": "function",
 *       "function": {"name", "arguments": {…}}}} with the arguments as a dict, never a JSON string
 *       (11 of the corpus's 67 templates fail on strings). An assistant turn with calls only has
 *       {@code content ""}, not None, since many templates concatenate it.
 *   <li>User {@code tool_result} blocks → {@code {"role": "tool", "tool_call_id", "name", "content"}}
 *       messages before the rest of the user turn, the name taken from the matching call; text parts
 *       joined by newlines, {@code "Error: "} in front when {@code is_error} (as the OpenAI backend
 *       does).
 *   <li>Assistant {@code thinking} blocks → {@code reasoning_content}, the field vLLM, llama.cpp and
 *       most reasoning templates (Qwen3, QwQ, DeepSeek, GLM, Kimi, MiniMax, Nemotron) read. A few
 *       templates (gpt-oss, LFM2.5, Ministral) read {@code thinking} instead: {@link
 *       Options#forTemplate(String)} picks the field the template uses. Redacted thinking is dropped:
 *       a local model cannot read it.
 *   <li>Tools → {@code {"type": "function", "function": {"name", "description", "parameters"}}};
 *       server tools (web search, …) are left out, as a local model cannot run them.
 *   <li>Images, and documents other than plain text → {@link ApiException} {@code
 *       invalid_request_error} (400): "images are not supported by this model". Plain-text documents
 *       become text (title, blank line, text).
 * </ul>
 *
 * <p>Consecutive messages of the same role are merged (templates such as Gemma's and Mistral's
 * require alternation; the Messages API merges them too). The generation prompt is added unless the
 * request ends with an assistant turn (a prefill).
 */
public final class TemplateTurns {
  private static final Logger log = LoggerFactory.getLogger(TemplateTurns.class);

  /**
   * How to shape the turns for one template.
   *
   * @param reasoningField the message key for an assistant's reasoning: {@code reasoning_content}
   *     or {@code thinking}
   * @param systemMessagesAsUser turn system messages inside the conversation into user messages
   */
  public record Options(String reasoningField, boolean systemMessagesAsUser) {
    /** {@code reasoning_content}; system messages kept as they are. */
    public static final Options DEFAULTS = new Options("reasoning_content", false);

    /** The options that fit a template: {@code thinking} when it reads that key and not {@code reasoning_content}. */
    public static Options forTemplate(String chatTemplate) {
      boolean readsThinking = chatTemplate.contains(".thinking") || chatTemplate.contains("'thinking'")
          || chatTemplate.contains("\"thinking\"");
      boolean thinking = readsThinking && !chatTemplate.contains("reasoning_content");
      return new Options(thinking ? "thinking" : "reasoning_content", false);
    }
  }

  private TemplateTurns() {}

  /** The request as a template's input, with {@link Options#DEFAULTS}. */
  public static Conversation conversation(MessagesRequest request) {
    return conversation(request, Options.DEFAULTS);
  }

  /**
   * The request as a template's input.
   *
   * @throws ApiException {@code invalid_request_error} for content the model cannot take (images,
   *     binary documents)
   */
  public static Conversation conversation(MessagesRequest request, Options options) {
    List<Value> tools = tools(request.tools());
    boolean prefill = !request.messages().isEmpty() && request.messages().getLast().role() == Role.ASSISTANT;
    return new Conversation(messages(request, options), tools.isEmpty() ? Optional.empty() : Optional.of(tools),
        !prefill, Map.of());
  }

  /** The {@code messages} a template sees. */
  public static List<Value> messages(MessagesRequest request, Options options) {
    List<Turn> turns = new ArrayList<>();
    String system = request.systemText();
    if (!system.isBlank()) {
      turns.add(new Turn("system").text(system));
    }
    Map<String, String> toolNames = new HashMap<>();
    for (Message message : request.messages()) {
      switch (message.role()) {
        case SYSTEM -> {
          String text = text(message.content());
          turns.add(options.systemMessagesAsUser()
              ? new Turn("user").text("<system-reminder>\n" + text + "\n</system-reminder>")
              : new Turn("system").text(text));
        }
        case USER -> user(message.content(), toolNames, turns);
        case ASSISTANT -> turns.add(assistant(message.content(), toolNames));
      }
    }
    List<Value> out = new ArrayList<>();
    for (Turn turn : merged(turns)) {
      out.add(turn.toValue(options.reasoningField()));
    }
    return out;
  }

  /** The {@code tools} a template sees: client tools in OpenAI's function format. */
  public static List<Value> tools(List<Tool> tools) {
    List<Value> out = new ArrayList<>();
    for (Tool tool : tools) {
      if (!tool.isClientTool()) {
        log.debug("leaving out server tool {} ({}): a local model cannot run it", tool.name(), tool.type());
        continue;
      }
      Map<String, Value> function = new LinkedHashMap<>();
      function.put("name", Value.str(tool.name()));
      if (tool.description() != null) {
        function.put("description", Value.str(tool.description()));
      }
      JsonNode schema = tool.inputSchema();
      function.put("parameters", schema == null || schema.isNull()
          ? Value.dict(Map.of("type", Value.str("object"), "properties", Value.dict(Map.of())))
          : JsonValues.of(schema));
      Map<String, Value> entry = new LinkedHashMap<>();
      entry.put("type", Value.str("function"));
      entry.put("function", Value.dict(function));
      out.add(Value.dict(entry));
    }
    return out;
  }

  private static void user(List<ContentBlock> content, Map<String, String> toolNames, List<Turn> turns) {
    Turn user = new Turn("user");
    for (ContentBlock block : content) {
      switch (block) {
        case ContentBlock.ToolResult result -> turns.add(toolResult(result, toolNames));
        case ContentBlock.Text text -> user.text(text.text());
        case ContentBlock.Document document -> user.text(documentText(document));
        case ContentBlock.Image image -> throw imagesUnsupported();
        case ContentBlock.ToolUse use -> log.debug("dropping a tool_use block in a user turn");
        case ContentBlock.Thinking thinking -> log.debug("dropping a thinking block in a user turn");
        case ContentBlock.RedactedThinking redacted -> {}
        case ContentBlock.Unknown unknown -> log.debug("dropping a {} block a local model cannot take", unknown.type());
      }
    }
    if (!user.texts.isEmpty()) {
      turns.add(user);
    }
  }

  private static Turn toolResult(ContentBlock.ToolResult result, Map<String, String> toolNames) {
    List<String> parts = new ArrayList<>();
    for (ContentBlock block : result.content() == null ? List.<ContentBlock>of() : result.content()) {
      switch (block) {
        case ContentBlock.Text text -> parts.add(text.text());
        case ContentBlock.Document document -> parts.add(documentText(document));
        case ContentBlock.Image image -> throw imagesUnsupported();
        default -> log.debug("dropping a {} block inside a tool result", block.type());
      }
    }
    String text = String.join("\n", parts.stream().filter(p -> !p.isEmpty()).toList());
    Turn tool = new Turn("tool").text(result.failed() ? "Error: " + text : text);
    tool.toolCallId = result.toolUseId();
    tool.name = toolNames.get(result.toolUseId());
    return tool;
  }

  private static Turn assistant(List<ContentBlock> content, Map<String, String> toolNames) {
    Turn assistant = new Turn("assistant");
    for (ContentBlock block : content) {
      switch (block) {
        case ContentBlock.Text text -> assistant.text(text.text());
        case ContentBlock.ToolUse use -> {
          toolNames.put(use.id(), use.name());
          Map<String, Value> function = new LinkedHashMap<>();
          function.put("name", Value.str(use.name()));
          function.put("arguments", use.input() == null || use.input().isNull()
              ? Value.dict(Map.of()) : JsonValues.of(use.input()));
          Map<String, Value> call = new LinkedHashMap<>();
          call.put("id", Value.str(use.id()));
          call.put("type", Value.str("function"));
          call.put("function", Value.dict(function));
          assistant.toolCalls.add(Value.dict(call));
        }
        case ContentBlock.Thinking thinking -> {
          if (thinking.thinking() != null && !thinking.thinking().isEmpty()) {
            assistant.reasoning.add(thinking.thinking());
          }
        }
        case ContentBlock.RedactedThinking redacted -> {}
        case ContentBlock.Document document -> assistant.text(documentText(document));
        case ContentBlock.Image image -> throw imagesUnsupported();
        case ContentBlock.ToolResult result -> log.debug("dropping a tool_result block in an assistant turn");
        case ContentBlock.Unknown unknown -> log.debug("dropping a {} block a local model cannot take", unknown.type());
      }
    }
    return assistant;
  }

  private static String documentText(ContentBlock.Document document) {
    String text = document.plainText();
    if (text == null) {
      throw ApiException.invalidRequest(
          "documents other than plain text (PDF, base64, URL or file sources) are not supported by this model");
    }
    return document.title() == null ? text : document.title() + "\n\n" + text;
  }

  private static ApiException imagesUnsupported() {
    return ApiException.invalidRequest("images are not supported by this model");
  }

  private static String text(List<ContentBlock> content) {
    List<String> texts = new ArrayList<>();
    for (ContentBlock block : content) {
      if (block instanceof ContentBlock.Text text) {
        texts.add(text.text());
      }
    }
    return String.join("\n\n", texts);
  }

  /** Merges consecutive user, assistant or system turns; tool results stay one message each. */
  private static List<Turn> merged(List<Turn> turns) {
    List<Turn> out = new ArrayList<>();
    for (Turn turn : turns) {
      Turn last = out.isEmpty() ? null : out.getLast();
      if (last != null && last.role.equals(turn.role) && !turn.role.equals("tool")) {
        last.texts.addAll(turn.texts);
        last.reasoning.addAll(turn.reasoning);
        last.toolCalls.addAll(turn.toolCalls);
      } else {
        out.add(turn);
      }
    }
    return out;
  }

  /** A message being assembled. */
  private static final class Turn {
    final String role;
    final List<String> texts = new ArrayList<>();
    final List<String> reasoning = new ArrayList<>();
    final List<Value> toolCalls = new ArrayList<>();
    String toolCallId;
    String name;

    Turn(String role) {
      this.role = role;
    }

    Turn text(String text) {
      if (text != null && !text.isEmpty()) {
        texts.add(text);
      }
      return this;
    }

    Value toValue(String reasoningField) {
      Map<String, Value> message = new LinkedHashMap<>();
      message.put("role", Value.str(role));
      if (toolCallId != null) {
        message.put("tool_call_id", Value.str(toolCallId));
      }
      if (name != null) {
        message.put("name", Value.str(name));
      }
      message.put("content", Value.str(String.join(role.equals("tool") ? "\n" : "\n\n", texts)));
      if (!reasoning.isEmpty()) {
        message.put(reasoningField, Value.str(String.join("\n\n", reasoning)));
      }
      if (!toolCalls.isEmpty()) {
        message.put("tool_calls", Value.list(toolCalls));
      }
      return Value.dict(message);
    }
  }
}
