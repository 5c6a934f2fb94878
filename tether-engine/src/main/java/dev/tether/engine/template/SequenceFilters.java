package dev.tether.engine.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SequencedMap;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Jinja2's filters over sequences. Those that are generators in Jinja2 ({@code map}, {@code select},
 * {@code reject}, {@code selectattr}, {@code rejectattr}, {@code unique}, {@code items}, {@code
 * batch}) return a lazy, single-use {@link Iter}, so that, as in Python, their errors surface only
 * when consumed, {@code tojson} refuses them and a second loop over one sees nothing.
 */
final class SequenceFilters {
  static final Set<String> NAMES = Set.of("batch", "dictsort", "first", "items", "join", "last", "list", "map",
      "max", "min", "reject", "rejectattr", "reverse", "select", "selectattr", "sort", "sum", "unique");

  private SequenceFilters() {}

  static Value apply(String name, Value value, Callable.Arguments args, Evaluator evaluator) {
    return switch (name) {
      case "batch" -> {
        Value[] p = Params.bind("do_batch", args, "linecount", "fill_with?");
        yield batch(value, Params.integer(p[0], 1), p[1]);
      }
      case "dictsort" -> dictsort(value, Params.bind("do_dictsort", args, "case_sensitive?", "by?", "reverse?"));
      case "first" -> {
        Params.bind("do_first", args);
        Iterator<Value> it = PyOps.iterator(value);
        yield it.hasNext() ? it.next() : Value.Undefined.hinted("No first item, sequence was empty.");
      }
      case "items" -> {
        Params.bind("do_items", args);
        yield generator(() -> {
          if (value instanceof Value.Undefined) {
            return Collections.emptyIterator();
          }
          if (!(value instanceof Value.Dict d)) {
            throw TemplateException.typeError("Can only get item pairs from a mapping.");
          }
          return d.map().entrySet().stream().map(e -> (Value) Value.Seq.tuple(e.getKey(), e.getValue())).iterator();
        });
      }
      case "join" -> {
        Value[] p = Params.bind("do_join", args, "d?", "attribute?");
        Function<Value, Value> getter = attrGetter(p[1], null, false);
        StringBuilder out = new StringBuilder();
        String separator = p[0] == null ? "" : PyRepr.str(p[0]);
        boolean first = true;
        for (Iterator<Value> it = PyOps.iterator(value); it.hasNext(); ) {
          out.append(first ? "" : separator).append(PyRepr.str(getter.apply(it.next())));
          first = false;
        }
        yield Value.str(out.toString());
      }
      case "last" -> {
        Params.bind("do_last", args);
        List<Value> items = reversible(value);
        yield items.isEmpty() ? Value.Undefined.hinted("No last item, sequence was empty.") : items.getLast();
      }
      case "list" -> {
        Params.bind("do_list", args);
        yield new Value.Seq(PyOps.iterate(value), Value.Seq.LIST);
      }
      case "map" -> generator(() -> {
        if (!PyOps.truthy(value)) {
          return Collections.emptyIterator();
        }
        Function<Value, Value> f = mapper(args, evaluator);
        return mapIterator(PyOps.iterator(value), f);
      });
      case "max", "min" -> {
        Value[] p = Params.bind("do_" + name, args, "case_sensitive?", "attribute?");
        List<Value> items = PyOps.iterate(value);
        if (items.isEmpty()) {
          yield Value.Undefined.hinted("No aggregated item, sequence was empty.");
        }
        Function<Value, Value> key = attrGetter(p[1], null, p[0] == null || !PyOps.truthy(p[0]));
        Value best = items.getFirst();
        for (Value item : items.subList(1, items.size())) {
          int c = PyOps.compare(key.apply(item), key.apply(best), name.equals("max") ? ">" : "<");
          if (name.equals("max") ? c > 0 : c < 0) {
            best = item;
          }
        }
        yield best;
      }
      case "select", "reject", "selectattr", "rejectattr" -> generator(() -> {
        if (!PyOps.truthy(value)) {
          return Collections.emptyIterator();
        }
        Predicate<Value> keep = selector(args, name.endsWith("attr"), evaluator);
        boolean select = name.startsWith("select");
        Iterator<Value> source = PyOps.iterator(value);
        return filterIterator(source, item -> keep.test(item) == select);
      });
      case "reverse" -> {
        Params.bind("do_reverse", args);
        yield switch (value) {
          case Value.Str s -> Attributes.slice(s, Value.NONE, Value.NONE, Value.integer(-1));
          case Value.Seq s -> new Iter(s.isTuple() ? "reversed" : s.type().equals(Value.Seq.RANGE)
              ? "range_iterator" : "list_reverseiterator", PyMath.reversed(s.items()).iterator());
          case Value.Dict d -> new Iter("dict_reversekeyiterator", PyMath.reversed(List.copyOf(d.map().keySet())).iterator());
          default -> new Value.Seq(PyMath.reversed(PyOps.iterate(value)), Value.Seq.LIST);
        };
      }
      case "sort" -> {
        Value[] p = Params.bind("do_sort", args, "reverse?", "case_sensitive?", "attribute?");
        boolean reverse = p[0] != null && PyOps.truthy(p[0]);
        Function<Value, Value> key = attrGetter(p[2], null, p[1] == null || !PyOps.truthy(p[1]));
        yield new Value.Seq(sorted(PyOps.iterate(value), key, reverse), Value.Seq.LIST);
      }
      case "sum" -> {
        Value[] p = Params.bind("do_sum", args, "attribute?", "start?");
        Function<Value, Value> getter = attrGetter(p[0], null, false);
        Value total = p[1] == null ? Value.integer(0) : p[1];
        for (Iterator<Value> it = PyOps.iterator(value); it.hasNext(); ) {
          total = PyMath.binary("+", total, getter.apply(it.next()));
        }
        yield total;
      }
      case "unique" -> {
        Value[] p = Params.bind("do_unique", args, "case_sensitive?", "attribute?");
        Function<Value, Value> key = attrGetter(p[1], null, p[0] == null || !PyOps.truthy(p[0]));
        yield generator(() -> {
          List<Value> seen = new ArrayList<>();
          return filterIterator(PyOps.iterator(value), item -> {
            Value k = key.apply(item);
            PyOps.requireHashable(k);
            if (seen.stream().anyMatch(s -> PyOps.eq(s, k))) {
              return false;
            }
            seen.add(k);
            return true;
          });
        });
      }
      default -> throw new IllegalStateException(name);
    };
  }

  /** A generator whose body (making the iterator) runs on first use, as a Python generator's does. */
  private static Iter generator(java.util.function.Supplier<Iterator<Value>> body) {
    return new Iter("generator", new Iterator<>() {
      private Iterator<Value> delegate;

      private Iterator<Value> delegate() {
        if (delegate == null) {
          delegate = body.get();
        }
        return delegate;
      }

      @Override
      public boolean hasNext() {
        return delegate().hasNext();
      }

      @Override
      public Value next() {
        return delegate().next();
      }
    });
  }

  private static Iterator<Value> mapIterator(Iterator<Value> source, Function<Value, Value> f) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return source.hasNext();
      }

      @Override
      public Value next() {
        return f.apply(source.next());
      }
    };
  }

  private static Iterator<Value> filterIterator(Iterator<Value> source, Predicate<Value> keep) {
    return new Iterator<>() {
      private Value next;

      @Override
      public boolean hasNext() {
        while (next == null && source.hasNext()) {
          Value candidate = source.next();
          if (keep.test(candidate)) {
            next = candidate;
          }
        }
        return next != null;
      }

      @Override
      public Value next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Value value = next;
        next = null;
        return value;
      }
    };
  }

  /** Jinja2's {@code make_attrgetter}: dotted item lookup, a default for undefined, optional lower-casing. */
  static Function<Value, Value> attrGetter(Value attribute, Value fallback, boolean ignoreCase) {
    List<Value> parts = new ArrayList<>();
    if (attribute instanceof Value.Str s) {
      for (String part : s.value().split("\\.", -1)) {
        parts.add(!part.isEmpty() && part.chars().allMatch(Character::isDigit)
            ? Value.integer(Long.parseLong(part)) : Value.str(part));
      }
    } else if (attribute != null && !(attribute instanceof Value.None)) {
      parts.add(attribute);
    }
    return item -> {
      for (Value part : parts) {
        item = Attributes.getitem(item, part);
        if (fallback != null && !(fallback instanceof Value.None) && item instanceof Value.Undefined) {
          item = fallback;
        }
      }
      return ignoreCase && item instanceof Value.Str s ? Value.str(PyStrings.lower(s.value())) : item;
    };
  }

  private static Function<Value, Value> mapper(Callable.Arguments args, Evaluator evaluator) {
    SequencedMap<String, Value> keywords = new LinkedHashMap<>(args.keywords());
    if (args.positional().isEmpty() && keywords.containsKey("attribute")) {
      Value attribute = keywords.remove("attribute");
      Value fallback = keywords.remove("default");
      if (!keywords.isEmpty()) {
        throw new TemplateException("FilterArgumentError", "Unexpected keyword argument "
            + PyRepr.repr(Value.str(keywords.firstEntry().getKey())));
      }
      return attrGetter(attribute, fallback, false);
    }
    if (args.positional().isEmpty()) {
      throw new TemplateException("FilterArgumentError", "map requires a filter argument");
    }
    String filter = PyRepr.str(args.positional().getFirst());
    Callable.Arguments rest = new Callable.Arguments(args.positional().subList(1, args.positional().size()), keywords);
    return item -> Filters.apply(filter, item, rest, evaluator);
  }

  private static Predicate<Value> selector(Callable.Arguments args, boolean byAttribute, Evaluator evaluator) {
    List<Value> positional = args.positional();
    Function<Value, Value> transform = Function.identity();
    int offset = 0;
    if (byAttribute) {
      if (positional.isEmpty()) {
        throw new TemplateException("FilterArgumentError", "Missing parameter for attribute name");
      }
      transform = attrGetter(positional.getFirst(), null, false);
      offset = 1;
    }
    Function<Value, Value> get = transform;
    if (positional.size() <= offset) {
      return item -> PyOps.truthy(get.apply(item));
    }
    String test = PyRepr.str(positional.get(offset));
    Callable.Arguments rest = new Callable.Arguments(positional.subList(offset + 1, positional.size()), args.keywords());
    return item -> Tests.apply(test, get.apply(item), rest, evaluator);
  }

  private static Value batch(Value value, long size, Value fill) {
    if (size <= 0) {
      throw new TemplateException("ValueError", "range() arg 3 must not be zero");
    }
    List<Value> items = PyOps.iterate(value);
    List<Value> batches = new ArrayList<>();
    for (int i = 0; i < items.size(); i += (int) size) {
      List<Value> chunk = new ArrayList<>(items.subList(i, (int) Math.min(items.size(), i + size)));
      while (fill != null && !(fill instanceof Value.None) && chunk.size() < size) {
        chunk.add(fill);
      }
      batches.add(new Value.Seq(chunk, Value.Seq.LIST));
    }
    return new Iter("generator", batches.iterator());
  }

  private static Value dictsort(Value value, Value[] p) {
    boolean caseSensitive = p[0] != null && PyOps.truthy(p[0]);
    String by = p[1] == null ? "key" : PyRepr.str(p[1]);
    boolean reverse = p[2] != null && PyOps.truthy(p[2]);
    int position = switch (by) {
      case "key" -> 0;
      case "value" -> 1;
      default -> throw new TemplateException("FilterArgumentError", "You can only sort by either \"key\" or \"value\"");
    };
    if (!(value instanceof Value.Dict d)) {
      throw new TemplateException("AttributeError", "'" + PyRepr.typeName(value) + "' object has no attribute 'items'");
    }
    List<Value> pairs = new ArrayList<>();
    for (Map.Entry<Value, Value> e : d.map().entrySet()) {
      pairs.add(Value.Seq.tuple(e.getKey(), e.getValue()));
    }
    Function<Value, Value> key = pair -> {
      Value v = ((Value.Seq) pair).items().get(position);
      return !caseSensitive && v instanceof Value.Str s ? Value.str(PyStrings.lower(s.value())) : v;
    };
    return new Value.Seq(sorted(pairs, key, reverse), Value.Seq.LIST);
  }

  /** Python's stable {@code sorted(items, key=key, reverse=reverse)}. */
  private static List<Value> sorted(List<Value> items, Function<Value, Value> key, boolean reverse) {
    List<Value[]> keyed = new ArrayList<>();
    for (Value item : items) {
      keyed.add(new Value[] {key.apply(item), item});
    }
    Comparator<Value[]> order = (a, b) -> PyOps.compare(a[0], b[0], "<");
    // Python's reverse sort keeps equal items in their original order, unlike reversing a sorted list.
    keyed.sort(reverse ? order.reversed() : order);
    return keyed.stream().map(pair -> pair[1]).toList();
  }

  /** Python's {@code reversed(x)}-able items in forward order; fails for generators as Python does. */
  private static List<Value> reversible(Value value) {
    return switch (value) {
      case Value.Seq s -> s.items();
      case Value.Str s -> PyOps.chars(s.value());
      case Value.Dict d -> List.copyOf(d.map().keySet());
      case Value.Undefined u -> List.of();
      default -> throw TemplateException.typeError("'" + PyRepr.typeName(value) + "' object is not reversible");
    };
  }
}
