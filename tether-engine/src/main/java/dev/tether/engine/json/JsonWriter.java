package dev.tether.engine.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/** Compact JSON output. */
final class JsonWriter {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonWriter() {}

  static void write(Object value, StringBuilder out) {
    switch (value) {
      case null -> out.append("null");
      case Boolean b -> out.append(b.booleanValue());
      case CharSequence s -> writeString(s.toString(), out);
      case Number n -> writeNumber(n, out);
      case Map<?, ?> map -> writeObject(map, out);
      case Iterable<?> items -> writeArray(items, out);
      case Object[] items -> writeArray(java.util.Arrays.asList(items), out);
      default ->
          throw new IllegalArgumentException(
              "cannot write " + value.getClass().getName() + " as JSON");
    }
  }

  private static void writeNumber(Number n, StringBuilder out) {
    switch (n) {
      case BigDecimal d -> out.append(d);
      case BigInteger i -> out.append(i);
      case Integer _, Long _, Short _, Byte _ -> out.append(n.longValue());
      default -> {
        double d = n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          throw new IllegalArgumentException("JSON has no representation for " + d);
        }
        // Double.toString gives "1.0E10" style, which is valid JSON; integral values keep ".0".
        out.append(d);
      }
    }
  }

  private static void writeObject(Map<?, ?> map, StringBuilder out) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      writeString(String.valueOf(e.getKey()), out);
      out.append(':');
      write(e.getValue(), out);
    }
    out.append('}');
  }

  private static void writeArray(Iterable<?> items, StringBuilder out) {
    out.append('[');
    boolean first = true;
    for (Object item : items) {
      if (!first) {
        out.append(',');
      }
      first = false;
      write(item, out);
    }
    out.append(']');
  }

  static void writeString(String s, StringBuilder out) {
    out.append('"');
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            // Control characters must be escaped; the line separators break JavaScript readers.
            unicodeEscape(c, out);
          } else if (Character.isHighSurrogate(c)
              && i + 1 < n
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            // A lone surrogate cannot be encoded as UTF-8; the escape keeps the output valid.
            unicodeEscape(c, out);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static void unicodeEscape(char c, StringBuilder out) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xF])
        .append(HEX[(c >> 8) & 0xF])
        .append(HEX[(c >> 4) & 0xF])
        .append(HEX[c & 0xF]);
  }
}
