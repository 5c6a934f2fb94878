package dev.tether.engine.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Runs parsed statements for one render. Not thread-safe; a fresh one per render.
 *
 * <p>Limits keep a hostile template from exhausting the process (Python Jinja2 has its recursion
 * limit; we add an output and loop budget): at most {@link #MAX_OUTPUT_CHARS} characters written
 * by any one block, {@link #MAX_CALL_DEPTH} nested macro calls and {@link #MAX_ITERATIONS} loop
 * iterations in all.
 */
final class Interpreter {
  /** The most characters one render (or one captured block) may produce. */
  static final int MAX_OUTPUT_CHARS = 64 << 20;
  /** The deepest macro nesting, standing in for Python's recursion limit. */
  static final int MAX_CALL_DEPTH = 250;
  /** The most loop iterations one render may run. */
  static final long MAX_ITERATIONS = 20_000_000;

  /** How a statement list finished. */
  enum Flow {
    NORMAL,
    BREAK,
    CONTINUE
  }

  private final Evaluator evaluator = new Evaluator(this);
  private int callDepth;
  private long iterations;

  /** Renders a whole template in {@code scope}. */
  String render(List<Node> body, Scope scope) {
    StringBuilder out = new StringBuilder();
    run(body, scope, out);
    return out.toString();
  }

  Evaluator evaluator() {
    return evaluator;
  }

  Flow run(List<Node> body, Scope scope, StringBuilder out) {
    for (Node node : body) {
      Flow flow = run(node, scope, out);
      if (flow != Flow.NORMAL) {
        return flow;
      }
    }
    return Flow.NORMAL;
  }

  private Flow run(Node node, Scope scope, StringBuilder out) {
    switch (node) {
      case Node.Text t -> write(out, t.text());
      case Node.Print p -> write(out, PyRepr.str(evaluator.eval(p.expr(), scope)));
      case Node.If i -> {
        for (Node.Branch branch : i.branches()) {
          if (PyOps.truthy(evaluator.eval(branch.test(), scope))) {
            return run(branch.body(), scope, out);
          }
        }
        return run(i.otherwise(), scope, out);
      }
      case Node.For f -> forLoop(f, evaluator.eval(f.iterable(), scope), scope, out, 0);
      case Node.Set s -> assign(s.target(), evaluator.eval(s.value(), scope), scope);
      case Node.SetBlock s -> {
        Value body = capture(s.body(), new Scope(scope));
        assign(s.target(), s.filter() == null ? body : evaluator.applyFilterChain(s.filter(), body, scope), scope);
      }
      case Node.Macro m -> scope.set(m.name(), macro(m.name(), m.signature(), m.body(), scope));
      case Node.CallBlock c -> {
        Callable caller = macro("caller", c.signature(), c.body(), scope);
        write(out, PyRepr.str(evaluator.call(c.call(), scope, caller)));
      }
      case Node.FilterBlock f -> {
        Value body = capture(f.body(), new Scope(scope));
        write(out, PyRepr.str(evaluator.applyFilterChain(f.filter(), body, scope)));
      }
      case Node.With w -> {
        Scope inner = new Scope(scope);
        for (int i = 0; i < w.targets().size(); i++) {
          assign(w.targets().get(i), evaluator.eval(w.values().get(i), scope), inner);
        }
        run(w.body(), inner, out);
      }
      case Node.Scoped s -> run(s.body(), new Scope(scope), out);
      case Node.Break b -> {
        return Flow.BREAK;
      }
      case Node.Continue c -> {
        return Flow.CONTINUE;
      }
    }
    return Flow.NORMAL;
  }

  private static void write(StringBuilder out, String text) {
    if (out.length() + (long) text.length() > MAX_OUTPUT_CHARS) {
      throw new TemplateException("MemoryError", "the template wrote more than " + MAX_OUTPUT_CHARS + " characters");
    }
    out.append(text);
  }

  private Value.Str capture(List<Node> body, Scope scope) {
    StringBuilder buffer = new StringBuilder();
    run(body, scope, buffer);
    return Value.str(buffer.toString());
  }

  private void forLoop(Node.For loop, Value iterable, Scope scope, StringBuilder out, int depth) {
    List<Value> items = PyOps.iterate(iterable);
    if (loop.filter() != null) {
      List<Value> kept = new ArrayList<>();
      for (Value item : items) {
        Scope test = new Scope(scope);
        assign(loop.target(), item, test);
        if (PyOps.truthy(evaluator.eval(loop.filter(), test))) {
          kept.add(item);
        }
      }
      items = kept;
    }
    Callable.Body recurse = !loop.recursive() ? null : arguments -> {
      StringBuilder buffer = new StringBuilder();
      forLoop(loop, arguments.positional().isEmpty() ? Value.Undefined.variable("loop") : arguments.positional().getFirst(),
          scope, buffer, depth + 1);
      return Value.str(buffer.toString());
    };
    LoopContext context = new LoopContext(items, depth, recurse);
    for (int i = 0; i < items.size(); i++) {
      if (++iterations > MAX_ITERATIONS) {
        throw new TemplateException("RuntimeError", "the template ran more than " + MAX_ITERATIONS + " loop iterations");
      }
      Scope inner = new Scope(scope);
      context.moveTo(i);
      inner.set("loop", context);
      assign(loop.target(), items.get(i), inner);
      if (run(loop.body(), inner, out) == Flow.BREAK) {
        break;
      }
    }
    if (items.isEmpty()) {
      run(loop.otherwise(), new Scope(scope), out);
    }
  }

  /** Stores a value into a target: a variable, an unpacked tuple or a namespace attribute. */
  void assign(Node.Target target, Value value, Scope scope) {
    switch (target) {
      case Node.Target.Name n -> scope.set(n.name(), value);
      case Node.Target.Tuple t -> {
        List<Value> items = PyOps.iterate(value);
        int expected = t.items().size();
        if (items.size() < expected) {
          throw new TemplateException("ValueError",
              "not enough values to unpack (expected " + expected + ", got " + items.size() + ")");
        }
        if (items.size() > expected) {
          throw new TemplateException("ValueError", "too many values to unpack (expected " + expected + ")");
        }
        for (int i = 0; i < expected; i++) {
          assign(t.items().get(i), items.get(i), scope);
        }
      }
      case Node.Target.NamespaceAttr a -> {
        if (!(scope.lookup(a.namespace()) instanceof Namespace namespace)) {
          throw new TemplateException("TemplateRuntimeError", "cannot assign attribute on non-namespace object");
        }
        namespace.set(a.attr(), value);
      }
    }
  }

  /** A macro (or the {@code caller} of a call block) closing over {@code scope}. */
  private Callable macro(String name, Node.Signature signature, List<Node> body, Scope scope) {
    return new Callable(name, Callable.MACRO, null, arguments -> invoke(name, signature, body, scope, arguments));
  }

  /** Jinja2's {@code Macro.__call__}: binds arguments, defaults and the special names, then renders. */
  private Value invoke(String name, Node.Signature signature, List<Node> body, Scope closure,
      Callable.Arguments arguments) {
    List<String> names = signature.names();
    List<Value> positional = arguments.positional();
    SequencedMap<String, Value> keywords = new LinkedHashMap<>(arguments.keywords());
    Scope scope = new Scope(closure);
    Value[] bound = new Value[names.size()];
    for (int i = 0; i < Math.min(positional.size(), names.size()); i++) {
      bound[i] = positional.get(i);
    }
    boolean foundCaller = names.contains("caller");
    if (positional.size() < names.size()) {
      foundCaller = false;
      for (int i = positional.size(); i < names.size(); i++) {
        bound[i] = keywords.remove(names.get(i));
        foundCaller |= names.get(i).equals("caller");
      }
    }
    if (signature.caller() && !foundCaller) {
      Value caller = keywords.remove("caller");
      scope.set("caller", caller != null ? caller : Value.Undefined.hinted("No caller defined"));
    }
    if (signature.kwargs()) {
      Map<String, Value> extra = new LinkedHashMap<>(keywords);
      scope.set("kwargs", Value.dict(extra));
    } else if (!keywords.isEmpty()) {
      if (keywords.containsKey("caller")) {
        throw TemplateException.typeError("macro '" + name + "' was invoked with two values for the special"
            + " caller argument. This is most likely a bug.");
      }
      throw TemplateException.typeError("macro '" + name + "' takes no keyword argument '"
          + keywords.firstEntry().getKey() + "'");
    }
    if (signature.varargs()) {
      List<Value> extra = positional.size() > names.size() ? positional.subList(names.size(), positional.size()) : List.of();
      scope.set("varargs", new Value.Seq(extra, Value.Seq.TUPLE));
    } else if (positional.size() > names.size()) {
      throw TemplateException.typeError("macro '" + name + "' takes not more than " + names.size() + " argument(s)");
    }
    int firstDefault = names.size() - signature.defaults().size();
    for (int i = 0; i < names.size(); i++) {
      if (bound[i] != null) {
        scope.set(names.get(i), bound[i]);
      }
    }
    for (int i = 0; i < names.size(); i++) {
      if (bound[i] == null) {
        scope.set(names.get(i), i >= firstDefault
            ? evaluator.eval(signature.defaults().get(i - firstDefault), scope)
            : new Value.Undefined(Value.str(names.get(i)), null,
                "parameter '" + names.get(i) + "' was not provided", "UndefinedError"));
      }
    }
    if (callDepth >= MAX_CALL_DEPTH) {
      throw new TemplateException("RecursionError", "maximum recursion depth exceeded");
    }
    callDepth++;
    try {
      return capture(body, scope);
    } finally {
      callDepth--;
    }
  }
}
