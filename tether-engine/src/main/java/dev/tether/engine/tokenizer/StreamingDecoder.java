package dev.tether.engine.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decodes generated tokens one at a time. A token can end in the middle of a UTF-8 character (byte
 * tokens, or BPE tokens that split an emoji); such bytes are held back until the character is
 * complete, so every returned string is whole text and concatenating them equals decoding all tokens
 * at once. Not thread-safe: one per generation.
 */
public final class StreamingDecoder {
  private final Tokenizer tokenizer;
  private final boolean renderSpecial;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  StreamingDecoder(Tokenizer tokenizer, boolean renderSpecial) {
    this.tokenizer = tokenizer;
    this.renderSpecial = renderSpecial;
  }

  /** Adds a token and returns the text it completes (possibly empty). */
  public String next(int token) {
    pending.writeBytes(tokenizer.pieceBytes(token, renderSpecial));
    byte[] b = pending.toByteArray();
    int complete = completeLength(b);
    pending.reset();
    pending.write(b, complete, b.length - complete);
    return new String(b, 0, complete, StandardCharsets.UTF_8);
  }

  /** Whether bytes of an unfinished character are held back. */
  public boolean hasPending() {
    return pending.size() > 0;
  }

  /** Returns what is held back, a cut character becoming U+FFFD, and starts afresh. */
  public String finish() {
    String rest = pending.toString(StandardCharsets.UTF_8);
    pending.reset();
    return rest;
  }

  /**
   * The length of the longest prefix that does not end inside a character that may still complete:
   * only a trailing lead byte with fewer continuation bytes than it announces is held back; other
   * invalid bytes are released (and decode as U+FFFD) at once.
   */
  static int completeLength(byte[] b) {
    int n = b.length;
    for (int back = 1; back <= Math.min(3, n); back++) {
      int c = b[n - back] & 0xFF;
      if (c < 0x80) {
        return n; // ASCII: nothing is pending
      }
      if (c >= 0xC0) {
        int need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        return c < 0xF8 && back < need ? n - back : n;
      }
      // a continuation byte: look further back for its lead
    }
    return n;
  }
}
