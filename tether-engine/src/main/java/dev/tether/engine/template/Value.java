package dev.tether.engine.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * A value a template sees: the Python objects a Jinja2 template works on, modelled closely enough
 * that printing, comparing and serialising them gives what Python gives.
 *
 * <p>Callers build the data values ({@link None}, {@link Bool}, {@link Int}, {@link Float}, {@link
 * Str}, {@link Seq}, {@link Dict}); see {@link Values} for conversions from plain Java objects and
 * JSON. The other kinds ({@link Undefined}, {@link Iter}, {@link Namespace}, {@link Callable},
 * {@link LoopContext}) only appear while a template runs. Data values are immutable: the sandbox
 * refuses {@code list.append} and friends, as Hugging Face's {@code ImmutableSandboxedEnvironment}
 * does, so one value may be shared by any number of renders.
 */
public sealed interface Value
    permits Value.None,
        Value.Undefined,
        Value.Bool,
        Value.Int,
        Value.Float,
        Value.Str,
        Value.Seq,
        Value.Dict,
        Iter,
        Namespace,
        Callable,
        LoopContext {

  /** Python's {@code None}. */
  None NONE = new None();
  /** Python's {@code True}. */
  Bool TRUE = new Bool(true);
  /** Python's {@code False}. */
  Bool FALSE = new Bool(false);
  /** The empty string. */
  Str EMPTY = new Str("", false);

  /** A Python string. */
  static Str str(String value) {
    return value.isEmpty() ? EMPTY : new Str(value, false);
  }

  /** A Python int. */
  static Int integer(long value) {
    return new Int(value);
  }

  /** A Python bool. */
  static Bool bool(boolean value) {
    return value ? TRUE : FALSE;
  }

  /** A Python list holding these items. */
  static Seq list(List<? extends Value> items) {
    return new Seq(List.copyOf(items), Seq.LIST);
  }

  /** A Python list holding these items. */
  static Seq list(Value... items) {
    return new Seq(List.of(items), Seq.LIST);
  }

  /** A Python dict with the entries of {@code entries}, in its iteration order. */
  static Dict dict(Map<String, ? extends Value> entries) {
    LinkedHashMap<Value, Value> map = new LinkedHashMap<>();
    entries.forEach((k, v) -> map.put(str(k), v));
    return new Dict(Collections.unmodifiableSequencedMap(map));
  }

  /** Python's {@code None}. */
  record None() implements Value {}

  /**
   * Jinja2's {@code Undefined}: what a missing variable, key or attribute evaluates to. It prints as
   * nothing, is false, iterates as empty, and fails when used in arithmetic, called or indexed.
   *
   * @param name the missing name (a variable, attribute or key), or {@code null}
   * @param owner the object that lacks it ({@link #NONE} for None), or {@code null} for a missing
   *     variable
   * @param hint the message to fail with instead of the one derived from name and owner, or null
   * @param errorClass the Python exception class to fail with ({@code UndefinedError}, or {@code
   *     SecurityError} for attributes the sandbox refuses)
   */
  record Undefined(Value name, Value owner, String hint, String errorClass) implements Value {
    /** A variable that is not defined. */
    static Undefined variable(String name) {
      return new Undefined(Value.str(name), null, null, "UndefinedError");
    }

    /** An attribute or key {@code name} that {@code owner} lacks. */
    static Undefined member(Value owner, Value name) {
      return new Undefined(name, owner, null, "UndefinedError");
    }

    /** An undefined value that fails with {@code hint}. */
    static Undefined hinted(String hint) {
      return new Undefined(null, null, hint, "UndefinedError");
    }

    /** What using this value fails with, as Jinja2 words it. */
    public String message() {
      if (hint != null) {
        return hint;
      }
      if (owner == null) {
        return PyRepr.repr(name == null ? Value.EMPTY : name) + " is undefined";
      }
      String ownerType = PyRepr.objectTypeRepr(owner);
      if (name instanceof Str) {
        return PyRepr.repr(Value.str(ownerType)) + " has no attribute " + PyRepr.repr(name);
      }
      return ownerType + " has no element " + PyRepr.repr(name);
    }

    /** The failure using this value causes. */
    TemplateException error() {
      return new TemplateException(errorClass, message());
    }
  }

  /** Python's {@code bool}. */
  record Bool(boolean value) implements Value {}

  /** Python's {@code int}, within the range of a {@code long}. */
  record Int(long value) implements Value {}

  /** Python's {@code float}. */
  record Float(double value) implements Value {}

  /**
   * Python's {@code str}.
   *
   * @param value the text
   * @param markup whether it is markupsafe's {@code Markup} (the result of {@code |safe}), whose
   *     {@code +} escapes the other operand
   */
  record Str(String value, boolean markup) implements Value {
    /** Requires a value. */
    public Str {
      java.util.Objects.requireNonNull(value, "value");
    }
  }

  /**
   * An indexable sequence: a Python {@code list} or {@code tuple}, or one of the re-iterable views
   * ({@code dict_items}, {@code dict_keys}, {@code dict_values}, {@code range}).
   *
   * @param items the elements (unmodifiable)
   * @param type the Python type name, one of the constants of this record
   */
  record Seq(List<Value> items, String type) implements Value {
    /** Python's {@code list}. */
    public static final String LIST = "list";
    /** Python's {@code tuple}. */
    public static final String TUPLE = "tuple";
    /** What {@code dict.items()} returns. */
    public static final String DICT_ITEMS = "dict_items";
    /** What {@code dict.keys()} returns. */
    public static final String DICT_KEYS = "dict_keys";
    /** What {@code dict.values()} returns. */
    public static final String DICT_VALUES = "dict_values";
    /** What {@code range()} returns. */
    public static final String RANGE = "range";

    /** Copies the items. */
    public Seq {
      items = List.copyOf(items);
    }

    /** A tuple of these items. */
    static Seq tuple(Value... items) {
      return new Seq(List.of(items), TUPLE);
    }

    /** Whether this is a list. */
    boolean isList() {
      return type.equals(LIST);
    }

    /** Whether this is a tuple. */
    boolean isTuple() {
      return type.equals(TUPLE);
    }

    /** Whether {@code x[i]} works on it (lists, tuples and ranges; not the dict views). */
    boolean subscriptable() {
      return isList() || isTuple() || type.equals(RANGE);
    }
  }

  /**
   * Python's {@code dict}: insertion ordered, unmodifiable.
   *
   * @param map the entries; keys are usually {@link Str}
   */
  record Dict(SequencedMap<Value, Value> map) implements Value {
    /** Copies the map, keeping its order. */
    public Dict {
      map = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(map));
    }

    /** The value under {@code key}, or {@code null}; numbers compare as Python's do (1 == 1.0 == True). */
    public Value get(Value key) {
      Value value = map.get(key instanceof Str s && s.markup() ? Value.str(s.value()) : key);
      if (value == null && PyOps.isNumber(key)) {
        Value same = equalKey(map, key);
        value = same == null ? null : map.get(same);
      }
      return value;
    }

    /**
     * Puts an entry as Python's dict does: a key equal to an existing one (1, 1.0 and True are
     * equal) replaces that entry's value and keeps the existing key.
     */
    static void put(SequencedMap<Value, Value> map, Value key, Value value) {
      if (key instanceof Str s && s.markup()) {
        key = Value.str(s.value());
      } else if (PyOps.isNumber(key) && !map.containsKey(key)) {
        Value same = equalKey(map, key);
        key = same == null ? key : same;
      }
      map.put(key, value);
    }

    private static Value equalKey(Map<Value, Value> map, Value key) {
      for (Value existing : map.keySet()) {
        if (PyOps.isNumber(existing) && PyOps.eq(existing, key)) {
          return existing;
        }
      }
      return null;
    }
  }
}
