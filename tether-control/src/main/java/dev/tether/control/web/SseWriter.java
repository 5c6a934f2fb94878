package dev.tether.control.web;

import dev.tether.control.event.Published;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes Server-Sent Events: {@code id:} (the event's seq, or its position on the all-sessions stream),
 * {@code event:} (its type), one {@code data:} line (the compact JSON envelope), and {@code :} comments
 * as keep-alives. Nothing reaches the client until {@link #flush}.
 */
final class SseWriter {
  private static final byte[] ID = "id: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EVENT = "\nevent: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

  private final OutputStream out;

  SseWriter(OutputStream out) {
    this.out = out;
  }

  void event(long id, Published p) throws IOException {
    out.write(ID);
    out.write(Long.toString(id).getBytes(StandardCharsets.US_ASCII));
    out.write(EVENT);
    out.write(p.event().type().getBytes(StandardCharsets.UTF_8));
    out.write(DATA);
    out.write(p.json());
    out.write(END);
  }

  void comment(String text) throws IOException {
    out.write((": " + text + "\n\n").getBytes(StandardCharsets.UTF_8));
  }

  void retry(long millis) throws IOException {
    out.write(("retry: " + millis + "\n\n").getBytes(StandardCharsets.US_ASCII));
  }

  void flush() throws IOException {
    out.flush();
  }
}
