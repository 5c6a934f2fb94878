package dev.tether.engine.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Strict recursive-descent parser for RFC 8259 JSON, with a nesting limit. */
final class JsonParser {
  private final String text;
  private final int maxDepth;
  private int pos;
  private int depth;

  JsonParser(String text, int maxDepth) {
    this.text = text;
    this.maxDepth = maxDepth;
  }

  Object parseDocument() {
    skipWhitespace();
    Object value = parseValue();
    skipWhitespace();
    if (pos < text.length()) {
      throw error("Unexpected character '" + text.charAt(pos) + "' after the value");
    }
    return value;
  }

  private Object parseValue() {
    if (pos >= text.length()) {
      throw error("Unexpected end of input, expected a value");
    }
    char c = text.charAt(pos);
    return switch (c) {
      case '{' -> parseObject();
      case '[' -> parseArray();
      case '"' -> parseString();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield parseNumber();
        }
        throw error("Unexpected character '" + c + "', expected a value");
      }
    };
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw error("Invalid literal, expected '" + word + "'");
    }
    pos += word.length();
    return value;
  }

  private Map<String, Object> parseObject() {
    enter();
    pos++; // '{'
    Map<String, Object> map = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      depth--;
      return map;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("Expected a string key");
      }
      String key = parseString();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      map.put(key, parseValue());
      skipWhitespace();
      char c = peek();
      if (c == ',') {
        pos++;
      } else if (c == '}') {
        pos++;
        depth--;
        return map;
      } else {
        throw error("Expected ',' or '}' in object");
      }
    }
  }

  private List<Object> parseArray() {
    enter();
    pos++; // '['
    List<Object> list = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      depth--;
      return list;
    }
    while (true) {
      skipWhitespace();
      list.add(parseValue());
      skipWhitespace();
      char c = peek();
      if (c == ',') {
        pos++;
      } else if (c == ']') {
        pos++;
        depth--;
        return list;
      } else {
        throw error("Expected ',' or ']' in array");
      }
    }
  }

  private void enter() {
    if (++depth > maxDepth) {
      throw error("Nesting deeper than " + maxDepth);
    }
  }

  private String parseString() {
    pos++; // opening quote
    StringBuilder sb = null;
    int runStart = pos;
    while (true) {
      if (pos >= text.length()) {
        throw error("Unterminated string");
      }
      char c = text.charAt(pos);
      if (c == '"') {
        String tail = text.substring(runStart, pos++);
        return sb == null ? tail : sb.append(tail).toString();
      }
      if (c < 0x20) {
        throw error("Unescaped control character in string");
      }
      if (c == '\\') {
        if (sb == null) {
          sb = new StringBuilder();
        }
        sb.append(text, runStart, pos);
        pos++;
        sb.append(escape());
        runStart = pos;
      } else {
        pos++;
      }
    }
  }

  /** Reads the escape after a backslash; surrogate pairs come as two escapes and join naturally. */
  private char escape() {
    if (pos >= text.length()) {
      throw error("Unterminated escape");
    }
    char c = text.charAt(pos++);
    return switch (c) {
      case '"' -> '"';
      case '\\' -> '\\';
      case '/' -> '/';
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'u' -> {
        if (pos + 4 > text.length()) {
          throw error("Truncated \\u escape");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
          int digit = Character.digit(text.charAt(pos), 16);
          if (digit < 0) {
            throw error("Invalid hex digit in \\u escape");
          }
          value = value * 16 + digit;
          pos++;
        }
        yield (char) value;
      }
      default -> {
        pos -= 2; // point at the backslash
        throw error("Invalid escape '\\" + c + "'");
      }
    };
  }

  private BigDecimal parseNumber() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek())) {
      digits();
    } else {
      throw error("Expected a digit");
    }
    if (peek() == '.') {
      pos++;
      if (!isDigit(peek())) {
        throw error("Expected a digit after the decimal point");
      }
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw error("Expected a digit in the exponent");
      }
      digits();
    }
    try {
      return new BigDecimal(text.substring(start, pos));
    } catch (NumberFormatException e) {
      // Grammatically fine but out of BigDecimal's range (an exponent beyond int).
      throw new JsonException("Number out of range", start);
    }
  }

  private void digits() {
    while (isDigit(peek())) {
      pos++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The current character, or NUL at the end (NUL is never valid where peek is used). */
  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("Expected '" + c + "'");
    }
    pos++;
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private JsonException error(String problem) {
    return new JsonException(problem, pos);
  }
}
