package dev.tether.engine.template;

import java.util.Set;

/** Jinja2's built-in tests ({@code x is defined}, {@code x is string}, {@code x is equalto y}, …). */
final class Tests {
  private static final Set<String> NAMES = Set.of("odd", "even", "divisibleby", "defined", "undefined", "filter",
      "test", "none", "boolean", "false", "true", "integer", "float", "lower", "upper", "string", "mapping",
      "number", "sequence", "iterable", "callable", "sameas", "escaped", "in", "==", "eq", "equalto", "!=", "ne",
      ">", "gt", "greaterthan", ">=", "ge", "<", "lt", "lessthan", "<=", "le");

  private Tests() {}

  /** Whether a test of this name exists. */
  static boolean exists(String name) {
    return NAMES.contains(name);
  }

  /** Runs the test {@code name} on {@code value}. */
  static boolean apply(String name, Value value, Callable.Arguments args, Evaluator evaluator) {
    return switch (name) {
      case "defined" -> none(args, name) && !(value instanceof Value.Undefined);
      case "undefined" -> none(args, name) && value instanceof Value.Undefined;
      case "none" -> none(args, name) && value instanceof Value.None;
      case "boolean" -> none(args, name) && value instanceof Value.Bool;
      case "true" -> none(args, name) && value instanceof Value.Bool b && b.value();
      case "false" -> none(args, name) && value instanceof Value.Bool b && !b.value();
      case "integer" -> none(args, name) && value instanceof Value.Int;
      case "float" -> none(args, name) && value instanceof Value.Float;
      case "number" -> none(args, name) && PyOps.isNumber(value);
      case "string" -> none(args, name) && value instanceof Value.Str;
      case "mapping" -> none(args, name) && value instanceof Value.Dict;
      case "escaped" -> none(args, name) && value instanceof Value.Str s && s.markup();
      case "lower" -> none(args, name) && PyStrings.is("islower", PyRepr.str(value));
      case "upper" -> none(args, name) && PyStrings.is("isupper", PyRepr.str(value));
      case "callable" -> none(args, name) && (value instanceof Callable || value instanceof Value.Undefined
          || value instanceof LoopContext);
      // iter(x) works; Jinja2's Undefined iterates (as empty).
      case "iterable" -> none(args, name) && (value instanceof Value.Str || value instanceof Value.Seq
          || value instanceof Value.Dict || value instanceof Iter || value instanceof Value.Undefined);
      // len(x) and x.__getitem__ both exist: the dict views have no __getitem__, Undefined has both.
      case "sequence" -> none(args, name) && (value instanceof Value.Str || value instanceof Value.Dict
          || value instanceof Value.Undefined || (value instanceof Value.Seq s && s.subscriptable()));
      case "odd", "even" -> {
        none(args, name);
        long remainder = PyOps.asLong(PyMath.binary("%", value, Value.integer(2)));
        yield name.equals("odd") ? remainder == 1 : remainder == 0;
      }
      case "divisibleby" -> PyOps.eq(PyMath.binary("%", value, one(args, name, "num")), Value.integer(0));
      case "filter" -> value instanceof Value.Str s && Filters.exists(s.value()) && none(args, name);
      case "test" -> value instanceof Value.Str s && exists(s.value()) && none(args, name);
      case "sameas" -> same(value, one(args, name, "other"));
      case "in" -> PyOps.contains(one(args, name, "seq"), value);
      case "==", "eq", "equalto" -> PyOps.eq(value, one(args, name, "other"));
      case "!=", "ne" -> !PyOps.eq(value, one(args, name, "other"));
      case ">", "gt", "greaterthan" -> PyOps.compare(value, one(args, name, "other"), ">") > 0;
      case ">=", "ge" -> PyOps.compare(value, one(args, name, "other"), ">=") >= 0;
      case "<", "lt", "lessthan" -> PyOps.compare(value, one(args, name, "other"), "<") < 0;
      case "<=", "le" -> PyOps.compare(value, one(args, name, "other"), "<=") <= 0;
      default -> throw new TemplateException("TemplateRuntimeError", "No test named '" + name + "' found.");
    };
  }

  private static boolean none(Callable.Arguments args, String name) {
    Params.bind("test_" + name, args);
    return true;
  }

  private static Value one(Callable.Arguments args, String name, String param) {
    return Params.bind("test_" + name, args, param)[0];
  }

  /**
   * Python's {@code is}. None and the bools are singletons; equal numbers and strings count as the
   * same object, as CPython's interned constants and small ints mostly are; other values compare by
   * identity.
   */
  private static boolean same(Value a, Value b) {
    if (a == b) {
      return true;
    }
    return switch (a) {
      case Value.None n -> b instanceof Value.None;
      case Value.Bool x -> b instanceof Value.Bool y && x.value() == y.value();
      case Value.Int x -> b instanceof Value.Int y && x.value() == y.value();
      case Value.Float x -> b instanceof Value.Float y && x.value() == y.value();
      case Value.Str x -> b instanceof Value.Str y && x.value().equals(y.value());
      default -> false;
    };
  }
}
