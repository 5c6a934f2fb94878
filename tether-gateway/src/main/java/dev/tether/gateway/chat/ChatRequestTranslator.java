package dev.tether.gateway.chat;

import static dev.tether.gateway.chat.ChatJson.field;
import static dev.tether.gateway.chat.ChatJson.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.api.error.ApiException;
import dev.tether.api.json.Json;
import dev.tether.api.messages.MessagesRequest;
import dev.tether.api.messages.OutputConfig;
import dev.tether.api.messages.ThinkingConfig;
import dev.tether.api.messages.Tool;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates an OpenAI {@code POST /v1/chat/completions} body into the Anthropic {@link
 * MessagesRequest} the backends take. Fields with no Anthropic counterpart ({@code logprobs},
 * {@code seed}, {@code presence_penalty}, …) are ignored, as OpenAI-compatible servers commonly do.
 */
public final class ChatRequestTranslator {
  /** {@code max_tokens} when the client sets neither it nor {@code max_completion_tokens}. */
  public static final int DEFAULT_MAX_TOKENS = 4096;

  private ChatRequestTranslator() {}

  /**
   * The Messages request a chat completion body stands for.
   *
   * @throws ApiException an {@code invalid_request_error} naming the offending field
   */
  public static MessagesRequest toMessagesRequest(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw invalid("the request body must be a JSON object");
    }
    String model = ChatJson.requiredText(body, "model", "");
    Integer n = ChatJson.optionalInt(body, "n", "");
    if (n != null && n != 1) {
      throw invalid("n must be 1; several choices per request are not supported");
    }
    ChatMessages.Converted conversation = ChatMessages.convert(field(body, "messages"));
    List<Tool> tools = ChatTools.tools(body);
    ThinkingConfig thinking = null;
    String effort = null;
    String reasoningEffort = ChatJson.optionalText(body, "reasoning_effort", "");
    if (reasoningEffort != null) {
      effort = effort(reasoningEffort);
      thinking = new ThinkingConfig(effort == null ? "disabled" : "adaptive", null);
    }
    JsonNode format = format(body);
    return new MessagesRequest(
        model,
        conversation.messages(),
        conversation.system(),
        maxTokens(body),
        metadata(body),
        stop(body),
        ChatJson.optionalBoolean(body, "stream", ""),
        ChatJson.optionalNumber(body, "temperature", ""),
        ChatJson.optionalNumber(body, "top_p", ""),
        ChatJson.optionalInt(body, "top_k", ""),
        tools,
        ChatTools.toolChoice(body, tools),
        thinking,
        effort == null && format == null ? null : new OutputConfig(effort, format));
  }

  private static int maxTokens(JsonNode body) {
    String name = field(body, "max_completion_tokens") != null ? "max_completion_tokens" : "max_tokens";
    Integer value = ChatJson.optionalInt(body, name, "");
    if (value == null) {
      return DEFAULT_MAX_TOKENS;
    }
    if (value < 1) {
      throw invalid(name + " must be at least 1");
    }
    return value;
  }

  private static List<String> stop(JsonNode body) {
    JsonNode stop = field(body, "stop");
    if (stop == null) {
      return List.of();
    }
    if (stop.isTextual()) {
      return List.of(stop.asText());
    }
    if (!stop.isArray()) {
      throw invalid("stop must be a string or an array of strings");
    }
    List<String> sequences = new ArrayList<>();
    for (JsonNode sequence : stop) {
      if (!sequence.isTextual()) {
        throw invalid("stop must be a string or an array of strings");
      }
      sequences.add(sequence.asText());
    }
    return sequences;
  }

  /** OpenAI's per-end-user {@code user} is what Anthropic's {@code metadata.user_id} is for. */
  private static JsonNode metadata(JsonNode body) {
    String user = ChatJson.optionalText(body, "user", "");
    if (user == null || user.isEmpty()) {
      return null;
    }
    ObjectNode metadata = Json.object();
    metadata.put("user_id", user);
    return metadata;
  }

  /** OpenAI's effort names onto Anthropic's (low|medium|high|max); null for {@code none}. */
  private static String effort(String reasoningEffort) {
    return switch (reasoningEffort) {
      case "none" -> null;
      case "minimal", "low" -> "low";
      case "medium" -> "medium";
      case "high" -> "high";
      case "xhigh" -> "max";
      default -> throw invalid("reasoning_effort must be one of none, minimal, low, medium, high,"
          + " xhigh; got \"" + reasoningEffort + "\"");
    };
  }

  /** {@code response_format} as an {@code output_config.format}; null for plain text. */
  private static JsonNode format(JsonNode body) {
    JsonNode responseFormat = field(body, "response_format");
    if (responseFormat == null) {
      return null;
    }
    if (!responseFormat.isObject()) {
      throw invalid("response_format must be an object");
    }
    String type = ChatJson.requiredText(responseFormat, "type", "response_format");
    ObjectNode format = Json.object();
    format.put("type", "json_schema");
    switch (type) {
      case "text" -> {
        return null;
      }
      case "json_object" -> format.putObject("schema").put("type", "object");
      case "json_schema" -> {
        JsonNode jsonSchema = field(responseFormat, "json_schema");
        JsonNode schema = jsonSchema == null ? null : field(jsonSchema, "schema");
        if (schema == null || !schema.isObject()) {
          throw invalid("response_format.json_schema.schema is required and must be an object");
        }
        format.set("schema", schema);
      }
      default -> throw invalid("response_format.type must be text, json_object or json_schema; got \""
          + type + "\"");
    }
    return format;
  }
}
