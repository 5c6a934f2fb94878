package dev.tether.engine.template;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Python's semantics for truth, equality, ordering, membership, iteration and length. */
final class PyOps {
  private PyOps() {}

  /** Python's {@code bool(x)}; Jinja2's {@code Undefined} is false. */
  static boolean truthy(Value value) {
    return switch (value) {
      case Value.None n -> false;
      case Value.Undefined u -> false;
      case Value.Bool b -> b.value();
      case Value.Int i -> i.value() != 0;
      case Value.Float f -> f.value() != 0.0;
      case Value.Str s -> !s.value().isEmpty();
      case Value.Seq s -> !s.items().isEmpty();
      case Value.Dict d -> !d.map().isEmpty();
      case Iter it -> true;
      case Namespace ns -> true;
      case Callable c -> true;
      case LoopContext loop -> true;
    };
  }

  /** Whether the value is a Python number ({@code bool} included, as in Python). */
  static boolean isNumber(Value value) {
    return value instanceof Value.Int || value instanceof Value.Float || value instanceof Value.Bool;
  }

  /** Whether the value is a Python int ({@code bool} included). */
  static boolean isInteger(Value value) {
    return value instanceof Value.Int || value instanceof Value.Bool;
  }

  /** The int value of an int or bool. */
  static long asLong(Value value) {
    return switch (value) {
      case Value.Int i -> i.value();
      case Value.Bool b -> b.value() ? 1 : 0;
      default -> throw new IllegalArgumentException("not an int: " + value);
    };
  }

  /** The value of any number as a double. */
  static double asDouble(Value value) {
    return value instanceof Value.Float f ? f.value() : asLong(value);
  }

  /** Python's {@code a == b}. */
  static boolean eq(Value a, Value b) {
    if (a == b) {
      return true;
    }
    if (a instanceof Value.Undefined || b instanceof Value.Undefined) {
      return a instanceof Value.Undefined && b instanceof Value.Undefined;
    }
    if (isNumber(a) && isNumber(b)) {
      if (isInteger(a) && isInteger(b)) {
        return asLong(a) == asLong(b);
      }
      return asDouble(a) == asDouble(b);
    }
    return switch (a) {
      case Value.None n -> b instanceof Value.None;
      case Value.Str s -> b instanceof Value.Str t && s.value().equals(t.value());
      case Value.Seq s -> b instanceof Value.Seq t && sameSeqType(s, t) && itemsEqual(s.items(), t.items());
      case Value.Dict d -> b instanceof Value.Dict e && dictsEqual(d, e);
      default -> false;
    };
  }

  private static boolean sameSeqType(Value.Seq a, Value.Seq b) {
    return a.type().equals(b.type());
  }

  private static boolean itemsEqual(List<Value> a, List<Value> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!eq(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean dictsEqual(Value.Dict a, Value.Dict b) {
    if (a.map().size() != b.map().size()) {
      return false;
    }
    for (Map.Entry<Value, Value> e : a.map().entrySet()) {
      Value other = b.get(e.getKey());
      if (other == null || !eq(e.getValue(), other)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Python's ordering of {@code a} and {@code b}: negative, zero or positive.
   *
   * @param op the operator written, for the error message
   * @throws TemplateException a TypeError when Python cannot order them
   */
  static int compare(Value a, Value b, String op) {
    if (a instanceof Value.Undefined u) {
      throw u.error();
    }
    if (b instanceof Value.Undefined u) {
      throw u.error();
    }
    if (isNumber(a) && isNumber(b)) {
      if (isInteger(a) && isInteger(b)) {
        return Long.compare(asLong(a), asLong(b));
      }
      return Double.compare(asDouble(a), asDouble(b));
    }
    if (a instanceof Value.Str s && b instanceof Value.Str t) {
      return compareCodePoints(s.value(), t.value());
    }
    if (a instanceof Value.Seq s && b instanceof Value.Seq t && sameSeqType(s, t)
        && (s.isList() || s.isTuple())) {
      List<Value> x = s.items();
      List<Value> y = t.items();
      for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
        if (!eq(x.get(i), y.get(i))) {
          return compare(x.get(i), y.get(i), op);
        }
      }
      return Integer.compare(x.size(), y.size());
    }
    throw TemplateException.typeError("'" + op + "' not supported between instances of '"
        + PyRepr.typeName(a) + "' and '" + PyRepr.typeName(b) + "'");
  }

  /** Compares by code point, as Python orders str (Java's compareTo orders UTF-16 units). */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  /** Python's {@code item in container}. */
  static boolean contains(Value container, Value item) {
    switch (container) {
      case Value.Str s -> {
        if (item instanceof Value.Str t) {
          return s.value().contains(t.value());
        }
        throw TemplateException.typeError(
            "'in <string>' requires string as left operand, not " + PyRepr.typeName(item));
      }
      case Value.Dict d -> {
        requireHashable(item);
        return d.get(item) != null;
      }
      case Value.Seq s -> {
        for (Value v : s.items()) {
          if (eq(v, item)) {
            return true;
          }
        }
        return false;
      }
      case Iter it -> {
        for (Value v = it.next(); v != null; v = it.next()) {
          if (eq(v, item)) {
            return true;
          }
        }
        return false;
      }
      case Value.Undefined u -> {
        return false;
      }
      default ->
          throw TemplateException.typeError(
              "argument of type '" + PyRepr.typeName(container) + "' is not iterable");
    }
  }

  /** Fails as Python does for a dict key or set member that cannot be hashed. */
  static void requireHashable(Value key) {
    if (key instanceof Value.Dict || (key instanceof Value.Seq s && s.isList()) || key instanceof Namespace) {
      throw TemplateException.typeError("unhashable type: '" + PyRepr.typeName(key) + "'");
    }
  }

  /** Python's {@code iter(x)}, lazily; Jinja2's {@code Undefined} iterates as empty. */
  static Iterator<Value> iterator(Value value) {
    return switch (value) {
      case Value.Seq s -> s.items().iterator();
      case Value.Dict d -> d.map().keySet().iterator();
      case Value.Str s -> chars(s.value()).iterator();
      case Iter it -> new Iterator<>() {
        private Value next = it.next();

        @Override
        public boolean hasNext() {
          return next != null;
        }

        @Override
        public Value next() {
          Value current = next;
          next = it.next();
          return current;
        }
      };
      case Value.Undefined u -> List.<Value>of().iterator();
      default ->
          throw TemplateException.typeError("'" + PyRepr.typeName(value) + "' object is not iterable");
    };
  }

  /** Python's {@code list(x)}: all the items (an iterator is used up). */
  static List<Value> iterate(Value value) {
    return switch (value) {
      case Value.Seq s -> s.items();
      case Iter it -> it.drain();
      default -> {
        List<Value> items = new ArrayList<>();
        iterator(value).forEachRemaining(items::add);
        yield items;
      }
    };
  }

  /** The characters (code points) of a string, each as a string. */
  static List<Value> chars(String s) {
    List<Value> items = new ArrayList<>(s.length());
    for (int i = 0; i < s.length(); ) {
      int next = i + Character.charCount(s.codePointAt(i));
      items.add(Value.str(s.substring(i, next)));
      i = next;
    }
    return items;
  }

  /** Python's {@code len(x)}; Jinja2's {@code Undefined} has length 0. */
  static long len(Value value) {
    return switch (value) {
      case Value.Seq s -> s.items().size();
      case Value.Dict d -> d.map().size();
      case Value.Str s -> s.value().codePointCount(0, s.value().length());
      case Value.Undefined u -> 0;
      default ->
          throw TemplateException.typeError("object of type '" + PyRepr.typeName(value) + "' has no len()");
    };
  }

  /** markupsafe's {@code escape}: the five HTML-special characters as entities. */
  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&#34;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
