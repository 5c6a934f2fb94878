package dev.tether.api.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An image source: {@code base64} with media type and data, or {@code url}. */
public record ImageSource(
    String type, @JsonProperty("media_type") String mediaType, String data, String url) {

  /** A data URL ({@code data:image/png;base64,…}) or the plain URL, for backends that take URLs. */
  public String toUrl() {
    if ("base64".equals(type)) {
      return "data:" + mediaType + ";base64," + data;
    }
    return url;
  }
}
