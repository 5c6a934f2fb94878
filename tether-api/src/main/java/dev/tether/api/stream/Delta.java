package dev.tether.api.stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.api.json.TypeSwitchDeserializer;
import java.util.Map;

/** The payload of a {@code content_block_delta}. */
@JsonDeserialize(using = Delta.Reader.class)
public sealed interface Delta {
  @JsonProperty("type")
  String type();

  @JsonPropertyOrder({"type", "text"})
  @JsonDeserialize(using = JsonDeserializer.None.class)
  record TextDelta(String text) implements Delta {
    @Override
    public String type() {
      return "text_delta";
    }
  }

  @JsonPropertyOrder({"type", "partial_json"})
  @JsonDeserialize(using = JsonDeserializer.None.class)
  record InputJsonDelta(@JsonProperty("partial_json") String partialJson) implements Delta {
    @Override
    public String type() {
      return "input_json_delta";
    }
  }

  @JsonPropertyOrder({"type", "thinking"})
  @JsonDeserialize(using = JsonDeserializer.None.class)
  record ThinkingDelta(String thinking) implements Delta {
    @Override
    public String type() {
      return "thinking_delta";
    }
  }

  @JsonPropertyOrder({"type", "signature"})
  @JsonDeserialize(using = JsonDeserializer.None.class)
  record SignatureDelta(String signature) implements Delta {
    @Override
    public String type() {
      return "signature_delta";
    }
  }

  /** A delta type this version does not know (e.g. {@code citations_delta}); kept verbatim. */
  @JsonSerialize(using = com.fasterxml.jackson.databind.JsonSerializer.None.class)
  record Unknown(@JsonValue ObjectNode raw) implements Delta {
    @Override
    public String type() {
      return raw.path("type").asText();
    }
  }

  final class Reader extends TypeSwitchDeserializer<Delta> {
    public Reader() {
      super(
          Delta.class,
          Map.of(
              "text_delta", TextDelta.class,
              "input_json_delta", InputJsonDelta.class,
              "thinking_delta", ThinkingDelta.class,
              "signature_delta", SignatureDelta.class),
          node -> new Unknown(((ObjectNode) node).deepCopy()));
    }
  }
}
