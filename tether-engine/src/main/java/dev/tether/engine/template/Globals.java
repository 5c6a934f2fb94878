package dev.tether.engine.template;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * The functions every template sees: Jinja2's {@code range} (capped as in the sandbox), {@code
 * dict}, {@code namespace} and {@code joiner}, and Hugging Face's {@code raise_exception} and {@code
 * strftime_now}. Python's other builtins ({@code len}, {@code str}, …) are not there, as in Jinja2.
 */
final class Globals {
  /** Jinja2's sandbox refuses ranges longer than this. */
  static final int MAX_RANGE = 100_000;

  private Globals() {}

  /** A scope holding the globals; {@code clock} drives {@code strftime_now}. */
  static Scope scope(Clock clock) {
    Scope scope = new Scope(null);
    scope.set("range", Callable.function("safe_range", Globals::range));
    scope.set("dict", Callable.function("dict", a -> new Value.Dict(dict(a))));
    scope.set("namespace", Callable.function("Namespace", a -> {
      Namespace namespace = new Namespace();
      dict(a).forEach((k, v) -> namespace.set(PyRepr.str(k), v));
      return namespace;
    }));
    scope.set("joiner", Callable.function("joiner", Globals::joiner));
    scope.set("raise_exception", Callable.function("raise_exception", a -> {
      Value[] p = Params.bind("raise_exception", a, "message");
      throw new TemplateException(TemplateException.TEMPLATE_ERROR, PyRepr.str(p[0]));
    }));
    scope.set("strftime_now", Callable.function("strftime_now", a -> {
      Value[] p = Params.bind("strftime_now", a, "format");
      return Value.str(Strftime.format(Params.string(p[0], "strftime() argument 1"), LocalDateTime.now(clock)));
    }));
    return scope;
  }

  private static Value range(Callable.Arguments arguments) {
    if (!arguments.keywords().isEmpty()) {
      throw TemplateException.typeError("range() takes no keyword arguments");
    }
    List<Value> args = arguments.positional();
    if (args.isEmpty() || args.size() > 3) {
      throw TemplateException.typeError(args.isEmpty() ? "range expected at least 1 argument, got 0"
          : "range expected at most 3 arguments, got " + args.size());
    }
    long[] values = new long[args.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = Params.integer(args.get(i), 0);
    }
    long start = values.length == 1 ? 0 : values[0];
    long stop = values.length == 1 ? values[0] : values[1];
    long step = values.length == 3 ? values[2] : 1;
    if (step == 0) {
      throw new TemplateException("ValueError", "range() arg 3 must not be zero");
    }
    long length = step > 0 ? (stop > start ? (stop - start + step - 1) / step : 0)
        : (start > stop ? (start - stop - step - 1) / -step : 0);
    if (length > MAX_RANGE) {
      throw new TemplateException("OverflowError",
          "Range too big. The sandbox blocks ranges larger than MAX_RANGE (" + MAX_RANGE + ").");
    }
    List<Value> items = new ArrayList<>((int) length);
    for (long i = 0, v = start; i < length; i++, v += step) {
      items.add(Value.integer(v));
    }
    return new Value.Seq(items, Value.Seq.RANGE);
  }

  /** Python's {@code dict(mapping_or_pairs, **kwargs)}. */
  private static SequencedMap<Value, Value> dict(Callable.Arguments arguments) {
    SequencedMap<Value, Value> map = new LinkedHashMap<>();
    if (arguments.positional().size() > 1) {
      throw TemplateException.typeError("dict expected at most 1 argument, got " + arguments.positional().size());
    }
    if (!arguments.positional().isEmpty()) {
      Value source = arguments.positional().getFirst();
      if (source instanceof Value.Dict d) {
        d.map().forEach((k, v) -> Value.Dict.put(map, k, v));
      } else {
        for (Value pair : PyOps.iterate(source)) {
          List<Value> kv = PyOps.iterate(pair);
          if (kv.size() != 2) {
            throw new TemplateException("ValueError", "dictionary update sequence element has length "
                + kv.size() + "; 2 is required");
          }
          PyOps.requireHashable(kv.get(0));
          Value.Dict.put(map, kv.get(0), kv.get(1));
        }
      }
    }
    for (Map.Entry<String, Value> e : arguments.keywords().entrySet()) {
      map.put(Value.str(e.getKey()), e.getValue());
    }
    return map;
  }

  private static Value joiner(Callable.Arguments arguments) {
    Value[] p = Params.bind("joiner", arguments, "sep?");
    Value separator = p[0] == null ? Value.str(", ") : p[0];
    boolean[] used = {false};
    return Callable.function("joiner", a -> {
      if (!used[0]) {
        used[0] = true;
        return Value.EMPTY;
      }
      return separator;
    });
  }
}
