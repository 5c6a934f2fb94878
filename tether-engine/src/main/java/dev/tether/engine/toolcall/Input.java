package dev.tether.engine.toolcall;

/**
 * The not-yet-consumed model output. Indexes are relative to the first unconsumed character.
 * Consuming only moves an offset; the buffer is compacted once the dead prefix dominates, so
 * consuming in many small steps stays linear.
 */
final class Input {
  private final StringBuilder buffer = new StringBuilder();
  private int start;

  void append(String chunk) {
    buffer.append(chunk);
  }

  int length() {
    return buffer.length() - start;
  }

  char charAt(int index) {
    return buffer.charAt(start + index);
  }

  boolean startsWith(String text, int at) {
    int from = start + at;
    if (from < start || from + text.length() > buffer.length()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (buffer.charAt(from + i) != text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** True if the input from {@code at} to the end is a proper prefix of {@code text}. */
  boolean endsWithPrefixOf(String text, int at) {
    int rest = length() - at;
    if (rest >= text.length()) {
      return false;
    }
    for (int i = 0; i < rest; i++) {
      if (charAt(at + i) != text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Index of {@code text} at or after {@code from}, or -1. */
  int indexOf(String text, int from) {
    int found = buffer.indexOf(text, start + Math.max(0, from));
    return found < 0 ? -1 : found - start;
  }

  /** Index of the first non-whitespace character at or after {@code from}, or {@link #length()}. */
  int skipWhitespace(int from) {
    int i = from;
    while (i < length() && Character.isWhitespace(charAt(i))) {
      i++;
    }
    return i;
  }

  String substring(int from, int to) {
    return buffer.substring(start + from, start + to);
  }

  /** Removes and returns the first {@code count} characters. */
  String take(int count) {
    String taken = buffer.substring(start, start + count);
    skip(count);
    return taken;
  }

  void skip(int count) {
    start += count;
    if (start > 4096 && start > buffer.length() / 2) {
      buffer.delete(0, start);
      start = 0;
    }
  }
}
