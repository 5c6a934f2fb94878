package dev.tether.api.stream;

import dev.tether.api.json.Json;
import java.nio.charset.StandardCharsets;

/** The SSE wire form of stream events: {@code event: <type>\ndata: <json>\n\n}. */
public final class Sse {
  private Sse() {}

  /** One event as SSE text. */
  public static String format(StreamEvent event) {
    return "event: " + event.type() + "\ndata: " + Json.write(event) + "\n\n";
  }

  /** One event as UTF-8 SSE bytes. */
  public static byte[] bytes(StreamEvent event) {
    return format(event).getBytes(StandardCharsets.UTF_8);
  }
}
