package dev.tether.engine.template;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Python's {@code str.format} as Jinja2's sandbox allows it: {@code {}}, {@code {0}}, {@code
 * {name}}, attribute and item access through the sandbox, {@code !r}/{@code !s}, and the format
 * specs {@code s}, {@code d} and {@code .Nf}. Other format specs are refused with a ValueError.
 */
final class StrFormat {
  private StrFormat() {}

  static String format(String template, Callable.Arguments arguments) {
    StringBuilder out = new StringBuilder();
    int auto = 0;
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '}' ) {
        if (i + 1 < template.length() && template.charAt(i + 1) == '}') {
          out.append('}');
          i += 2;
          continue;
        }
        throw new TemplateException("ValueError", "Single '}' encountered in format string");
      }
      if (c != '{') {
        out.append(c);
        i++;
        continue;
      }
      if (i + 1 < template.length() && template.charAt(i + 1) == '{') {
        out.append('{');
        i += 2;
        continue;
      }
      int close = template.indexOf('}', i);
      if (close < 0) {
        throw new TemplateException("ValueError", "Single '{' encountered in format string");
      }
      String field = template.substring(i + 1, close);
      i = close + 1;
      String spec = "";
      int colon = field.indexOf(':');
      if (colon >= 0) {
        spec = field.substring(colon + 1);
        field = field.substring(0, colon);
      }
      char conversion = 0;
      int bang = field.indexOf('!');
      if (bang >= 0) {
        conversion = field.length() > bang + 1 ? field.charAt(bang + 1) : 0;
        field = field.substring(0, bang);
      }
      int end = 0;
      while (end < field.length() && field.charAt(end) != '.' && field.charAt(end) != '[') {
        end++;
      }
      String head = field.substring(0, end);
      Value value;
      if (head.isEmpty()) {
        value = positional(arguments, auto++);
      } else if (head.chars().allMatch(Character::isDigit)) {
        value = positional(arguments, Integer.parseInt(head));
      } else {
        value = arguments.keywords().get(head);
        if (value == null) {
          throw new TemplateException("KeyError", PyRepr.repr(Value.str(head)));
        }
      }
      value = access(value, field.substring(end));
      String text = conversion == 'r' ? PyRepr.repr(value) : PyRepr.str(value);
      out.append(applySpec(spec, value, text));
    }
    return out.toString();
  }

  private static Value positional(Callable.Arguments arguments, int index) {
    if (index >= arguments.positional().size()) {
      throw new TemplateException("IndexError", "Replacement index " + index + " out of range for positional args tuple");
    }
    return arguments.positional().get(index);
  }

  private static Value access(Value value, String rest) {
    int i = 0;
    while (i < rest.length()) {
      if (rest.charAt(i) == '.') {
        int end = i + 1;
        while (end < rest.length() && rest.charAt(end) != '.' && rest.charAt(end) != '[') {
          end++;
        }
        value = Attributes.getattr(value, rest.substring(i + 1, end));
        i = end;
      } else {
        int close = rest.indexOf(']', i);
        String key = rest.substring(i + 1, close < 0 ? rest.length() : close);
        value = Attributes.getitem(value, key.chars().allMatch(Character::isDigit) && !key.isEmpty()
            ? Value.integer(Long.parseLong(key)) : Value.str(key));
        i = close < 0 ? rest.length() : close + 1;
      }
    }
    return value;
  }

  private static String applySpec(String spec, Value value, String text) {
    if (spec.isEmpty() || spec.equals("s")) {
      return text;
    }
    if (spec.equals("d") && PyOps.isInteger(value)) {
      return Long.toString(PyOps.asLong(value));
    }
    if (spec.matches("\\.\\d+f") && PyOps.isNumber(value)) {
      int digits = Integer.parseInt(spec.substring(1, spec.length() - 1));
      return new BigDecimal(PyOps.asDouble(value)).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    }
    throw new TemplateException("ValueError", "format spec '" + spec + "' is not supported by this renderer");
  }
}
