package dev.tether.engine.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Python's arithmetic operators on template values, with Python's results and error messages. */
final class PyMath {
  private PyMath() {}

  /** Applies a binary operator: one of {@code + - * / // % **}. */
  static Value binary(String op, Value a, Value b) {
    if (a instanceof Value.Undefined u) {
      throw u.error();
    }
    if (b instanceof Value.Undefined u) {
      throw u.error();
    }
    return switch (op) {
      case "+" -> add(a, b);
      case "-" -> numeric(op, a, b);
      case "*" -> multiply(a, b);
      case "/" -> divide(a, b);
      case "//" -> floorDivide(a, b);
      case "%" -> a instanceof Value.Str s ? PyFormat.percent(s, b) : modulo(a, b);
      case "**" -> power(a, b);
      default -> throw new IllegalArgumentException("unknown operator " + op);
    };
  }

  /** Python's {@code a + b}: numbers, str (Markup escapes the other side), list and tuple concatenation. */
  static Value add(Value a, Value b) {
    if (PyOps.isNumber(a) && PyOps.isNumber(b)) {
      return numeric("+", a, b);
    }
    if (a instanceof Value.Str s && b instanceof Value.Str t) {
      if (s.markup() || t.markup()) {
        String left = s.markup() ? s.value() : PyOps.escape(s.value());
        String right = t.markup() ? t.value() : PyOps.escape(t.value());
        return new Value.Str(left + right, true);
      }
      return Value.str(s.value() + t.value());
    }
    if (a instanceof Value.Seq s && b instanceof Value.Seq t && s.type().equals(t.type())
        && (s.isList() || s.isTuple())) {
      List<Value> items = new ArrayList<>(s.items());
      items.addAll(t.items());
      return new Value.Seq(items, s.type());
    }
    if ((a instanceof Value.Str s && !s.markup()) || (a instanceof Value.Seq q && (q.isList() || q.isTuple()))) {
      String type = PyRepr.typeName(a);
      throw TemplateException.typeError("can only concatenate " + type + " (not \"" + PyRepr.typeName(b)
          + "\") to " + type);
    }
    throw unsupported("+", a, b);
  }

  private static Value numeric(String op, Value a, Value b) {
    if (!PyOps.isNumber(a) || !PyOps.isNumber(b)) {
      throw unsupported(op, a, b);
    }
    if (PyOps.isInteger(a) && PyOps.isInteger(b)) {
      long x = PyOps.asLong(a);
      long y = PyOps.asLong(b);
      try {
        return Value.integer(switch (op) {
          case "+" -> Math.addExact(x, y);
          case "-" -> Math.subtractExact(x, y);
          default -> Math.multiplyExact(x, y);
        });
      } catch (ArithmeticException e) {
        throw new TemplateException("OverflowError", "integer result too large for this renderer");
      }
    }
    double x = PyOps.asDouble(a);
    double y = PyOps.asDouble(b);
    return new Value.Float(switch (op) {
      case "+" -> x + y;
      case "-" -> x - y;
      default -> x * y;
    });
  }

  private static Value multiply(Value a, Value b) {
    if (PyOps.isNumber(a) && PyOps.isNumber(b)) {
      return numeric("*", a, b);
    }
    if (PyOps.isInteger(a) && !PyOps.isNumber(b)) {
      return multiply(b, a);
    }
    boolean sequence = a instanceof Value.Str || (a instanceof Value.Seq s && (s.isList() || s.isTuple()));
    if (sequence && PyOps.isInteger(b)) {
      int times = (int) Math.max(0, Math.min(PyOps.asLong(b), Integer.MAX_VALUE));
      if (a instanceof Value.Str s) {
        if ((long) s.value().length() * times > Interpreter.MAX_OUTPUT_CHARS) {
          throw new TemplateException("MemoryError", "");
        }
        return new Value.Str(s.value().repeat(times), s.markup());
      }
      Value.Seq s = (Value.Seq) a;
      if ((long) s.items().size() * times > Interpreter.MAX_OUTPUT_CHARS) {
        throw new TemplateException("MemoryError", "");
      }
      List<Value> items = new ArrayList<>();
      for (int i = 0; i < times; i++) {
        items.addAll(s.items());
      }
      return new Value.Seq(items, s.type());
    }
    if (sequence) {
      throw TemplateException.typeError(
          "can't multiply sequence by non-int of type '" + PyRepr.typeName(b) + "'");
    }
    throw unsupported("*", a, b);
  }

  private static Value divide(Value a, Value b) {
    if (!PyOps.isNumber(a) || !PyOps.isNumber(b)) {
      throw unsupported("/", a, b);
    }
    double y = PyOps.asDouble(b);
    if (y == 0) {
      throw new TemplateException("ZeroDivisionError",
          a instanceof Value.Float || b instanceof Value.Float ? "float division by zero" : "division by zero");
    }
    return new Value.Float(PyOps.asDouble(a) / y);
  }

  private static Value floorDivide(Value a, Value b) {
    if (!PyOps.isNumber(a) || !PyOps.isNumber(b)) {
      throw unsupported("//", a, b);
    }
    if (PyOps.isInteger(a) && PyOps.isInteger(b)) {
      long y = PyOps.asLong(b);
      if (y == 0) {
        throw new TemplateException("ZeroDivisionError", "integer division or modulo by zero");
      }
      return Value.integer(Math.floorDiv(PyOps.asLong(a), y));
    }
    double y = PyOps.asDouble(b);
    if (y == 0) {
      throw new TemplateException("ZeroDivisionError", "float floor division by zero");
    }
    return new Value.Float(Math.floor(PyOps.asDouble(a) / y));
  }

  private static Value modulo(Value a, Value b) {
    if (!PyOps.isNumber(a) || !PyOps.isNumber(b)) {
      throw unsupported("%", a, b);
    }
    if (PyOps.isInteger(a) && PyOps.isInteger(b)) {
      long y = PyOps.asLong(b);
      if (y == 0) {
        throw new TemplateException("ZeroDivisionError", "integer division or modulo by zero");
      }
      return Value.integer(Math.floorMod(PyOps.asLong(a), y));
    }
    double x = PyOps.asDouble(a);
    double y = PyOps.asDouble(b);
    if (y == 0) {
      throw new TemplateException("ZeroDivisionError", "float modulo");
    }
    double r = x % y;
    if (r != 0 && (r < 0) != (y < 0)) {
      r += y;
    }
    return new Value.Float(r);
  }

  private static Value power(Value a, Value b) {
    if (!PyOps.isNumber(a) || !PyOps.isNumber(b)) {
      throw unsupported("**", a, b);
    }
    if (PyOps.isInteger(a) && PyOps.isInteger(b) && PyOps.asLong(b) >= 0) {
      long base = PyOps.asLong(a);
      long result = 1;
      try {
        for (long e = PyOps.asLong(b); e > 0; e--) {
          result = Math.multiplyExact(result, base);
          if (result == 0 || result == 1) {
            break;
          }
        }
      } catch (ArithmeticException e) {
        throw new TemplateException("OverflowError", "integer result too large for this renderer");
      }
      return Value.integer(result);
    }
    return new Value.Float(Math.pow(PyOps.asDouble(a), PyOps.asDouble(b)));
  }

  /** Python's unary {@code -x} (negate) or {@code +x}. */
  static Value unary(String op, Value a) {
    if (a instanceof Value.Undefined u) {
      throw u.error();
    }
    boolean negate = op.equals("-");
    return switch (a) {
      case Value.Int i -> Value.integer(negate ? -i.value() : i.value());
      case Value.Bool b -> Value.integer(negate ? -PyOps.asLong(b) : PyOps.asLong(b));
      case Value.Float f -> new Value.Float(negate ? -f.value() : f.value());
      default -> throw TemplateException.typeError(
          "bad operand type for unary " + op + ": '" + PyRepr.typeName(a) + "'");
    };
  }

  private static TemplateException unsupported(String op, Value a, Value b) {
    return TemplateException.typeError("unsupported operand type(s) for " + op + ": '"
        + PyRepr.typeName(a) + "' and '" + PyRepr.typeName(b) + "'");
  }

  /** Python's {@code reversed(list)} as a list. */
  static List<Value> reversed(List<Value> items) {
    List<Value> copy = new ArrayList<>(items);
    Collections.reverse(copy);
    return copy;
  }
}
