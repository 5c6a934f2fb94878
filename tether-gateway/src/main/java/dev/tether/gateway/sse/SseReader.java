package dev.tether.gateway.sse;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads server-sent events from a stream, per the WHATWG rules that matter for model servers:
 * {@code event:} and {@code data:} fields (several data lines join with newlines), comments
 * ({@code :…}) ignored, an event dispatched at a blank line or at the end of the stream.
 */
public final class SseReader implements Closeable {
  /** One event; {@code event} is null when the server sent no {@code event:} field. */
  public record Event(String event, String data) {}

  private final BufferedReader reader;

  public SseReader(InputStream in) {
    this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  /** The next event, or null at the end of the stream. */
  public Event next() throws IOException {
    String event = null;
    StringBuilder data = null;
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isEmpty()) {
        if (data != null) {
          return new Event(event, data.toString());
        }
        event = null;
        continue;
      }
      if (line.startsWith(":")) {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "event" -> event = value;
        case "data" -> {
          if (data == null) {
            data = new StringBuilder(value);
          } else {
            data.append('\n').append(value);
          }
        }
        default -> {}
      }
    }
    return data != null ? new Event(event, data.toString()) : null;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
