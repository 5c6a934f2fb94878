package dev.tether.engine.template;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jinja2's built-in filters that chat templates use, with Jinja2's argument names and defaults, plus
 * Hugging Face's {@code tojson} ({@code json.dumps} with {@code ensure_ascii=False}). Sequence
 * filters live in {@link SequenceFilters}. A filter Jinja2 does not have (such as {@code
 * from_json}) fails as it does in Jinja2.
 */
final class Filters {
  private static final Set<String> STRING_FILTERS = Set.of("abs", "attr", "capitalize", "center", "count",
      "d", "default", "e", "escape", "float", "forceescape", "format", "indent", "int", "length", "lower", "replace",
      "round", "safe", "string", "title", "tojson", "trim", "truncate", "upper", "wordcount");
  private static final Pattern WORD_BEGINNING = Pattern.compile("([-\\s({\\[<]+)", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);

  private Filters() {}

  /** Whether a filter of this name exists. */
  static boolean exists(String name) {
    return STRING_FILTERS.contains(name) || SequenceFilters.NAMES.contains(name);
  }

  /** Applies the filter {@code name} to {@code value}. */
  static Value apply(String name, Value value, Callable.Arguments args, Evaluator evaluator) {
    if (SequenceFilters.NAMES.contains(name)) {
      return SequenceFilters.apply(name, value, args, evaluator);
    }
    return switch (name) {
      case "abs" -> {
        Params.bind("do_abs", args);
        if (!PyOps.isNumber(value)) {
          throw TemplateException.typeError("bad operand type for abs(): '" + PyRepr.typeName(value) + "'");
        }
        yield value instanceof Value.Float f ? new Value.Float(Math.abs(f.value())) : Value.integer(Math.abs(PyOps.asLong(value)));
      }
      case "attr" -> {
        String attr = PyRepr.str(Params.bind("do_attr", args, "name")[0]);
        Value found = Methods.find(value, attr);
        if (found == null) {
          found = value instanceof Namespace ns ? ns.get(attr) : value instanceof LoopContext l ? l.attribute(attr) : null;
        }
        yield found != null ? found : Value.Undefined.member(value, Value.str(attr));
      }
      case "capitalize" -> soft(value, PyStrings.capitalize(str(value, args, "do_capitalize")));
      case "center" -> {
        Value[] p = Params.bind("do_center", args, "width?");
        yield Value.str(PyStrings.pad(PyRepr.str(value), Params.integer(p[0], 80), " ", 'c'));
      }
      case "count", "length" -> {
        Params.bind("length", args);
        yield Value.integer(PyOps.len(value));
      }
      case "d", "default" -> {
        Value[] p = Params.bind("do_default", args, "default_value?", "boolean?");
        boolean useDefault = value instanceof Value.Undefined || (p[1] != null && PyOps.truthy(p[1]) && !PyOps.truthy(value));
        yield useDefault ? (p[0] == null ? Value.EMPTY : p[0]) : value;
      }
      case "e", "escape", "forceescape" -> {
        Params.bind("escape", args);
        yield value instanceof Value.Str s && s.markup() && !name.equals("forceescape") ? s
            : new Value.Str(PyOps.escape(PyRepr.str(value)), true);
      }
      case "float" -> toFloat(value, Params.bind("do_float", args, "default?")[0]);
      case "format" -> {
        Value formatArgs = args.keywords().isEmpty()
            ? new Value.Seq(args.positional(), Value.Seq.TUPLE)
            : Value.dict(args.keywords());
        yield PyMath.binary("%", soft(value, PyRepr.str(value)), formatArgs);
      }
      case "indent" -> indent(value, Params.bind("do_indent", args, "width?", "first?", "blank?"));
      case "int" -> toInt(value, Params.bind("do_int", args, "default?", "base?"));
      case "lower" -> soft(value, PyStrings.lower(str(value, args, "do_lower")));
      case "upper" -> soft(value, PyStrings.upper(str(value, args, "do_upper")));
      case "replace" -> {
        Value[] p = Params.bind("do_replace", args, "old", "new", "count?");
        yield Value.str(PyStrings.replace(PyRepr.str(value), PyRepr.str(p[0]), PyRepr.str(p[1]), Params.integer(p[2], -1)));
      }
      case "round" -> round(value, Params.bind("do_round", args, "precision?", "method?"));
      case "safe" -> {
        Params.bind("do_mark_safe", args);
        yield value instanceof Value.Str s && s.markup() ? s : new Value.Str(PyRepr.str(value), true);
      }
      case "string" -> {
        Params.bind("soft_str", args);
        yield value instanceof Value.Str ? value : Value.str(PyRepr.str(value));
      }
      case "title" -> {
        Matcher m = WORD_BEGINNING.matcher(str(value, args, "do_title"));
        StringBuilder out = new StringBuilder();
        String text = PyRepr.str(value);
        int from = 0;
        while (m.find()) {
          out.append(titleWord(text.substring(from, m.start()))).append(m.group());
          from = m.end();
        }
        yield Value.str(out.append(titleWord(text.substring(from))).toString());
      }
      case "tojson" -> tojson(value, args);
      case "trim" -> {
        String chars = Params.optionalString(Params.bind("do_trim", args, "chars?")[0], "strip");
        yield soft(value, PyStrings.strip(PyRepr.str(value), chars, true, true));
      }
      case "truncate" -> truncate(PyRepr.str(value), Params.bind("do_truncate", args, "length?", "killwords?", "end?", "leeway?"));
      case "wordcount" -> {
        Matcher m = WORD.matcher(str(value, args, "do_wordcount"));
        long n = 0;
        while (m.find()) {
          n++;
        }
        yield Value.integer(n);
      }
      default -> throw new TemplateException("TemplateRuntimeError", "No filter named '" + name + "' found.");
    };
  }

  private static String str(Value value, Callable.Arguments args, String function) {
    Params.bind(function, args);
    return PyRepr.str(value);
  }

  /** A string result that stays Markup when the input was (markupsafe's methods keep the type). */
  private static Value soft(Value input, String result) {
    return new Value.Str(result, input instanceof Value.Str s && s.markup());
  }

  private static String titleWord(String item) {
    if (item.isEmpty()) {
      return item;
    }
    int first = item.codePointAt(0);
    return PyStrings.upper(Character.toString(first)) + PyStrings.lower(item.substring(Character.charCount(first)));
  }

  private static Value indent(Value value, Value[] p) {
    String indention = p[0] instanceof Value.Str s ? s.value() : " ".repeat((int) Params.integer(p[0], 4));
    boolean first = p[1] != null && PyOps.truthy(p[1]);
    boolean blank = p[2] != null && PyOps.truthy(p[2]);
    String s = PyRepr.str(value) + "\n"; // Jinja2's quirk so that splitlines keeps a trailing empty line
    List<String> lines = PyStrings.splitlines(s, false);
    StringBuilder out = new StringBuilder();
    if (blank) {
      out.append(String.join("\n" + indention, lines));
    } else {
      out.append(lines.getFirst());
      for (String line : lines.subList(1, lines.size())) {
        out.append('\n').append(line.isEmpty() ? "" : indention + line);
      }
    }
    return soft(value, (first ? indention : "") + out);
  }

  private static Value toInt(Value value, Value[] p) {
    Value fallback = p[0] == null ? Value.integer(0) : p[0];
    long base = Params.integer(p[1], 10);
    if (value instanceof Value.Str s) {
      try {
        String digits = PyStrings.strip(s.value(), null, true, true).replace("_", "");
        if (base == 16 || base == 8 || base == 2) {
          digits = digits.replaceFirst("^([+-]?)0[xXoObB]", "$1");
        }
        return Value.integer(Long.parseLong(digits.startsWith("+") ? digits.substring(1) : digits, (int) base));
      } catch (IllegalArgumentException e) {
        // Jinja2's quirk: "42.23"|int is 42, through float().
        Value f = toFloat(value, Value.NONE);
        return f instanceof Value.Float real && !Double.isNaN(real.value()) && !Double.isInfinite(real.value())
            ? Value.integer((long) real.value()) : fallback;
      }
    }
    return switch (value) {
      case Value.Int i -> i;
      case Value.Bool b -> Value.integer(PyOps.asLong(b));
      case Value.Float f -> {
        if (Double.isNaN(f.value()) || Double.isInfinite(f.value())) {
          throw new TemplateException(Double.isNaN(f.value()) ? "ValueError" : "OverflowError",
              "cannot convert float " + PyRepr.floatRepr(f.value()) + " to integer");
        }
        yield Value.integer((long) f.value());
      }
      default -> fallback;
    };
  }

  /** Python's {@code float(value)}, or {@code fallback} (0.0 when null) when it fails. */
  private static Value toFloat(Value value, Value fallback) {
    Value otherwise = fallback == null ? new Value.Float(0.0) : fallback;
    return switch (value) {
      case Value.Float f -> f;
      case Value.Int i -> new Value.Float(i.value());
      case Value.Bool b -> new Value.Float(PyOps.asLong(b));
      case Value.Str s -> {
        String text = PyStrings.strip(s.value(), null, true, true).replace("_", "").toLowerCase(java.util.Locale.ROOT);
        try {
          yield switch (text) {
            case "nan", "+nan", "-nan" -> new Value.Float(Double.NaN);
            case "inf", "+inf", "infinity", "+infinity" -> new Value.Float(Double.POSITIVE_INFINITY);
            case "-inf", "-infinity" -> new Value.Float(Double.NEGATIVE_INFINITY);
            default -> text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?")
                ? new Value.Float(Double.parseDouble(text)) : otherwise;
          };
        } catch (NumberFormatException e) {
          yield otherwise;
        }
      }
      default -> otherwise;
    };
  }

  private static Value round(Value value, Value[] p) {
    long precision = Params.integer(p[0], 0);
    String method = p[1] == null ? "common" : PyRepr.str(p[1]);
    if (!PyOps.isNumber(value)) {
      throw TemplateException.typeError("type " + PyRepr.typeName(value) + " doesn't define __round__ method");
    }
    double x = PyOps.asDouble(value);
    double scale = Math.pow(10, precision);
    return switch (method) {
      case "common" -> {
        if (value instanceof Value.Float) {
          yield new Value.Float(new java.math.BigDecimal(x).setScale((int) precision, java.math.RoundingMode.HALF_EVEN).doubleValue());
        }
        yield value instanceof Value.Bool ? Value.integer(PyOps.asLong(value)) : value;
      }
      case "ceil" -> new Value.Float(Math.ceil(x * scale) / scale);
      case "floor" -> new Value.Float(Math.floor(x * scale) / scale);
      default -> throw new TemplateException("FilterArgumentError", "method must be common, ceil or floor");
    };
  }

  private static Value truncate(String s, Value[] p) {
    long length = Params.integer(p[0], 255);
    boolean killwords = p[1] != null && PyOps.truthy(p[1]);
    String end = p[2] == null ? "..." : PyRepr.str(p[2]);
    long leeway = Params.integer(p[3], 5);
    long size = s.codePointCount(0, s.length());
    if (size <= length + leeway) {
      return Value.str(s);
    }
    String head = s.substring(0, PyStrings.offset(s, Math.max(0, length - end.length())));
    if (killwords) {
      return Value.str(head + end);
    }
    int space = head.lastIndexOf(' ');
    return Value.str((space >= 0 ? head.substring(0, space) : head) + end);
  }

  /** Hugging Face's {@code tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False)}. */
  private static Value tojson(Value value, Callable.Arguments args) {
    Value[] p = Params.bind("tojson", args, "ensure_ascii?", "indent?", "separators?", "sort_keys?");
    boolean ensureAscii = p[0] != null && PyOps.truthy(p[0]);
    String indent = switch (p[1]) {
      case null -> null;
      case Value.None n -> null;
      case Value.Str s -> s.value();
      default -> " ".repeat((int) Math.max(0, Params.integer(p[1], 0)));
    };
    String itemSeparator = indent == null ? ", " : ",";
    String keySeparator = ": ";
    if (p[2] != null && !(p[2] instanceof Value.None)) {
      List<Value> separators = PyOps.iterate(p[2]);
      if (separators.size() != 2) {
        throw new TemplateException("ValueError", "too many values to unpack (expected 2)");
      }
      itemSeparator = PyRepr.str(separators.get(0));
      keySeparator = PyRepr.str(separators.get(1));
    }
    boolean sortKeys = p[3] != null && PyOps.truthy(p[3]);
    return Value.str(PyJson.dumps(value, new PyJson.Options(ensureAscii, indent, itemSeparator, keySeparator, sortKeys)));
  }
}
