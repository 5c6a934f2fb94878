package dev.tether.engine.tokenizer;

/**
 * GPT-2's byte-level alphabet: each byte is shown as a printable character so that BPE vocabularies
 * are strings. Printable Latin-1 bytes ({@code !}…{@code ~}, {@code ¡}…{@code ¬}, {@code ®}…{@code
 * ÿ}) stand for themselves; the other 68 bytes map, in byte order, to U+0100 onwards (so a space is
 * {@code Ġ} U+0120 and a newline {@code Ċ} U+010A). From GPT-2's {@code bytes_to_unicode}.
 */
public final class ByteLevel {
  private static final char[] BYTE_TO_CHAR = new char[256];
  private static final int[] TOKEN_ORDER = new int[256];
  /** Inverse of BYTE_TO_CHAR over U+0000..U+0143; -1 for characters that stand for no byte. */
  private static final short[] CHAR_TO_BYTE = new short[0x144];

  static {
    int n = 0;
    int next = 0;
    for (int b = 0; b < 256; b++) {
      if (printable(b)) {
        BYTE_TO_CHAR[b] = (char) b;
        TOKEN_ORDER[next++] = b;
      }
    }
    for (int b = 0; b < 256; b++) {
      if (!printable(b)) {
        BYTE_TO_CHAR[b] = (char) (256 + n++);
        TOKEN_ORDER[next++] = b;
      }
    }
    java.util.Arrays.fill(CHAR_TO_BYTE, (short) -1);
    for (int b = 0; b < 256; b++) {
      CHAR_TO_BYTE[BYTE_TO_CHAR[b]] = (short) b;
    }
  }

  private ByteLevel() {}

  /** The character that stands for a byte (0 to 255). */
  public static char charOf(int b) {
    return BYTE_TO_CHAR[b & 0xFF];
  }

  /** The byte a character stands for, or -1 if it stands for none. */
  public static int byteOf(char c) {
    return c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
  }

  /** The byte GPT-2 vocabularies give token id {@code i} (0 to 255): printable bytes first. */
  public static int byteAtTokenIndex(int i) {
    return TOKEN_ORDER[i];
  }

  /** The byte-level string of some UTF-8 bytes. */
  public static String encode(byte[] utf8) {
    char[] out = new char[utf8.length];
    for (int i = 0; i < utf8.length; i++) {
      out[i] = BYTE_TO_CHAR[utf8[i] & 0xFF];
    }
    return new String(out);
  }

  private static boolean printable(int b) {
    return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
  }
}
