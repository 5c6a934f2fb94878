package dev.tether.engine.toolcall;

import dev.tether.engine.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses Gemma's {@code tool_code} contents: Python calls with keyword arguments, {@code
 * get_weather(city="Paris", days=3)}, one after another. Literal values map to JSON: strings,
 * ints, floats, {@code True}/{@code False}/{@code None}, lists, tuples and dicts. A {@code
 * print(…)} wrapper and a {@code default_api.} prefix, which Gemma sometimes writes, are dropped.
 */
final class PythonCallParser {
  private static final int MAX_DEPTH = 64;

  /** Thrown internally on malformed input; cheap because it carries no stack trace. */
  private static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed() {
      super(null, null, false, false);
    }
  }

  private final String text;
  private int pos;
  private int depth;

  private PythonCallParser(String text) {
    this.text = text;
  }

  /** Parses a sequence of calls; empty unless the whole text is well-formed calls. */
  static Optional<List<Segment.ToolCall>> parse(String text) {
    try {
      return Optional.of(new PythonCallParser(text).calls());
    } catch (Malformed e) {
      return Optional.empty();
    }
  }

  private List<Segment.ToolCall> calls() {
    List<Segment.ToolCall> calls = new ArrayList<>();
    skipSpace();
    while (pos < text.length()) {
      calls.add(call());
      skipSpace();
      if (peek() == ';') {
        pos++;
        skipSpace();
      }
    }
    if (calls.isEmpty()) {
      throw new Malformed();
    }
    return calls;
  }

  private Segment.ToolCall call() {
    String name = dottedName();
    boolean printed = name.equals("print") && peekAfterSpace() == '(';
    if (printed) {
      expect('(');
      skipSpace();
      name = dottedName();
    }
    if (name.startsWith("default_api.")) {
      name = name.substring("default_api.".length());
    }
    skipSpace();
    expect('(');
    Map<String, Object> arguments = new LinkedHashMap<>();
    skipSpace();
    while (peek() != ')') {
      String key = identifier();
      skipSpace();
      expect('=');
      skipSpace();
      arguments.put(key, literal());
      skipSpace();
      if (peek() == ',') {
        pos++;
        skipSpace();
      } else if (peek() != ')') {
        throw new Malformed();
      }
    }
    pos++;
    if (printed) {
      skipSpace();
      expect(')');
    }
    return new Segment.ToolCall(name, Json.write(arguments));
  }

  private Object literal() {
    if (++depth > MAX_DEPTH) {
      throw new Malformed();
    }
    char c = peek();
    Object value;
    if (c == '"' || c == '\'') {
      value = string();
    } else if (c == '[') {
      value = sequence('[', ']');
    } else if (c == '(') {
      value = sequence('(', ')');
    } else if (c == '{') {
      value = dict();
    } else if (c == '-' || c == '+' || c == '.' || isDigit(c)) {
      value = number();
    } else {
      value =
          switch (identifier()) {
            case "True", "true" -> Boolean.TRUE;
            case "False", "false" -> Boolean.FALSE;
            case "None", "null" -> null;
            default -> throw new Malformed();
          };
    }
    depth--;
    return value;
  }

  private List<Object> sequence(char open, char close) {
    expect(open);
    List<Object> items = new ArrayList<>();
    skipSpace();
    while (peek() != close) {
      items.add(literal());
      skipSpace();
      if (peek() == ',') {
        pos++;
        skipSpace();
      } else if (peek() != close) {
        throw new Malformed();
      }
    }
    pos++;
    return items;
  }

  private Map<String, Object> dict() {
    expect('{');
    Map<String, Object> map = new LinkedHashMap<>();
    skipSpace();
    while (peek() != '}') {
      Object key = literal();
      if (key instanceof List<?> || key instanceof Map<?, ?>) {
        throw new Malformed();
      }
      skipSpace();
      expect(':');
      skipSpace();
      map.put(String.valueOf(key), literal());
      skipSpace();
      if (peek() == ',') {
        pos++;
        skipSpace();
      } else if (peek() != '}') {
        throw new Malformed();
      }
    }
    pos++;
    return map;
  }

  private BigDecimal number() {
    int begin = pos;
    if (peek() == '-' || peek() == '+') {
      pos++;
    }
    while (isDigit(peek()) || peek() == '_' || peek() == '.') {
      pos++;
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '-' || peek() == '+') {
        pos++;
      }
      while (isDigit(peek())) {
        pos++;
      }
    }
    try {
      return new BigDecimal(text.substring(begin, pos).replace("_", ""));
    } catch (NumberFormatException e) {
      throw new Malformed();
    }
  }

  private String string() {
    char quote = text.charAt(pos);
    boolean triple = text.startsWith(String.valueOf(quote).repeat(3), pos);
    pos += triple ? 3 : 1;
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw new Malformed();
      }
      char c = text.charAt(pos);
      if (c == quote && (!triple || text.startsWith(String.valueOf(quote).repeat(3), pos))) {
        pos += triple ? 3 : 1;
        return out.toString();
      }
      if (c == '\n' && !triple) {
        throw new Malformed();
      }
      pos++;
      if (c == '\\') {
        escape(out);
      } else {
        out.append(c);
      }
    }
  }

  private void escape(StringBuilder out) {
    if (pos >= text.length()) {
      throw new Malformed();
    }
    char c = text.charAt(pos++);
    switch (c) {
      case 'n' -> out.append('\n');
      case 't' -> out.append('\t');
      case 'r' -> out.append('\r');
      case '0' -> out.append('\0');
      case '\n' -> {} // line continuation
      case '\\', '\'', '"' -> out.append(c);
      case 'x' -> out.appendCodePoint(hex(2));
      case 'u' -> out.appendCodePoint(hex(4));
      case 'U' -> out.appendCodePoint(hex(8));
      default -> out.append('\\').append(c); // Python keeps unknown escapes verbatim
    }
  }

  private int hex(int digits) {
    if (pos + digits > text.length()) {
      throw new Malformed();
    }
    try {
      int value = Integer.parseInt(text, pos, pos + digits, 16);
      pos += digits;
      if (!Character.isValidCodePoint(value)) {
        throw new Malformed();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new Malformed();
    }
  }

  private String dottedName() {
    StringBuilder name = new StringBuilder(identifier());
    while (peek() == '.') {
      pos++;
      name.append('.').append(identifier());
    }
    return name.toString();
  }

  private String identifier() {
    int begin = pos;
    if (pos < text.length() && Character.isJavaIdentifierStart(text.charAt(pos))) {
      pos++;
      while (pos < text.length() && Character.isJavaIdentifierPart(text.charAt(pos))) {
        pos++;
      }
    }
    if (pos == begin || text.charAt(begin) == '$') {
      throw new Malformed();
    }
    return text.substring(begin, pos);
  }

  private void expect(char c) {
    if (peek() != c) {
      throw new Malformed();
    }
    pos++;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private char peekAfterSpace() {
    int i = pos;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i < text.length() ? text.charAt(i) : '\0';
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
