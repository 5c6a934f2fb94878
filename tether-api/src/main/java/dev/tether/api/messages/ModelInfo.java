package dev.tether.api.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of {@code GET /v1/models}, in Anthropic shape.
 *
 * @param maxInputTokens the model's context window in tokens, when known (null: omitted); clients
 *     that do not know the field ignore it
 */
public record ModelInfo(
    String id,
    @JsonProperty("display_name") String displayName,
    @JsonProperty("created_at") String createdAt,
    @JsonProperty("max_input_tokens") Integer maxInputTokens) {

  /** An entry whose context window is not known. */
  public ModelInfo(String id, String displayName, String createdAt) {
    this(id, displayName, createdAt, null);
  }

  @JsonProperty("type")
  public String type() {
    return "model";
  }
}
