package dev.tether.engine.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The methods a template may call on values: Python's {@code str} methods, {@code dict.get/items/
 * keys/values/copy} and {@code list.index/count/copy}. Methods that would change a value ({@code
 * list.append}, {@code dict.update}, …) are refused as Hugging Face's immutable sandbox refuses
 * them: looking them up gives an undefined value that raises {@code SecurityError} when called.
 */
final class Methods {
  private static final Set<String> UNSAFE_LIST =
      Set.of("append", "clear", "extend", "insert", "pop", "remove", "reverse", "sort");
  private static final Set<String> UNSAFE_DICT = Set.of("clear", "pop", "popitem", "setdefault", "update");

  private Methods() {}

  /** The bound method {@code receiver.name}, an unsafe-attribute undefined, or {@code null} if none. */
  static Value find(Value receiver, String name) {
    if (name.startsWith("__") && name.endsWith("__")) {
      return unsafe(receiver, name);
    }
    return switch (receiver) {
      case Value.Str s -> StrMethods.find(s, name);
      case Value.Dict d -> dict(d, name);
      case Value.Seq s when s.isList() || s.isTuple() -> sequence(s, name);
      default -> null;
    };
  }

  /** What the sandbox gives for an attribute it refuses: an undefined value raising SecurityError. */
  static Value.Undefined unsafe(Value receiver, String name) {
    return new Value.Undefined(Value.str(name), receiver, "access to attribute '" + name + "' of '"
        + PyRepr.typeName(receiver) + "' object is unsafe.", "SecurityError");
  }

  private static Value dict(Value.Dict d, String name) {
    if (UNSAFE_DICT.contains(name)) {
      return unsafe(d, name);
    }
    return switch (name) {
      case "get" -> Callable.method(d, name, a -> {
        Value[] p = Params.bind("get", a, "key", "default?");
        PyOps.requireHashable(p[0]);
        Value value = d.get(p[0]);
        return value != null ? value : p[1] != null ? p[1] : Value.NONE;
      });
      case "items" -> Callable.method(d, name, a -> {
        Params.bind("items", a);
        List<Value> items = new ArrayList<>(d.map().size());
        for (Map.Entry<Value, Value> e : d.map().entrySet()) {
          items.add(Value.Seq.tuple(e.getKey(), e.getValue()));
        }
        return new Value.Seq(items, Value.Seq.DICT_ITEMS);
      });
      case "keys" -> Callable.method(d, name, a -> {
        Params.bind("keys", a);
        return new Value.Seq(List.copyOf(d.map().keySet()), Value.Seq.DICT_KEYS);
      });
      case "values" -> Callable.method(d, name, a -> {
        Params.bind("values", a);
        return new Value.Seq(List.copyOf(d.map().values()), Value.Seq.DICT_VALUES);
      });
      case "copy" -> Callable.method(d, name, a -> {
        Params.bind("copy", a);
        return d;
      });
      default -> null;
    };
  }

  private static Value sequence(Value.Seq s, String name) {
    if (s.isList() && UNSAFE_LIST.contains(name)) {
      return unsafe(s, name);
    }
    return switch (name) {
      case "index" -> Callable.method(s, name, a -> {
        Value[] p = Params.bind("index", a, "value");
        for (int i = 0; i < s.items().size(); i++) {
          if (PyOps.eq(s.items().get(i), p[0])) {
            return Value.integer(i);
          }
        }
        throw new TemplateException("ValueError", s.isList()
            ? PyRepr.repr(p[0]) + " is not in list" : "tuple.index(x): x not in tuple");
      });
      case "count" -> Callable.method(s, name, a -> {
        Value[] p = Params.bind("count", a, "value");
        return Value.integer(s.items().stream().filter(v -> PyOps.eq(v, p[0])).count());
      });
      case "copy" -> s.isList() ? Callable.method(s, name, a -> {
        Params.bind("copy", a);
        return s;
      }) : null;
      default -> null;
    };
  }
}
