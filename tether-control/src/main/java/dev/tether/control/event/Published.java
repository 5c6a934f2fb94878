package dev.tether.control.event;

import dev.tether.control.ControlJson;
import java.nio.charset.StandardCharsets;

/**
 * A committed event on its way to subscribers, with its JSON text rendered at most once however many
 * streams send it.
 */
public final class Published {
  /** Put in a closed subscription's queue to wake whoever waits on it. */
  static final Published CLOSED = new Published(null);

  private final Event event;
  private volatile byte[] json;

  Published(Event event) {
    this.event = event;
  }

  /** A published form of a stored event (for replays). */
  public static Published of(Event event) {
    return new Published(event);
  }

  public Event event() {
    return event;
  }

  /** The envelope as UTF-8 JSON (rendered on first use). */
  public byte[] json() {
    byte[] bytes = json;
    if (bytes == null) {
      bytes = ControlJson.write(event).getBytes(StandardCharsets.UTF_8);
      json = bytes;
    }
    return bytes;
  }
}
