package dev.tether.engine.template;

import java.util.Map;

/** Binds call arguments to named parameters the way Python does, with Python's error messages. */
final class Params {
  private Params() {}

  /**
   * Binds {@code arguments} to {@code params}. A parameter written {@code "name?"} is optional; a
   * missing optional parameter is {@code null} in the result.
   *
   * @param function the function's name, for messages
   */
  static Value[] bind(String function, Callable.Arguments arguments, String... params) {
    Value[] bound = new Value[params.length];
    String[] names = new String[params.length];
    int required = 0;
    for (int i = 0; i < params.length; i++) {
      boolean optional = params[i].endsWith("?");
      names[i] = optional ? params[i].substring(0, params[i].length() - 1) : params[i];
      if (!optional) {
        required = i + 1;
      }
    }
    if (arguments.positional().size() > params.length) {
      throw TemplateException.typeError(function + "() takes at most " + params.length + " argument"
          + (params.length == 1 ? "" : "s") + " (" + arguments.positional().size() + " given)");
    }
    for (int i = 0; i < arguments.positional().size(); i++) {
      bound[i] = arguments.positional().get(i);
    }
    for (Map.Entry<String, Value> e : arguments.keywords().entrySet()) {
      int index = indexOf(names, e.getKey());
      if (index < 0) {
        throw TemplateException.typeError(function + "() got an unexpected keyword argument '" + e.getKey() + "'");
      }
      if (bound[index] != null) {
        throw TemplateException.typeError(function + "() got multiple values for argument '" + e.getKey() + "'");
      }
      bound[index] = e.getValue();
    }
    for (int i = 0; i < required; i++) {
      if (bound[i] == null) {
        throw TemplateException.typeError(function + "() missing required argument '" + names[i] + "'");
      }
    }
    return bound;
  }

  private static int indexOf(String[] names, String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** An optional argument's value, or {@code fallback} when absent or None. */
  static Value or(Value value, Value fallback) {
    return value == null || value instanceof Value.None ? fallback : value;
  }

  /** A string argument; None (or absent) gives {@code null}. */
  static String optionalString(Value value, String function) {
    if (value == null || value instanceof Value.None) {
      return null;
    }
    if (value instanceof Value.Str s) {
      return s.value();
    }
    throw TemplateException.typeError(function + " arg must be None or str");
  }

  /** A required string argument. */
  static String string(Value value, String what) {
    if (value instanceof Value.Str s) {
      return s.value();
    }
    throw TemplateException.typeError(what + " must be str, not " + PyRepr.typeName(value));
  }

  /** An int argument (bool counts), or {@code fallback} when absent or None. */
  static long integer(Value value, long fallback) {
    if (value == null || value instanceof Value.None) {
      return fallback;
    }
    if (PyOps.isInteger(value)) {
      return PyOps.asLong(value);
    }
    throw TemplateException.typeError("'" + PyRepr.typeName(value) + "' object cannot be interpreted as an integer");
  }
}
