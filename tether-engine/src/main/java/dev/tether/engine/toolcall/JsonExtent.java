package dev.tether.engine.toolcall;

/**
 * Finds, incrementally, where a JSON object or array that starts at a given input index ends. It
 * only tracks nesting and strings; the caller parses the closed text properly. It gives up early
 * when the text plainly is not a call-shaped JSON value (an object must open with a key, an array
 * with an object), so prose that happens to start with a brace is released quickly.
 */
final class JsonExtent {
  static final int MORE = -1;
  static final int INVALID = -2;

  private final int start;
  private int pos;
  private int depth;
  private boolean inString;
  private boolean escaped;
  private char firstAllowedA;
  private char firstAllowedB;
  private boolean firstPending;

  JsonExtent(int start) {
    this.start = start;
    this.pos = start;
  }

  int start() {
    return start;
  }

  /**
   * Scans the characters that arrived since the last call.
   *
   * @return the index just past the closing bracket, {@link #MORE} or {@link #INVALID}
   */
  int advance(Input in) {
    int length = in.length();
    while (pos < length) {
      char c = in.charAt(pos++);
      if (depth == 0) {
        if (c == '{') {
          firstAllowedA = '"';
          firstAllowedB = '}';
        } else if (c == '[') {
          firstAllowedA = '{';
          firstAllowedB = ']';
        } else {
          return INVALID;
        }
        depth = 1;
        firstPending = true;
        continue;
      }
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      if (firstPending) {
        if (Character.isWhitespace(c)) {
          continue;
        }
        if (c != firstAllowedA && c != firstAllowedB) {
          return INVALID;
        }
        firstPending = false;
      }
      switch (c) {
        case '"' -> inString = true;
        case '{', '[' -> depth++;
        case '}', ']' -> {
          if (--depth == 0) {
            return pos;
          }
        }
        default -> {}
      }
    }
    return MORE;
  }
}
