package dev.tether.engine.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code json.dumps}, which is what Hugging Face registers as the {@code tojson} filter:
 * separators {@code ", "} and {@code ": "} (with an indent, {@code ","} and {@code ": "}), keys in
 * insertion order unless sorted, non-ASCII characters written as they are unless {@code
 * ensure_ascii}, floats as Python's {@code repr}, and a TypeError for anything that is not JSON.
 */
final class PyJson {
  /**
   * How to write.
   *
   * @param ensureAscii escape every character outside printable ASCII
   * @param indent the indent string per level, or {@code null} for one line
   * @param itemSeparator between items
   * @param keySeparator between a key and its value
   * @param sortKeys write object keys in sorted order
   */
  record Options(
      boolean ensureAscii, String indent, String itemSeparator, String keySeparator, boolean sortKeys) {}

  private final Options options;
  private final StringBuilder out = new StringBuilder();
  private int depth;

  private PyJson(Options options) {
    this.options = options;
  }

  /** {@code json.dumps(value, ...)}. */
  static String dumps(Value value, Options options) {
    PyJson writer = new PyJson(options);
    writer.write(value);
    return writer.out.toString();
  }

  private void write(Value value) {
    switch (value) {
      case Value.None n -> out.append("null");
      case Value.Bool b -> out.append(b.value());
      case Value.Int i -> out.append(i.value());
      case Value.Float f -> out.append(number(f.value()));
      case Value.Str s -> string(s.value());
      case Value.Seq s when s.isList() || s.isTuple() -> array(s.items());
      case Value.Dict d -> object(d.map());
      default -> throw TemplateException.typeError(
          "Object of type " + PyRepr.typeName(value) + " is not JSON serializable");
    }
  }

  private static String number(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    return PyRepr.floatRepr(d);
  }

  private void array(List<Value> items) {
    if (items.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    depth++;
    newline();
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.append(options.itemSeparator());
        newline();
      }
      write(items.get(i));
    }
    depth--;
    newline();
    out.append(']');
  }

  private void object(Map<Value, Value> map) {
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    List<Map.Entry<String, Value>> entries = new ArrayList<>();
    for (Map.Entry<Value, Value> e : map.entrySet()) {
      entries.add(Map.entry(key(e.getKey()), e.getValue()));
    }
    if (options.sortKeys()) {
      entries.sort((a, b) -> PyOps.compareCodePoints(a.getKey(), b.getKey()));
    }
    out.append('{');
    depth++;
    newline();
    boolean first = true;
    for (Map.Entry<String, Value> e : entries) {
      if (!first) {
        out.append(options.itemSeparator());
        newline();
      }
      first = false;
      string(e.getKey());
      out.append(options.keySeparator());
      write(e.getValue());
    }
    depth--;
    newline();
    out.append('}');
  }

  private static String key(Value key) {
    return switch (key) {
      case Value.Str s -> s.value();
      case Value.Int i -> Long.toString(i.value());
      case Value.Float f -> number(f.value());
      case Value.Bool b -> Boolean.toString(b.value());
      case Value.None n -> "null";
      default -> throw TemplateException.typeError(
          "keys must be str, int, float, bool or None, not " + PyRepr.typeName(key));
    };
  }

  private void newline() {
    if (options.indent() != null) {
      out.append('\n').repeat(options.indent(), depth);
    }
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
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
          if (c < 0x20 || (options.ensureAscii() && c > 0x7e)) {
            // Python writes lower-case hex, and astral characters as their two surrogates.
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
