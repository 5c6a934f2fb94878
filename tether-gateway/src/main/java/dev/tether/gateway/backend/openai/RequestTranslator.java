package dev.tether.gateway.backend.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.api.json.Json;
import dev.tether.api.messages.ContentBlock;
import dev.tether.api.messages.Message;
import dev.tether.api.messages.MessagesRequest;
import dev.tether.api.messages.ThinkingConfig;
import dev.tether.api.messages.Tool;
import dev.tether.api.messages.ToolChoice;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an Anthropic Messages request into an OpenAI {@code /chat/completions} body (without
 * {@code model}, which depends on the upstream chosen).
 *
 * <p>{@code stop_sequences} are deliberately not sent: servers differ in how they apply them, so the
 * backend enforces them on the returned text instead (see {@link dev.tether.gateway.backend.blocks.StopSequences}).
 */
final class RequestTranslator {
  private static final Logger log = LoggerFactory.getLogger(RequestTranslator.class);

  private final SystemMessagePolicy systemMessages;
  private final boolean reasoning;

  RequestTranslator(SystemMessagePolicy systemMessages, boolean reasoning) {
    this.systemMessages = systemMessages;
    this.reasoning = reasoning;
  }

  /** The upstream body for {@code request}. */
  ObjectNode translate(MessagesRequest request) {
    ObjectNode body = Json.object();
    body.set("messages", messages(request));
    body.put("stream", true);
    body.putObject("stream_options").put("include_usage", true);
    if (request.maxTokens() != null) {
      body.put("max_tokens", request.maxTokens());
    }
    if (request.temperature() != null) {
      body.put("temperature", request.temperature());
    }
    if (request.topP() != null) {
      body.put("top_p", request.topP());
    }
    if (request.topK() != null) {
      // Not in the OpenAI spec, but vLLM, llama.cpp, SGLang and LM Studio accept it.
      body.put("top_k", request.topK());
    }
    ArrayNode tools = tools(request.tools());
    if (!tools.isEmpty()) {
      body.set("tools", tools);
      ToolChoice choice = request.toolChoice();
      if (choice != null) {
        body.set("tool_choice", toolChoice(choice));
        if (Boolean.TRUE.equals(choice.disableParallelToolUse())) {
          body.put("parallel_tool_calls", false);
        }
      }
    }
    String effort = reasoningEffort(request);
    if (effort != null) {
      body.put("reasoning_effort", effort);
    }
    JsonNode format = request.outputConfig() == null ? null : request.outputConfig().format();
    if (format != null && "json_schema".equals(format.path("type").asText())) {
      ObjectNode responseFormat = body.putObject("response_format");
      responseFormat.put("type", "json_schema");
      ObjectNode schema = responseFormat.putObject("json_schema");
      schema.put("name", "output");
      schema.set("schema", JsonSchemas.sanitise(format.get("schema")));
      schema.put("strict", true);
    }
    return body;
  }

  private ArrayNode messages(MessagesRequest request) {
    List<ChatMessage> out = new ArrayList<>();
    String system = request.systemText();
    if (!system.isBlank()) {
      out.add(ChatMessage.system(system));
    }
    for (Message message : request.messages()) {
      switch (message.role()) {
        case SYSTEM -> out.add(systemMessage(message.content()));
        case USER -> userTurn(message.content(), out);
        case ASSISTANT -> out.add(assistantTurn(message.content()));
      }
    }
    ArrayNode array = Json.MAPPER.createArrayNode();
    for (ChatMessage message : ChatMessage.mergeAdjacent(out)) {
      array.add(message.toJson());
    }
    return array;
  }

  /** A system message inside {@code messages}, per the configured policy. */
  private ChatMessage systemMessage(List<ContentBlock> content) {
    String text = joinText(content);
    return switch (systemMessages) {
      case KEEP_AS_SYSTEM -> ChatMessage.system(text);
      case INLINE_AS_USER -> {
        // Merging with the neighbouring user turn happens in mergeAdjacent.
        ChatMessage user = new ChatMessage("user");
        user.addText("<system-reminder>\n" + text + "\n</system-reminder>");
        yield user;
      }
    };
  }

  /**
   * A user turn: tool results first as {@code tool} messages (they must follow the assistant's calls
   * directly), then one user message with images from tool results and the turn's own content.
   */
  private static void userTurn(List<ContentBlock> content, List<ChatMessage> out) {
    ChatMessage user = new ChatMessage("user");
    List<ChatMessage> toolMessages = new ArrayList<>();
    List<ObjectNode> toolImages = new ArrayList<>();
    for (ContentBlock block : content) {
      switch (block) {
        case ContentBlock.ToolResult result -> toolMessages.add(toolMessage(result, toolImages));
        case ContentBlock.Text text -> user.addText(text.text());
        case ContentBlock.Image image -> user.addImage(image.source().toUrl());
        case ContentBlock.Document document -> user.addText(documentText(document));
        case ContentBlock.ToolUse use -> log.debug("dropping a tool_use block in a user turn");
        case ContentBlock.Thinking thinking -> log.debug("dropping a thinking block in a user turn");
        case ContentBlock.RedactedThinking redacted -> {}
        case ContentBlock.Unknown unknown ->
            log.debug("dropping a {} block the upstream cannot take", unknown.type());
      }
    }
    out.addAll(toolMessages);
    if (!toolImages.isEmpty()) {
      // Most servers accept images only in user messages, so tool-result images move here.
      ChatMessage images = new ChatMessage("user");
      images.parts.addAll(toolImages);
      out.add(images);
    }
    if (!user.isEmpty()) {
      out.add(user);
    }
  }

  private static ChatMessage toolMessage(ContentBlock.ToolResult result, List<ObjectNode> images) {
    StringBuilder text = new StringBuilder();
    for (ContentBlock block : result.content() == null ? List.<ContentBlock>of() : result.content()) {
      String part =
          switch (block) {
            case ContentBlock.Text t -> t.text();
            case ContentBlock.Document d -> documentText(d);
            case ContentBlock.Image image -> {
              images.add(ChatMessage.imagePart(image.source().toUrl()));
              yield null;
            }
            default -> null;
          };
      if (part != null && !part.isEmpty()) {
        if (!text.isEmpty()) {
          text.append('\n');
        }
        text.append(part);
      }
    }
    String content = result.failed() ? "Error: " + text : text.toString();
    return ChatMessage.tool(result.toolUseId(), content);
  }

  private static ChatMessage assistantTurn(List<ContentBlock> content) {
    ChatMessage assistant = new ChatMessage("assistant");
    for (ContentBlock block : content) {
      switch (block) {
        case ContentBlock.Text text -> assistant.addText(text.text());
        case ContentBlock.ToolUse use -> assistant.addToolCall(use.id(), use.name(), use.input());
        case ContentBlock.Thinking thinking -> assistant.addReasoning(thinking.thinking());
        case ContentBlock.RedactedThinking redacted -> {}
        case ContentBlock.Image image -> log.debug("dropping an image in an assistant turn");
        case ContentBlock.Document document -> assistant.addText(documentText(document));
        case ContentBlock.ToolResult result -> log.debug("dropping a tool_result in an assistant turn");
        case ContentBlock.Unknown unknown ->
            log.debug("dropping a {} block the upstream cannot take", unknown.type());
      }
    }
    return assistant;
  }

  private static String documentText(ContentBlock.Document document) {
    String text = document.plainText();
    if (text != null) {
      return document.title() == null ? text : document.title() + "\n\n" + text;
    }
    // The upstream cannot read PDFs or files; say so rather than silently losing the block.
    return "[document" + (document.title() == null ? "" : " \"" + document.title() + "\"")
        + " omitted: this backend accepts only plain-text documents]";
  }

  private static ArrayNode tools(List<Tool> tools) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (Tool tool : tools) {
      if (!tool.isClientTool()) {
        log.debug("dropping server tool {} ({}): an OpenAI upstream cannot run it", tool.name(), tool.type());
        continue;
      }
      ObjectNode function = out.addObject().put("type", "function").putObject("function");
      function.put("name", tool.name());
      if (tool.description() != null) {
        function.put("description", tool.description());
      }
      function.set("parameters", JsonSchemas.sanitise(tool.inputSchema()));
    }
    return out;
  }

  private static JsonNode toolChoice(ToolChoice choice) {
    return switch (choice) {
      case ToolChoice.Auto auto -> Json.MAPPER.getNodeFactory().textNode("auto");
      case ToolChoice.Any any -> Json.MAPPER.getNodeFactory().textNode("required");
      case ToolChoice.None none -> Json.MAPPER.getNodeFactory().textNode("none");
      case ToolChoice.Named named -> {
        ObjectNode node = Json.object().put("type", "function");
        node.putObject("function").put("name", named.name());
        yield node;
      }
    };
  }

  /** {@code reasoning_effort} for a model that can think and a request that wants it, else null. */
  private String reasoningEffort(MessagesRequest request) {
    ThinkingConfig thinking = request.thinking();
    if (!reasoning || thinking == null || !thinking.wantsThinking()) {
      return null;
    }
    String effort = request.outputConfig() == null ? null : request.outputConfig().effort();
    if (effort != null) {
      return switch (effort) {
        case "low", "minimal" -> "low";
        case "medium" -> "medium";
        default -> "high";
      };
    }
    Integer budget = thinking.budgetTokens();
    if (budget == null) {
      return null; // adaptive without effort: let the server's default decide
    }
    return budget <= 4096 ? "low" : budget <= 16384 ? "medium" : "high";
  }

  private static String joinText(List<ContentBlock> content) {
    StringBuilder out = new StringBuilder();
    for (ContentBlock block : content) {
      if (block instanceof ContentBlock.Text text && !text.text().isBlank()) {
        if (!out.isEmpty()) {
          out.append("\n\n");
        }
        out.append(text.text());
      }
    }
    return out.toString();
  }
}
