package dev.tether.api.error;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** An error body: {@code {"type":"error","error":{…},"request_id":…}}. */
@JsonPropertyOrder({"type", "error", "request_id"})
public record ErrorResponse(ErrorDetail error, @JsonProperty("request_id") String requestId) {
  @JsonProperty("type")
  public String type() {
    return "error";
  }
}
