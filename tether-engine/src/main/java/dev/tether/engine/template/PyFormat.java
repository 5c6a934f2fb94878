package dev.tether.engine.template;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/** Python's printf-style {@code str % args} formatting (the common conversions). */
final class PyFormat {
  private PyFormat() {}

  /** {@code format % args}. */
  static Value percent(Value.Str format, Value args) {
    List<Value> positional = args instanceof Value.Seq s && s.isTuple() ? s.items() : List.of(args);
    Value.Dict mapping = args instanceof Value.Dict d ? d : null;
    String f = format.value();
    StringBuilder out = new StringBuilder();
    int next = 0;
    int i = 0;
    while (i < f.length()) {
      char c = f.charAt(i++);
      if (c != '%') {
        out.append(c);
        continue;
      }
      if (i >= f.length()) {
        throw new TemplateException("ValueError", "incomplete format");
      }
      Value value = null;
      if (f.charAt(i) == '(') {
        int close = f.indexOf(')', i);
        if (close < 0 || mapping == null) {
          throw TemplateException.typeError("format requires a mapping");
        }
        Value key = Value.str(f.substring(i + 1, close));
        value = mapping.get(key);
        if (value == null) {
          throw new TemplateException("KeyError", PyRepr.repr(key));
        }
        i = close + 1;
      }
      StringBuilder flags = new StringBuilder();
      while (i < f.length() && "-+ #0".indexOf(f.charAt(i)) >= 0) {
        flags.append(f.charAt(i++));
      }
      int width = 0;
      while (i < f.length() && Character.isDigit(f.charAt(i))) {
        width = width * 10 + (f.charAt(i++) - '0');
      }
      int precision = -1;
      if (i < f.length() && f.charAt(i) == '.') {
        i++;
        precision = 0;
        while (i < f.length() && Character.isDigit(f.charAt(i))) {
          precision = precision * 10 + (f.charAt(i++) - '0');
        }
      }
      while (i < f.length() && "hlL".indexOf(f.charAt(i)) >= 0) {
        i++;
      }
      if (i >= f.length()) {
        throw new TemplateException("ValueError", "incomplete format");
      }
      char conversion = f.charAt(i++);
      if (conversion == '%') {
        out.append('%');
        continue;
      }
      if (value == null) {
        if (mapping != null) {
          value = mapping;
        } else if (next < positional.size()) {
          value = positional.get(next++);
        } else {
          throw TemplateException.typeError("not enough arguments for format string");
        }
      }
      String text = convert(conversion, value, precision, flags.toString());
      boolean left = flags.indexOf("-") >= 0;
      int pad = width - text.codePointCount(0, text.length());
      if (pad > 0) {
        text = left ? text + " ".repeat(pad) : " ".repeat(pad) + text;
      }
      out.append(text);
    }
    if (mapping == null && next < positional.size()) {
      throw TemplateException.typeError("not all arguments converted during string formatting");
    }
    return new Value.Str(out.toString(), format.markup());
  }

  private static String convert(char conversion, Value value, int precision, String flags) {
    return switch (conversion) {
      case 's' -> precision >= 0 ? cut(PyRepr.str(value), precision) : PyRepr.str(value);
      case 'r', 'a' -> precision >= 0 ? cut(PyRepr.repr(value), precision) : PyRepr.repr(value);
      case 'd', 'i', 'u' -> sign(Long.toString(integer(value, conversion)), flags);
      case 'x' -> Long.toHexString(integer(value, conversion));
      case 'X' -> Long.toHexString(integer(value, conversion)).toUpperCase(Locale.ROOT);
      case 'o' -> Long.toOctalString(integer(value, conversion));
      case 'f', 'F' -> sign(new BigDecimal(real(value, conversion))
          .setScale(precision < 0 ? 6 : precision, RoundingMode.HALF_EVEN).toPlainString(), flags);
      case 'e', 'E', 'g', 'G' -> sign(String.format(Locale.ROOT,
          "%" + (precision < 0 ? "" : "." + precision) + conversion, real(value, conversion)), flags);
      case 'c' -> value instanceof Value.Str s ? s.value() : Character.toString((int) integer(value, 'c'));
      default -> throw new TemplateException("ValueError",
          "unsupported format character '" + conversion + "' (0x" + Integer.toHexString(conversion) + ")");
    };
  }

  private static String cut(String s, int precision) {
    return s.length() <= precision ? s : s.substring(0, precision);
  }

  private static String sign(String digits, String flags) {
    if (digits.startsWith("-")) {
      return digits;
    }
    return flags.contains("+") ? "+" + digits : flags.contains(" ") ? " " + digits : digits;
  }

  private static long integer(Value value, char conversion) {
    if (PyOps.isInteger(value)) {
      return PyOps.asLong(value);
    }
    if (value instanceof Value.Float f) {
      return (long) f.value();
    }
    throw TemplateException.typeError("%" + conversion + " format: a real number is required, not "
        + PyRepr.typeName(value));
  }

  private static double real(Value value, char conversion) {
    if (PyOps.isNumber(value)) {
      return PyOps.asDouble(value);
    }
    throw TemplateException.typeError("must be real number, not " + PyRepr.typeName(value));
  }
}
