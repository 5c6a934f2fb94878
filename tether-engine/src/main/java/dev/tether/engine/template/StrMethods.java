package dev.tether.engine.template;

import java.util.ArrayList;
import java.util.List;

/** Python's {@code str} methods, bound to a string. */
final class StrMethods {
  private StrMethods() {}

  /** The bound method {@code s.name}, or {@code null} if str has no such method here. */
  static Value find(Value.Str receiver, String name) {
    String s = receiver.value();
    Callable.Body body = switch (name) {
      case "strip", "lstrip", "rstrip" -> a -> {
        String chars = Params.optionalString(Params.bind(name, a, "chars?")[0], name);
        return Value.str(PyStrings.strip(s, chars, !name.equals("rstrip"), !name.equals("lstrip")));
      };
      case "split", "rsplit" -> a -> {
        Value[] p = Params.bind(name, a, "sep?", "maxsplit?");
        String sep = Params.optionalString(p[0], name);
        long max = Params.integer(p[1], -1);
        List<String> parts = name.equals("split") ? PyStrings.split(s, sep, max) : PyStrings.rsplit(s, sep, max);
        return strings(parts);
      };
      case "splitlines" -> a -> {
        Value keep = Params.bind(name, a, "keepends?")[0];
        return strings(PyStrings.splitlines(s, keep != null && PyOps.truthy(keep)));
      };
      case "startswith", "endswith" -> a -> affix(s, name, a);
      case "replace" -> a -> {
        Value[] p = Params.bind(name, a, "old", "new", "count?");
        return Value.str(PyStrings.replace(s, Params.string(p[0], "replace() argument 1"),
            Params.string(p[1], "replace() argument 2"), Params.integer(p[2], -1)));
      };
      case "upper" -> a -> noArgs(name, a, PyStrings.upper(s));
      case "lower", "casefold" -> a -> noArgs(name, a, PyStrings.lower(s));
      case "title" -> a -> noArgs(name, a, PyStrings.title(s));
      case "capitalize" -> a -> noArgs(name, a, PyStrings.capitalize(s));
      case "swapcase" -> a -> noArgs(name, a, PyStrings.swapcase(s));
      case "find", "rfind", "index", "rindex" -> a -> find(s, name, a);
      case "count" -> a -> {
        String sub = Params.string(Params.bind(name, a, "sub")[0], "must be str");
        if (sub.isEmpty()) {
          return Value.integer(s.codePointCount(0, s.length()) + 1L);
        }
        long n = 0;
        for (int at = s.indexOf(sub); at >= 0; at = s.indexOf(sub, at + sub.length())) {
          n++;
        }
        return Value.integer(n);
      };
      case "join" -> a -> {
        List<Value> items = PyOps.iterate(Params.bind(name, a, "iterable")[0]);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
          if (!(items.get(i) instanceof Value.Str item)) {
            throw TemplateException.typeError("sequence item " + i + ": expected str instance, "
                + PyRepr.typeName(items.get(i)) + " found");
          }
          out.append(i > 0 ? s : "").append(item.value());
        }
        return Value.str(out.toString());
      };
      case "center", "ljust", "rjust" -> a -> {
        Value[] p = Params.bind(name, a, "width", "fillchar?");
        String fill = p[1] == null ? " " : Params.string(p[1], "The fill character");
        return Value.str(PyStrings.pad(s, Params.integer(p[0], 0), fill, name.charAt(0)));
      };
      case "zfill" -> a -> {
        long width = Params.integer(Params.bind(name, a, "width")[0], 0);
        boolean signed = s.startsWith("-") || s.startsWith("+");
        String digits = signed ? s.substring(1) : s;
        long pad = width - s.codePointCount(0, s.length());
        return Value.str(pad <= 0 ? s : (signed ? s.substring(0, 1) : "") + "0".repeat((int) pad) + digits);
      };
      case "partition", "rpartition" -> a -> {
        String sep = Params.string(Params.bind(name, a, "sep")[0], "must be str");
        if (sep.isEmpty()) {
          throw new TemplateException("ValueError", "empty separator");
        }
        int at = name.equals("partition") ? s.indexOf(sep) : s.lastIndexOf(sep);
        if (at < 0) {
          return name.equals("partition") ? Value.Seq.tuple(receiver, Value.EMPTY, Value.EMPTY)
              : Value.Seq.tuple(Value.EMPTY, Value.EMPTY, receiver);
        }
        return Value.Seq.tuple(Value.str(s.substring(0, at)), Value.str(sep), Value.str(s.substring(at + sep.length())));
      };
      case "removeprefix", "removesuffix" -> a -> {
        String affix = Params.string(Params.bind(name, a, "affix")[0], "must be str");
        if (name.equals("removeprefix")) {
          return Value.str(s.startsWith(affix) ? s.substring(affix.length()) : s);
        }
        return Value.str(s.endsWith(affix) ? s.substring(0, s.length() - affix.length()) : s);
      };
      case "isspace", "isdigit", "isnumeric", "isdecimal", "isalpha", "isalnum", "islower", "isupper",
          "istitle" -> a -> {
        Params.bind(name, a);
        return Value.bool(PyStrings.is(name, s));
      };
      case "format" -> a -> Value.str(StrFormat.format(s, a));
      default -> null;
    };
    return body == null ? null : Callable.method(receiver, name, body);
  }

  private static Value noArgs(String name, Callable.Arguments arguments, String result) {
    Params.bind(name, arguments);
    return Value.str(result);
  }

  private static Value strings(List<String> parts) {
    List<Value> values = new ArrayList<>(parts.size());
    for (String part : parts) {
      values.add(Value.str(part));
    }
    return new Value.Seq(values, Value.Seq.LIST);
  }

  /** The UTF-16 range [start, end) that Python's optional start/end code point arguments select. */
  private static int[] range(String s, Value start, Value end) {
    long length = s.codePointCount(0, s.length());
    long from = clampIndex(Params.integer(start, 0), length);
    long to = clampIndex(Params.integer(end, length), length);
    return new int[] {PyStrings.offset(s, from), PyStrings.offset(s, Math.max(from, to))};
  }

  private static long clampIndex(long index, long length) {
    if (index < 0) {
      index += length;
    }
    return Math.max(0, Math.min(index, length));
  }

  private static Value affix(String s, String name, Callable.Arguments arguments) {
    Value[] p = Params.bind(name, arguments, "prefix", "start?", "end?");
    List<Value> candidates;
    if (p[0] instanceof Value.Str one) {
      candidates = List.of(one);
    } else if (p[0] instanceof Value.Seq t && t.isTuple()) {
      candidates = t.items();
    } else {
      throw TemplateException.typeError(name + " first arg must be str or a tuple of str, not " + PyRepr.typeName(p[0]));
    }
    int[] range = range(s, p[1], p[2]);
    String part = s.substring(range[0], range[1]);
    for (Value candidate : candidates) {
      if (!(candidate instanceof Value.Str c)) {
        throw TemplateException.typeError("tuple for " + name + " must only contain str, not " + PyRepr.typeName(candidate));
      }
      if (name.equals("startswith") ? part.startsWith(c.value()) : part.endsWith(c.value())) {
        return Value.TRUE;
      }
    }
    return Value.FALSE;
  }

  private static Value find(String s, String name, Callable.Arguments arguments) {
    Value[] p = Params.bind(name, arguments, "sub", "start?", "end?");
    String sub = Params.string(p[0], "must be str");
    int[] range = range(s, p[1], p[2]);
    String part = s.substring(range[0], range[1]);
    int at = name.startsWith("r") ? part.lastIndexOf(sub) : part.indexOf(sub);
    if (at < 0) {
      if (name.endsWith("index")) {
        throw new TemplateException("ValueError", "substring not found");
      }
      return Value.integer(-1);
    }
    return Value.integer(PyStrings.codePointIndex(s, range[0] + at));
  }
}
