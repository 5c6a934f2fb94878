package dev.tether.api.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An image source: {@code base64} with media type and data, {@code url}, or {@code file}. */
public record ImageSource(
    String type,
    @JsonProperty("media_type") String mediaType,
    String data,
    String url,
    @JsonProperty("file_id") String fileId) {

  public static ImageSource base64(String mediaType, String data) {
    return new ImageSource("base64", mediaType, data, null, null);
  }

  public static ImageSource url(String url) {
    return new ImageSource("url", null, null, url, null);
  }

  /** A data URL ({@code data:image/png;base64,…}) or the plain URL, for backends that take URLs. */
  public String toUrl() {
    if ("base64".equals(type)) {
      return "data:" + mediaType + ";base64," + data;
    }
    return url;
  }
}
