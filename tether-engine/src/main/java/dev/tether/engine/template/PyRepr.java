package dev.tether.engine.template;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** How Python prints values: {@code str()}, {@code repr()}, type names and float formatting. */
final class PyRepr {
  /** Stands in for the memory addresses Python prints for functions and generators. */
  private static final String ADDRESS = "0x7f0000000000";

  private PyRepr() {}

  /** Python's {@code type(x).__name__}. */
  static String typeName(Value value) {
    return switch (value) {
      case Value.None n -> "NoneType";
      case Value.Undefined u -> "Undefined";
      case Value.Bool b -> "bool";
      case Value.Int i -> "int";
      case Value.Float f -> "float";
      case Value.Str s -> s.markup() ? "Markup" : "str";
      case Value.Seq s -> s.type();
      case Value.Dict d -> "dict";
      case Iter it -> it.type();
      case Namespace ns -> "Namespace";
      case Callable c -> c.type();
      case LoopContext loop -> "LoopContext";
    };
  }

  /** Jinja2's {@code object_type_repr}, used in "has no attribute" messages. */
  static String objectTypeRepr(Value value) {
    return switch (value) {
      case Value.None n -> "None";
      case Value.Str s when s.markup() -> "markupsafe.Markup object";
      case Value.Undefined u -> "jinja2.runtime.Undefined object";
      case Namespace ns -> "jinja2.utils.Namespace object";
      case LoopContext loop -> "jinja2.runtime.LoopContext object";
      case Callable c when c.type().equals(Callable.MACRO) -> "jinja2.runtime.Macro object";
      default -> typeName(value) + " object";
    };
  }

  /** Python's {@code str(x)}, which is what {@code {{ x }}} prints. */
  static String str(Value value) {
    return switch (value) {
      case Value.Str s -> s.value();
      case Value.Undefined u -> "";
      default -> repr(value);
    };
  }

  /** Python's {@code repr(x)}. */
  static String repr(Value value) {
    StringBuilder out = new StringBuilder();
    repr(value, out);
    return out.toString();
  }

  private static void repr(Value value, StringBuilder out) {
    switch (value) {
      case Value.None n -> out.append("None");
      case Value.Undefined u -> out.append("Undefined");
      case Value.Bool b -> out.append(b.value() ? "True" : "False");
      case Value.Int i -> out.append(i.value());
      case Value.Float f -> out.append(floatRepr(f.value()));
      case Value.Str s -> {
        if (s.markup()) {
          out.append("Markup(");
          quote(s.value(), out);
          out.append(')');
        } else {
          quote(s.value(), out);
        }
      }
      case Value.Seq s -> seqRepr(s, out);
      case Value.Dict d -> dictRepr(d.map(), out);
      case Iter it ->
          out.append(it.type().equals("generator") ? "<generator object <genexpr>" : "<" + it.type() + " object")
              .append(" at ").append(ADDRESS).append('>');
      case Namespace ns -> {
        out.append("<Namespace {");
        boolean first = true;
        for (Map.Entry<String, Value> e : ns.attributes().entrySet()) {
          out.append(first ? "" : ", ");
          first = false;
          quote(e.getKey(), out);
          out.append(": ");
          repr(e.getValue(), out);
        }
        out.append("}>");
      }
      case Callable c -> {
        switch (c.type()) {
          case Callable.MACRO -> out.append("<Macro ").append(repr(Value.str(c.name()))).append('>');
          case Callable.METHOD ->
              out.append("<built-in method ").append(c.name()).append(" of ").append(c.owner())
                  .append(" at ").append(ADDRESS).append('>');
          default -> out.append("<function ").append(c.name()).append(" at ").append(ADDRESS).append('>');
        }
      }
      case LoopContext loop -> out.append("<LoopContext ").append(loop.index()).append('/')
          .append(loop.length()).append('>');
    }
  }

  private static void seqRepr(Value.Seq seq, StringBuilder out) {
    List<Value> items = seq.items();
    switch (seq.type()) {
      case Value.Seq.TUPLE -> {
        out.append('(');
        items(items, out);
        out.append(items.size() == 1 ? ",)" : ")");
      }
      case Value.Seq.RANGE -> {
        // range(start, stop[, step]) rebuilt from the items; an empty range prints as range(0, 0).
        long start = items.isEmpty() ? 0 : ((Value.Int) items.getFirst()).value();
        long step = items.size() > 1 ? ((Value.Int) items.get(1)).value() - start : 1;
        long stop = items.isEmpty() ? 0 : ((Value.Int) items.getLast()).value() + step;
        out.append("range(").append(start).append(", ").append(stop);
        out.append(step == 1 ? ")" : ", " + step + ")");
      }
      case Value.Seq.LIST -> {
        out.append('[');
        items(items, out);
        out.append(']');
      }
      default -> {
        out.append(seq.type()).append("([");
        items(items, out);
        out.append("])");
      }
    }
  }

  private static void items(List<Value> items, StringBuilder out) {
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      repr(items.get(i), out);
    }
  }

  private static void dictRepr(Map<Value, Value> map, StringBuilder out) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<Value, Value> e : map.entrySet()) {
      out.append(first ? "" : ", ");
      first = false;
      repr(e.getKey(), out);
      out.append(": ");
      repr(e.getValue(), out);
    }
    out.append('}');
  }

  /** A Python string literal as {@code repr} writes it: single quotes unless only double quotes avoid escaping. */
  static void quote(String s, StringBuilder out) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    out.append(quote);
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == quote || cp == '\\') {
        out.append('\\').appendCodePoint(cp);
      } else if (cp == '\t') {
        out.append("\\t");
      } else if (cp == '\n') {
        out.append("\\n");
      } else if (cp == '\r') {
        out.append("\\r");
      } else if (cp < ' ' || cp == 0x7f) {
        out.append(String.format("\\x%02x", cp));
      } else if (cp < 0x7f || isPrintable(cp)) {
        out.appendCodePoint(cp);
      } else if (cp <= 0xff) {
        out.append(String.format("\\x%02x", cp));
      } else if (cp <= 0xffff) {
        out.append(String.format("\\u%04x", cp));
      } else {
        out.append(String.format("\\U%08x", cp));
      }
    }
    out.append(quote);
  }

  /** Python's {@code str.isprintable} for one character. */
  static boolean isPrintable(int cp) {
    if (cp == ' ') {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
          Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
          Character.SPACE_SEPARATOR -> false;
      default -> true;
    };
  }

  /** A one-digit decimal (the digit, or "10" after a carry) that reads back as {@code abs}, or null. */
  private static String oneDigit(double abs, String digits, int point) {
    int first = digits.charAt(0) - '0';
    String best = null;
    BigDecimal bestDistance = null;
    for (int candidate : new int[] {first, first + 1}) {
      BigDecimal value = BigDecimal.valueOf(candidate).scaleByPowerOfTen(point - 1);
      if (value.doubleValue() == abs) {
        BigDecimal distance = value.subtract(new BigDecimal(abs)).abs();
        if (bestDistance == null || distance.compareTo(bestDistance) < 0) {
          best = Integer.toString(candidate);
          bestDistance = distance;
        }
      }
    }
    return best;
  }

  /**
   * Python's {@code repr(float)}: the shortest digits that read back as the same double, in fixed
   * notation when the exponent is between -5 and 16, otherwise as {@code 1e-05} / {@code 1.5e+16}.
   */
  static String floatRepr(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return 1 / d < 0 ? "-0.0" : "0.0";
    }
    // Since JDK 19, Double.toString gives the shortest decimal that rounds to d, as Python's repr,
    // except that where one digit would do it may give two (4.9E-324 for Python's 5e-324).
    double abs = Math.abs(d);
    BigDecimal exact = new BigDecimal(Double.toString(abs)).stripTrailingZeros();
    String digits = exact.unscaledValue().toString();
    int point = digits.length() - exact.scale(); // value = 0.<digits> * 10^point
    if (digits.length() == 2) {
      String shorter = oneDigit(abs, digits, point);
      if (shorter != null) {
        digits = shorter.substring(0, 1);
        point += shorter.length() - 1;
      }
    }
    StringBuilder out = new StringBuilder(d < 0 ? "-" : "");
    if (point > -4 && point <= 16) {
      if (point <= 0) {
        out.append("0.").repeat('0', -point).append(digits);
      } else if (point >= digits.length()) {
        out.append(digits).repeat('0', point - digits.length()).append(".0");
      } else {
        out.append(digits, 0, point).append('.').append(digits, point, digits.length());
      }
    } else {
      int exponent = point - 1;
      out.append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
      }
      out.append('e').append(exponent < 0 ? '-' : '+');
      int magnitude = Math.abs(exponent);
      out.append(magnitude < 10 ? "0" : "").append(magnitude);
    }
    return out.toString();
  }
}
