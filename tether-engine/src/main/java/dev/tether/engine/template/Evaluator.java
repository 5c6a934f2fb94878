package dev.tether.engine.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/** Evaluates expressions with Python's semantics, through the sandbox's attribute rules. */
final class Evaluator {
  private final Interpreter interpreter;

  Evaluator(Interpreter interpreter) {
    this.interpreter = interpreter;
  }

  Interpreter interpreter() {
    return interpreter;
  }

  Value eval(Expr expr, Scope scope) {
    return switch (expr) {
      case Expr.Const c -> c.value();
      case Expr.Name n -> {
        Value value = scope.lookup(n.name());
        yield value != null ? value : Value.Undefined.variable(n.name());
      }
      case Expr.ListLiteral l -> new Value.Seq(evalAll(l.items(), scope), Value.Seq.LIST);
      case Expr.TupleLiteral t -> new Value.Seq(evalAll(t.items(), scope), Value.Seq.TUPLE);
      case Expr.DictLiteral d -> {
        SequencedMap<Value, Value> map = new LinkedHashMap<>();
        for (int i = 0; i < d.keys().size(); i++) {
          Value key = eval(d.keys().get(i), scope);
          PyOps.requireHashable(key);
          Value.Dict.put(map, key, eval(d.values().get(i), scope));
        }
        yield new Value.Dict(map);
      }
      case Expr.GetAttr g -> Attributes.getattr(eval(g.target(), scope), g.name());
      case Expr.GetItem g -> {
        Value target = eval(g.target(), scope);
        if (g.key() instanceof Expr.Slice s) {
          yield Attributes.slice(target, evalOrNull(s.start(), scope), evalOrNull(s.stop(), scope),
              evalOrNull(s.step(), scope));
        }
        yield Attributes.getitem(target, eval(g.key(), scope));
      }
      case Expr.Slice s -> throw new TemplateException(TemplateException.SYNTAX_ERROR, "a slice outside brackets");
      case Expr.Call c -> call(c, scope, null);
      case Expr.Filter f -> applyFilter(f, eval(f.target(), scope), scope);
      case Expr.Test t -> Value.bool(Tests.apply(t.name(), eval(t.target(), scope), arguments(t.args(), scope), this));
      case Expr.Not n -> Value.bool(!PyOps.truthy(eval(n.operand(), scope)));
      case Expr.Unary u -> PyMath.unary(u.op(), eval(u.operand(), scope));
      case Expr.Binary b -> PyMath.binary(b.op(), eval(b.left(), scope), eval(b.right(), scope));
      case Expr.And a -> {
        Value left = eval(a.left(), scope);
        yield PyOps.truthy(left) ? eval(a.right(), scope) : left;
      }
      case Expr.Or o -> {
        Value left = eval(o.left(), scope);
        yield PyOps.truthy(left) ? left : eval(o.right(), scope);
      }
      case Expr.Concat c -> {
        StringBuilder out = new StringBuilder();
        for (Expr part : c.parts()) {
          out.append(PyRepr.str(eval(part, scope)));
        }
        yield Value.str(out.toString());
      }
      case Expr.Compare c -> compare(c, scope);
      case Expr.Conditional c -> {
        if (PyOps.truthy(eval(c.test(), scope))) {
          yield eval(c.then(), scope);
        }
        yield c.otherwise() != null ? eval(c.otherwise(), scope)
            : Value.Undefined.hinted("the inline if-expression evaluated to false and no else section was defined.");
      }
    };
  }

  private Value evalOrNull(Expr expr, Scope scope) {
    return expr == null ? Value.NONE : eval(expr, scope);
  }

  private List<Value> evalAll(List<Expr> exprs, Scope scope) {
    List<Value> values = new ArrayList<>(exprs.size());
    for (Expr e : exprs) {
      values.add(eval(e, scope));
    }
    return values;
  }

  private Value compare(Expr.Compare c, Scope scope) {
    Value left = eval(c.first(), scope);
    for (Expr.Operand operand : c.rest()) {
      Value right = eval(operand.expr(), scope);
      boolean result = switch (operand.op()) {
        case "==" -> PyOps.eq(left, right);
        case "!=" -> !PyOps.eq(left, right);
        case "<" -> PyOps.compare(left, right, "<") < 0;
        case "<=" -> PyOps.compare(left, right, "<=") <= 0;
        case ">" -> PyOps.compare(left, right, ">") > 0;
        case ">=" -> PyOps.compare(left, right, ">=") >= 0;
        case "in" -> PyOps.contains(right, left);
        case "notin" -> !PyOps.contains(right, left);
        default -> throw new IllegalStateException(operand.op());
      };
      if (!result) {
        return Value.FALSE;
      }
      left = right;
    }
    return Value.TRUE;
  }

  /** Evaluates a call; {@code caller}, if not null, is passed as the {@code caller} keyword (call blocks). */
  Value call(Expr.Call call, Scope scope, Callable caller) {
    Value target = eval(call.target(), scope);
    Callable.Arguments arguments = arguments(call.args(), scope);
    if (caller != null) {
      SequencedMap<String, Value> keywords = new LinkedHashMap<>(arguments.keywords());
      keywords.put("caller", caller);
      arguments = new Callable.Arguments(arguments.positional(), keywords);
    }
    return Attributes.call(target, arguments);
  }

  /** Evaluates arguments, spreading {@code *args} and {@code **kwargs}. */
  Callable.Arguments arguments(Expr.Args args, Scope scope) {
    if (args.positional().isEmpty() && args.keywords().isEmpty() && args.varargs() == null && args.kwargs() == null) {
      return Callable.Arguments.of();
    }
    List<Value> positional = evalAll(args.positional(), scope);
    if (args.varargs() != null) {
      positional.addAll(PyOps.iterate(eval(args.varargs(), scope)));
    }
    SequencedMap<String, Value> keywords = new LinkedHashMap<>();
    for (Expr.Keyword keyword : args.keywords()) {
      keywords.put(keyword.name(), eval(keyword.value(), scope));
    }
    if (args.kwargs() != null) {
      Value extra = eval(args.kwargs(), scope);
      if (!(extra instanceof Value.Dict d)) {
        throw TemplateException.typeError("argument after ** must be a mapping, not " + PyRepr.typeName(extra));
      }
      for (Map.Entry<Value, Value> e : d.map().entrySet()) {
        if (!(e.getKey() instanceof Value.Str key)) {
          throw TemplateException.typeError("keywords must be strings");
        }
        keywords.put(key.value(), e.getValue());
      }
    }
    return new Callable.Arguments(positional, keywords);
  }

  private Value applyFilter(Expr.Filter filter, Value target, Scope scope) {
    return Filters.apply(filter.name(), target, arguments(filter.args(), scope), this);
  }

  /** Applies a filter chain whose innermost target is null (filter blocks, {@code set} blocks) to {@code value}. */
  Value applyFilterChain(Expr chain, Value value, Scope scope) {
    Expr.Filter filter = (Expr.Filter) chain;
    Value target = filter.target() == null ? value : applyFilterChain(filter.target(), value, scope);
    return applyFilter(filter, target, scope);
  }
}
