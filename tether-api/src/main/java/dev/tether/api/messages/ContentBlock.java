package dev.tether.api.messages;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.api.json.Json;
import dev.tether.api.json.TypeSwitchDeserializer;
import java.util.List;
import java.util.Map;

/** A content block of a message, a system prompt, a tool result or a response. */
@JsonDeserialize(using = ContentBlock.Reader.class)
public sealed interface ContentBlock {

  /** The wire {@code type} of this block. */
  @JsonProperty("type")
  String type();

  @JsonPropertyOrder({"type", "text"})
  @JsonDeserialize(using = JsonDeserializer.None.class)
  record Text(
      String text,
      @JsonProperty("cache_control") JsonNode cacheControl,
      JsonNode citations)
      implements ContentBlock {
    public Text(String text) {
      this(text, null, null);
    }

    @Override
    public String type() {
      return "text";
    }
  }

  @JsonDeserialize(using = JsonDeserializer.None.class)
  record Image(ImageSource source, @JsonProperty("cache_control") JsonNode cacheControl)
      implements ContentBlock {
    @Override
    public String type() {
      return "image";
    }
  }

  @JsonDeserialize(using = JsonDeserializer.None.class)
  record Document(
      JsonNode source,
      String title,
      String context,
      JsonNode citations,
      @JsonProperty("cache_control") JsonNode cacheControl)
      implements ContentBlock {
    @Override
    public String type() {
      return "document";
    }

    /** The document's text when its source is plain text, else null. */
    @JsonIgnore
    public String plainText() {
      if (source != null && "text".equals(source.path("type").asText())) {
        return source.path("data").asText();
      }
      return null;
    }
  }

  @JsonPropertyOrder({"type", "id", "name", "input"})
  @JsonDeserialize(using = JsonDeserializer.None.class)
  record ToolUse(
      String id,
      String name,
      @JsonInclude(JsonInclude.Include.ALWAYS) JsonNode input,
      @JsonProperty("cache_control") JsonNode cacheControl)
      implements ContentBlock {
    public ToolUse(String id, String name, JsonNode input) {
      this(id, name, input, null);
    }

    @Override
    public String type() {
      return "tool_use";
    }
  }

  /** A tool result; {@code content} arrives as a string or a block list and is held as blocks. */
  @JsonPropertyOrder({"type", "tool_use_id", "content", "is_error"})
  @JsonDeserialize(using = JsonDeserializer.None.class)
  record ToolResult(
      @JsonProperty("tool_use_id") String toolUseId,
      @JsonDeserialize(using = ContentList.Reader.class) List<ContentBlock> content,
      @JsonProperty("is_error") Boolean isError,
      @JsonProperty("cache_control") JsonNode cacheControl)
      implements ContentBlock {
    @Override
    public String type() {
      return "tool_result";
    }

    /** Whether the tool reported an error. */
    public boolean failed() {
      return Boolean.TRUE.equals(isError);
    }
  }

  @JsonPropertyOrder({"type", "thinking", "signature"})
  @JsonDeserialize(using = JsonDeserializer.None.class)
  record Thinking(String thinking, String signature) implements ContentBlock {
    @Override
    public String type() {
      return "thinking";
    }
  }

  @JsonDeserialize(using = JsonDeserializer.None.class)
  record RedactedThinking(String data) implements ContentBlock {
    @Override
    public String type() {
      return "redacted_thinking";
    }
  }

  /** A block type this version does not know (server tools, newer betas); kept verbatim. */
  @JsonSerialize(using = com.fasterxml.jackson.databind.JsonSerializer.None.class)
  record Unknown(@JsonValue ObjectNode raw) implements ContentBlock {
    @Override
    public String type() {
      return raw.path("type").asText();
    }
  }

  /** Reads blocks by their {@code type}. */
  final class Reader extends TypeSwitchDeserializer<ContentBlock> {
    public Reader() {
      super(
          ContentBlock.class,
          Map.of(
              "text", Text.class,
              "image", Image.class,
              "document", Document.class,
              "tool_use", ToolUse.class,
              "tool_result", ToolResult.class,
              "thinking", Thinking.class,
              "redacted_thinking", RedactedThinking.class),
          node -> new Unknown(((ObjectNode) node).deepCopy()));
    }
  }

  /** Writes any block, including an unknown one, as its JSON tree. */
  static JsonNode toTree(ContentBlock block) {
    return Json.MAPPER.valueToTree(block);
  }
}
