package dev.tether.engine.template;

import java.util.ArrayList;
import java.util.List;

/**
 * Jinja2's sandboxed {@code getattr}, {@code getitem} and calls. {@code obj.name} prefers a method
 * of the value and falls back to the key {@code name}; {@code obj[key]} prefers the key and falls
 * back to a method. What is missing is undefined, not an error, as in Jinja2; only our own value
 * model is reachable, never a Java object.
 */
final class Attributes {
  private Attributes() {}

  /** {@code obj.name}. */
  static Value getattr(Value obj, String name) {
    if (obj instanceof Value.Undefined u) {
      throw u.error();
    }
    Value method = Methods.find(obj, name);
    if (method != null) {
      return method;
    }
    Value found = switch (obj) {
      case Value.Dict d -> d.get(Value.str(name));
      case Namespace ns -> ns.get(name);
      case LoopContext loop -> loop.attribute(name);
      default -> null;
    };
    return found != null ? found : Value.Undefined.member(obj, Value.str(name));
  }

  /** {@code obj[key]}. */
  static Value getitem(Value obj, Value key) {
    Value found = switch (obj) {
      case Value.Undefined u -> throw u.error();
      case Value.Dict d -> {
        boolean hashable = !(key instanceof Value.Dict || key instanceof Namespace
            || (key instanceof Value.Seq s && s.isList()));
        yield hashable ? d.get(key) : null;
      }
      case Value.Seq s when s.subscriptable() && PyOps.isInteger(key) -> {
        long index = PyOps.asLong(key);
        long size = s.items().size();
        if (index < 0) {
          index += size;
        }
        yield index >= 0 && index < size ? s.items().get((int) index) : null;
      }
      case Value.Str s when PyOps.isInteger(key) -> {
        String text = s.value();
        long index = PyOps.asLong(key);
        long size = text.codePointCount(0, text.length());
        if (index < 0) {
          index += size;
        }
        if (index < 0 || index >= size) {
          yield null;
        }
        int at = PyStrings.offset(text, index);
        yield new Value.Str(text.substring(at, at + Character.charCount(text.codePointAt(at))), s.markup());
      }
      default -> null;
    };
    if (found != null) {
      return found;
    }
    if (key instanceof Value.Str name) {
      Value method = Methods.find(obj, name.value());
      if (method != null) {
        return method;
      }
      Value attribute = switch (obj) {
        case Namespace ns -> ns.get(name.value());
        case LoopContext loop -> loop.attribute(name.value());
        default -> null;
      };
      if (attribute != null) {
        return attribute;
      }
    }
    return Value.Undefined.member(obj, key);
  }

  /**
   * {@code obj[start:stop:step]}; absent parts are None. Jinja2 compiles slices to plain Python
   * subscripts, bypassing the sandbox's getitem, so a failure is an error here, never undefined.
   */
  static Value slice(Value obj, Value start, Value stop, Value step) {
    switch (obj) {
      case Value.Undefined u -> throw u.error();
      case Value.Dict d -> throw TemplateException.typeError("unhashable type: 'slice'");
      case Value.Seq s when s.subscriptable() -> {}
      case Value.Str s -> {}
      default -> throw TemplateException.typeError("'" + PyRepr.typeName(obj) + "' object is not subscriptable");
    }
    for (Value part : List.of(start, stop, step)) {
      if (!(part instanceof Value.None) && !PyOps.isInteger(part)) {
        throw TemplateException.typeError("slice indices must be integers or None or have an __index__ method");
      }
    }
    long stepValue = step instanceof Value.None ? 1 : PyOps.asLong(step);
    if (stepValue == 0) {
      throw new TemplateException("ValueError", "slice step cannot be zero");
    }
    return switch (obj) {
      case Value.Seq s when s.subscriptable() -> new Value.Seq(pick(s.items(), start, stop, stepValue), s.type());
      case Value.Str s -> {
        List<Value> chars = PyStrings.simple(s.value()) && stepValue == 1 ? null : PyOps.chars(s.value());
        if (chars == null) {
          long[] bounds = bounds(s.value().length(), start, stop, 1);
          yield new Value.Str(bounds[1] > bounds[0] ? s.value().substring((int) bounds[0], (int) bounds[1]) : "",
              s.markup());
        }
        StringBuilder out = new StringBuilder();
        for (Value c : pick(chars, start, stop, stepValue)) {
          out.append(((Value.Str) c).value());
        }
        yield new Value.Str(out.toString(), s.markup());
      }
      default -> throw new IllegalStateException("checked above");
    };
  }

  private static List<Value> pick(List<Value> items, Value start, Value stop, long step) {
    long[] bounds = bounds(items.size(), start, stop, step);
    List<Value> out = new ArrayList<>();
    for (long i = bounds[0]; step > 0 ? i < bounds[1] : i > bounds[1]; i += step) {
      out.add(items.get((int) i));
    }
    return out;
  }

  /** Python's {@code slice.indices(length)}: start and stop, clamped. */
  private static long[] bounds(long length, Value start, Value stop, long step) {
    long lower = step > 0 ? 0 : -1;
    long upper = step > 0 ? length : length - 1;
    long from = start instanceof Value.None ? (step > 0 ? lower : upper) : clamp(PyOps.asLong(start), length, lower, upper);
    long to = stop instanceof Value.None ? (step > 0 ? upper : lower) : clamp(PyOps.asLong(stop), length, lower, upper);
    return new long[] {from, to};
  }

  private static long clamp(long index, long length, long lower, long upper) {
    if (index < 0) {
      index += length;
      return Math.max(index, lower);
    }
    return Math.min(index, upper);
  }

  /** Calls a value. */
  static Value call(Value target, Callable.Arguments arguments) {
    return switch (target) {
      case Callable c -> c.body().call(arguments);
      case Value.Undefined u -> throw u.error();
      case LoopContext loop -> {
        if (loop.recurse() == null) {
          throw TemplateException.typeError("The loop must have the 'recursive' marker to be called recursively.");
        }
        yield loop.recurse().call(arguments);
      }
      default -> throw TemplateException.typeError("'" + PyRepr.typeName(target) + "' object is not callable");
    };
  }
}
