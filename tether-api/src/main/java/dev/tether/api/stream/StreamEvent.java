package dev.tether.api.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.api.error.ErrorDetail;
import dev.tether.api.json.TypeSwitchDeserializer;
import dev.tether.api.messages.ContentBlock;
import dev.tether.api.messages.MessageResponse;
import dev.tether.api.messages.StopReason;
import dev.tether.api.messages.Usage;
import java.util.Map;

/** A server-sent event of a streamed message; the SSE event name equals {@link #type()}. */
@JsonDeserialize(using = StreamEvent.Reader.class)
public sealed interface StreamEvent {
  @JsonProperty("type")
  String type();

  @JsonPropertyOrder({"type", "message"})
  @JsonDeserialize(using = JsonDeserializer.None.class)
  record MessageStart(MessageResponse message) implements StreamEvent {
    @Override
    public String type() {
      return "message_start";
    }
  }

  @JsonPropertyOrder({"type", "index", "content_block"})
  @JsonDeserialize(using = JsonDeserializer.None.class)
  record ContentBlockStart(int index, @JsonProperty("content_block") ContentBlock contentBlock)
      implements StreamEvent {
    @Override
    public String type() {
      return "content_block_start";
    }
  }

  @JsonPropertyOrder({"type", "index", "delta"})
  @JsonDeserialize(using = JsonDeserializer.None.class)
  record ContentBlockDelta(int index, Delta delta) implements StreamEvent {
    @Override
    public String type() {
      return "content_block_delta";
    }
  }

  @JsonPropertyOrder({"type", "index"})
  @JsonDeserialize(using = JsonDeserializer.None.class)
  record ContentBlockStop(int index) implements StreamEvent {
    @Override
    public String type() {
      return "content_block_stop";
    }
  }

  /** The stop reason and the cumulative usage, sent once after the last block. */
  @JsonPropertyOrder({"type", "delta", "usage"})
  @JsonDeserialize(using = JsonDeserializer.None.class)
  record MessageDelta(Body delta, Usage usage) implements StreamEvent {
    public MessageDelta(StopReason stopReason, String stopSequence, Usage usage) {
      this(new Body(stopReason, stopSequence), usage);
    }

    @Override
    public String type() {
      return "message_delta";
    }

    @JsonPropertyOrder({"stop_reason", "stop_sequence"})
    public record Body(
        @JsonProperty("stop_reason") @JsonInclude(JsonInclude.Include.ALWAYS) StopReason stopReason,
        @JsonProperty("stop_sequence") @JsonInclude(JsonInclude.Include.ALWAYS)
            String stopSequence) {}
  }

  @JsonDeserialize(using = JsonDeserializer.None.class)
  record MessageStop() implements StreamEvent {
    @Override
    public String type() {
      return "message_stop";
    }
  }

  @JsonDeserialize(using = JsonDeserializer.None.class)
  record Ping() implements StreamEvent {
    @Override
    public String type() {
      return "ping";
    }
  }

  /** A failure after the stream began (HTTP status already 200). */
  @JsonPropertyOrder({"type", "error"})
  @JsonDeserialize(using = JsonDeserializer.None.class)
  record Error(ErrorDetail error) implements StreamEvent {
    @Override
    public String type() {
      return "error";
    }
  }

  /** An event type this version does not know; kept verbatim, ignored by consumers. */
  @JsonSerialize(using = com.fasterxml.jackson.databind.JsonSerializer.None.class)
  record Unknown(@JsonValue ObjectNode raw) implements StreamEvent {
    @Override
    public String type() {
      return raw.path("type").asText();
    }
  }

  final class Reader extends TypeSwitchDeserializer<StreamEvent> {
    public Reader() {
      super(
          StreamEvent.class,
          Map.of(
              "message_start", MessageStart.class,
              "content_block_start", ContentBlockStart.class,
              "content_block_delta", ContentBlockDelta.class,
              "content_block_stop", ContentBlockStop.class,
              "message_delta", MessageDelta.class,
              "message_stop", MessageStop.class,
              "ping", Ping.class,
              "error", Error.class),
          node -> new Unknown(((ObjectNode) node).deepCopy()));
    }
  }
}
