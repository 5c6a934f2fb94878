package dev.tether.api.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One entry of {@code GET /v1/models}, in Anthropic shape. */
public record ModelInfo(
    String id,
    @JsonProperty("display_name") String displayName,
    @JsonProperty("created_at") String createdAt) {
  @JsonProperty("type")
  public String type() {
    return "model";
  }
}
