package dev.tether.engine.template;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Walks parsed templates: finds which special names a macro body uses, and rejects unknown filters
 * and tests at parse time as Jinja2's compiler does — except inside an {@code if} or a conditional
 * expression (a "soft" frame), where Jinja2 defers the error until the filter actually runs.
 */
final class Names {
  private Names() {}

  /** Which of {@code names} the body reads. */
  static Set<String> undeclared(List<Node> body, Set<String> names) {
    Set<String> found = new HashSet<>();
    walk(body, false, (expr, soft) -> {
      if (expr instanceof Expr.Name n && names.contains(n.name())) {
        found.add(n.name());
      }
    });
    return found;
  }

  /**
   * Fails with Jinja2's {@code TemplateAssertionError} for a filter or test that does not exist
   * outside a soft frame.
   */
  static void checkFiltersAndTests(List<Node> body) {
    walk(body, false, (expr, soft) -> {
      if (soft) {
        return;
      }
      if (expr instanceof Expr.Filter f && !Filters.exists(f.name())) {
        throw new TemplateException("TemplateAssertionError", "No filter named '" + f.name() + "'.");
      }
      if (expr instanceof Expr.Test t && !Tests.exists(t.name())) {
        throw new TemplateException("TemplateAssertionError", "No test named '" + t.name() + "'.");
      }
    });
  }

  private static void walk(List<Node> body, boolean soft, BiConsumer<Expr, Boolean> visit) {
    for (Node node : body) {
      walk(node, soft, visit);
    }
  }

  private static void walk(Node node, boolean soft, BiConsumer<Expr, Boolean> visit) {
    switch (node) {
      case Node.Text t -> {}
      case Node.Print p -> walk(p.expr(), soft, visit);
      case Node.If i -> {
        for (Node.Branch branch : i.branches()) {
          walk(branch.test(), true, visit);
          walk(branch.body(), true, visit);
        }
        walk(i.otherwise(), true, visit);
      }
      case Node.For f -> {
        walk(f.iterable(), soft, visit);
        walk(f.filter(), false, visit);
        walk(f.body(), false, visit);
        walk(f.otherwise(), false, visit);
      }
      case Node.Set s -> walk(s.value(), soft, visit);
      case Node.SetBlock s -> {
        walk(s.filter(), false, visit);
        walk(s.body(), false, visit);
      }
      case Node.Macro m -> {
        m.signature().defaults().forEach(d -> walk(d, false, visit));
        walk(m.body(), false, visit);
      }
      case Node.CallBlock c -> {
        walk(c.call(), soft, visit);
        c.signature().defaults().forEach(d -> walk(d, false, visit));
        walk(c.body(), false, visit);
      }
      case Node.FilterBlock f -> {
        walk(f.filter(), false, visit);
        walk(f.body(), false, visit);
      }
      case Node.With w -> {
        w.values().forEach(v -> walk(v, soft, visit));
        walk(w.body(), false, visit);
      }
      case Node.Scoped s -> walk(s.body(), false, visit);
      case Node.Break b -> {}
      case Node.Continue c -> {}
    }
  }

  private static void walk(Expr expr, boolean soft, BiConsumer<Expr, Boolean> visit) {
    if (expr == null) {
      return;
    }
    visit.accept(expr, soft);
    switch (expr) {
      case Expr.Const c -> {}
      case Expr.Name n -> {}
      case Expr.ListLiteral l -> l.items().forEach(e -> walk(e, soft, visit));
      case Expr.TupleLiteral t -> t.items().forEach(e -> walk(e, soft, visit));
      case Expr.DictLiteral d -> {
        d.keys().forEach(e -> walk(e, soft, visit));
        d.values().forEach(e -> walk(e, soft, visit));
      }
      case Expr.GetAttr g -> walk(g.target(), soft, visit);
      case Expr.GetItem g -> {
        walk(g.target(), soft, visit);
        walk(g.key(), soft, visit);
      }
      case Expr.Slice s -> {
        walk(s.start(), soft, visit);
        walk(s.stop(), soft, visit);
        walk(s.step(), soft, visit);
      }
      case Expr.Call c -> {
        walk(c.target(), soft, visit);
        walk(c.args(), soft, visit);
      }
      case Expr.Filter f -> {
        walk(f.target(), soft, visit);
        walk(f.args(), soft, visit);
      }
      case Expr.Test t -> {
        walk(t.target(), soft, visit);
        walk(t.args(), soft, visit);
      }
      case Expr.Not n -> walk(n.operand(), soft, visit);
      case Expr.Unary u -> walk(u.operand(), soft, visit);
      case Expr.Binary b -> {
        walk(b.left(), soft, visit);
        walk(b.right(), soft, visit);
      }
      case Expr.And a -> {
        walk(a.left(), soft, visit);
        walk(a.right(), soft, visit);
      }
      case Expr.Or o -> {
        walk(o.left(), soft, visit);
        walk(o.right(), soft, visit);
      }
      case Expr.Concat c -> c.parts().forEach(e -> walk(e, soft, visit));
      case Expr.Compare c -> {
        walk(c.first(), soft, visit);
        c.rest().forEach(o -> walk(o.expr(), soft, visit));
      }
      case Expr.Conditional c -> {
        walk(c.test(), true, visit);
        walk(c.then(), true, visit);
        walk(c.otherwise(), true, visit);
      }
    }
  }

  private static void walk(Expr.Args args, boolean soft, BiConsumer<Expr, Boolean> visit) {
    args.positional().forEach(e -> walk(e, soft, visit));
    args.keywords().forEach(k -> walk(k.value(), soft, visit));
    walk(args.varargs(), soft, visit);
    walk(args.kwargs(), soft, visit);
  }
}
