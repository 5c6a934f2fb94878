package dev.tether.api.messages;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;

/**
 * A {@code POST /v1/messages} (or {@code count_tokens}) body. Fields this version does not model
 * ({@code context_management}, {@code service_tier}, {@code container}, …) are tolerated and ignored;
 * the pass-through backend forwards the original JSON instead.
 */
public record MessagesRequest(
    String model,
    List<Message> messages,
    @JsonDeserialize(using = ContentList.TextReader.class) List<ContentBlock.Text> system,
    @JsonProperty("max_tokens") Integer maxTokens,
    JsonNode metadata,
    @JsonProperty("stop_sequences") List<String> stopSequences,
    Boolean stream,
    Double temperature,
    @JsonProperty("top_p") Double topP,
    @JsonProperty("top_k") Integer topK,
    List<Tool> tools,
    @JsonProperty("tool_choice") ToolChoice toolChoice,
    ThinkingConfig thinking,
    @JsonProperty("output_config") OutputConfig outputConfig) {

  public MessagesRequest {
    messages = messages == null ? List.of() : List.copyOf(messages);
    system = system == null ? List.of() : List.copyOf(system);
    stopSequences = stopSequences == null ? List.of() : List.copyOf(stopSequences);
    tools = tools == null ? List.of() : List.copyOf(tools);
  }

  /** Whether the caller asked for a stream. */
  public boolean streaming() {
    return Boolean.TRUE.equals(stream);
  }

  /** The system prompt as one string, blocks joined by blank lines. */
  public String systemText() {
    StringBuilder out = new StringBuilder();
    for (ContentBlock.Text block : system) {
      if (!out.isEmpty()) {
        out.append("\n\n");
      }
      out.append(block.text());
    }
    return out.toString();
  }

  /** The same request with other messages. */
  public MessagesRequest withMessages(List<Message> newMessages) {
    return new MessagesRequest(model, newMessages, system, maxTokens, metadata, stopSequences,
        stream, temperature, topP, topK, tools, toolChoice, thinking, outputConfig);
  }

  /** The same request with another system prompt. */
  public MessagesRequest withSystem(List<ContentBlock.Text> newSystem) {
    return new MessagesRequest(model, messages, newSystem, maxTokens, metadata, stopSequences,
        stream, temperature, topP, topK, tools, toolChoice, thinking, outputConfig);
  }

  /** The same request with other tools. */
  public MessagesRequest withTools(List<Tool> newTools) {
    return new MessagesRequest(model, messages, system, maxTokens, metadata, stopSequences,
        stream, temperature, topP, topK, newTools, toolChoice, thinking, outputConfig);
  }

  /** The same request with another tool choice. */
  public MessagesRequest withToolChoice(ToolChoice newToolChoice) {
    return new MessagesRequest(model, messages, system, maxTokens, metadata, stopSequences,
        stream, temperature, topP, topK, tools, newToolChoice, thinking, outputConfig);
  }

  /** The same request with another {@code max_tokens}. */
  public MessagesRequest withMaxTokens(Integer newMaxTokens) {
    return new MessagesRequest(model, messages, system, newMaxTokens, metadata, stopSequences,
        stream, temperature, topP, topK, tools, toolChoice, thinking, outputConfig);
  }

  /** The same request with another thinking setting (null drops it). */
  public MessagesRequest withThinking(ThinkingConfig newThinking) {
    return new MessagesRequest(model, messages, system, maxTokens, metadata, stopSequences,
        stream, temperature, topP, topK, tools, toolChoice, newThinking, outputConfig);
  }

  /** The same request for another model name. */
  public MessagesRequest withModel(String newModel) {
    return new MessagesRequest(newModel, messages, system, maxTokens, metadata, stopSequences,
        stream, temperature, topP, topK, tools, toolChoice, thinking, outputConfig);
  }
}
