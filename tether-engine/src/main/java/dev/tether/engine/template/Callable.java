package dev.tether.engine.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * Something a template can call: a global function ({@code namespace}, {@code range}, {@code
 * raise_exception}…), a bound method of a value ({@code str.split}, {@code dict.items}…) or a macro.
 *
 * @param name the name Python would report
 * @param type the Python type name ({@code function}, {@code builtin_function_or_method}, {@code
 *     Macro})
 * @param owner for a bound method, the Python type name of its receiver ({@code str object}), else
 *     {@code null}
 * @param body what a call does
 */
public record Callable(String name, String type, String owner, Body body) implements Value {
  /** A global function. */
  static final String FUNCTION = "function";
  /** A method bound to a value. */
  static final String METHOD = "builtin_function_or_method";
  /** A template macro. */
  static final String MACRO = "Macro";

  /** What a call does. */
  @FunctionalInterface
  public interface Body {
    /**
     * Runs the call.
     *
     * @throws TemplateException when the call fails the way Python's would
     */
    Value call(Arguments arguments);
  }

  /**
   * The arguments of one call.
   *
   * @param positional positional arguments, in order
   * @param keywords keyword arguments, in the order written
   */
  public record Arguments(List<Value> positional, SequencedMap<String, Value> keywords) {
    /** Copies both. */
    public Arguments {
      positional = List.copyOf(positional);
      keywords = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(keywords));
    }

    /** Positional arguments only. */
    static Arguments of(Value... positional) {
      return new Arguments(List.of(positional), new LinkedHashMap<>());
    }
  }

  /** A global function. */
  static Callable function(String name, Body body) {
    return new Callable(name, FUNCTION, null, body);
  }

  /** A method of {@code receiver}. */
  static Callable method(Value receiver, String name, Body body) {
    return new Callable(name, METHOD, PyRepr.objectTypeRepr(receiver), body);
  }
}
