package dev.tether.api.messages;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** A complete assistant message: the non-streaming reply, and the {@code message} of {@code message_start}. */
@JsonPropertyOrder({"id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "usage"})
public record MessageResponse(
    String id,
    String model,
    @JsonInclude(JsonInclude.Include.ALWAYS) List<ContentBlock> content,
    @JsonProperty("stop_reason") @JsonInclude(JsonInclude.Include.ALWAYS) StopReason stopReason,
    @JsonProperty("stop_sequence") @JsonInclude(JsonInclude.Include.ALWAYS) String stopSequence,
    Usage usage) {

  @JsonProperty("type")
  public String type() {
    return "message";
  }

  @JsonProperty("role")
  public String role() {
    return "assistant";
  }

  /** The empty message that opens a stream. */
  public static MessageResponse started(String id, String model, Usage usage) {
    return new MessageResponse(id, model, List.of(), null, null, usage);
  }
}
