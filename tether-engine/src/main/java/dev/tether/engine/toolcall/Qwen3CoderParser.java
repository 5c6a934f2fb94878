package dev.tether.engine.toolcall;

import dev.tether.engine.json.Json;
import dev.tether.engine.json.JsonException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses Qwen3-Coder's XML-ish calls: one or more {@code <function=NAME><parameter=P>value
 * </parameter>…</function>}. A missing closing tag at the very end is tolerated, because a call
 * cut off by the end of the output is still usable when every parameter arrived.
 */
final class Qwen3CoderParser {
  static final String FUNCTION_OPEN = "<function=";
  static final String FUNCTION_CLOSE = "</function>";
  private static final String PARAMETER_OPEN = "<parameter=";
  private static final String PARAMETER_CLOSE = "</parameter>";

  private final String text;
  private int pos;

  private Qwen3CoderParser(String text) {
    this.text = text;
  }

  /** Parses the calls in {@code text}; empty unless the whole text is well-formed calls. */
  static Optional<List<Segment.ToolCall>> parse(String text) {
    return new Qwen3CoderParser(text).calls();
  }

  private Optional<List<Segment.ToolCall>> calls() {
    List<Segment.ToolCall> calls = new ArrayList<>();
    while (true) {
      skipWhitespace();
      if (pos == text.length()) {
        return calls.isEmpty() ? Optional.empty() : Optional.of(calls);
      }
      Segment.ToolCall call = function();
      if (call == null) {
        return Optional.empty();
      }
      calls.add(call);
    }
  }

  private Segment.ToolCall function() {
    String name = tagName(FUNCTION_OPEN);
    if (name == null) {
      return null;
    }
    Map<String, Object> arguments = new LinkedHashMap<>();
    while (true) {
      skipWhitespace();
      if (pos == text.length() || text.startsWith(FUNCTION_CLOSE, pos)) {
        pos = Math.min(text.length(), pos + FUNCTION_CLOSE.length());
        return new Segment.ToolCall(name, Json.write(arguments));
      }
      String parameter = tagName(PARAMETER_OPEN);
      if (parameter == null) {
        return null;
      }
      int end = text.indexOf(PARAMETER_CLOSE, pos);
      int next;
      if (end >= 0) {
        next = end + PARAMETER_CLOSE.length();
      } else {
        // Unclosed last parameter: it runs to </function> or to the end of the text.
        end = text.indexOf(FUNCTION_CLOSE, pos);
        end = end < 0 ? text.length() : end;
        next = end;
      }
      arguments.put(parameter, value(text.substring(pos, end)));
      pos = next;
    }
  }

  /** Reads {@code <prefix>NAME>} and returns NAME, or null if not there. */
  private String tagName(String prefix) {
    if (!text.startsWith(prefix, pos)) {
      return null;
    }
    int close = text.indexOf('>', pos + prefix.length());
    if (close < 0) {
      return null;
    }
    String name = text.substring(pos + prefix.length(), close).strip();
    if (name.isEmpty() || name.indexOf('<') >= 0 || name.indexOf('\n') >= 0) {
      return null;
    }
    pos = close + 1;
    return name;
  }

  /**
   * The template puts the value on its own lines, so one newline on each side is framing. JSON
   * scalars and structures keep their type; everything else (JSON strings included, since their
   * quotes are likely part of the intended text) is a plain string.
   */
  static Object value(String raw) {
    String value = raw;
    if (value.startsWith("\r\n")) {
      value = value.substring(2);
    } else if (value.startsWith("\n")) {
      value = value.substring(1);
    }
    if (value.endsWith("\r\n")) {
      value = value.substring(0, value.length() - 2);
    } else if (value.endsWith("\n")) {
      value = value.substring(0, value.length() - 1);
    }
    if (value.isBlank()) {
      return value;
    }
    try {
      Object parsed = Json.parse(value);
      return parsed instanceof String ? value : parsed;
    } catch (JsonException e) {
      return value;
    }
  }

  private void skipWhitespace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }
}
