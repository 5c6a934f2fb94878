package dev.tether.engine.template;

import java.util.List;

/** An expression of the template language, as parsed. Optional parts are {@code null} when absent. */
sealed interface Expr {
  /** A literal. */
  record Const(Value value) implements Expr {}

  /** A variable. */
  record Name(String name) implements Expr {}

  /** {@code [a, b]}. */
  record ListLiteral(List<Expr> items) implements Expr {}

  /** {@code (a, b)} or {@code a, b}. */
  record TupleLiteral(List<Expr> items) implements Expr {}

  /** {@code {k: v, …}}. */
  record DictLiteral(List<Expr> keys, List<Expr> values) implements Expr {}

  /** {@code target.name}. */
  record GetAttr(Expr target, String name) implements Expr {}

  /** {@code target[key]}; the key may be a {@link Slice}. */
  record GetItem(Expr target, Expr key) implements Expr {}

  /** {@code start:stop:step} inside brackets; each part may be null. */
  record Slice(Expr start, Expr stop, Expr step) implements Expr {}

  /** {@code target(args)}. */
  record Call(Expr target, Args args) implements Expr {}

  /** {@code target|name(args)}; in a filter block or {@code set} block the target is null. */
  record Filter(Expr target, String name, Args args) implements Expr {}

  /** {@code target is name args}. */
  record Test(Expr target, String name, Args args) implements Expr {}

  /** {@code not operand}. */
  record Not(Expr operand) implements Expr {}

  /** {@code -operand} or {@code +operand}. */
  record Unary(String op, Expr operand) implements Expr {}

  /** An arithmetic operator: {@code + - * / // % **}. */
  record Binary(String op, Expr left, Expr right) implements Expr {}

  /** {@code left and right} (Python's, yielding an operand). */
  record And(Expr left, Expr right) implements Expr {}

  /** {@code left or right} (Python's, yielding an operand). */
  record Or(Expr left, Expr right) implements Expr {}

  /** {@code a ~ b ~ c}: the operands as strings, joined. */
  record Concat(List<Expr> parts) implements Expr {}

  /** A chain of comparisons, {@code a < b <= c}, as in Python. */
  record Compare(Expr first, List<Operand> rest) implements Expr {}

  /** One link of a comparison chain: {@code eq ne lt lteq gt gteq in notin}. */
  record Operand(String op, Expr expr) {}

  /** {@code then if test else otherwise}; without else, a false test gives undefined. */
  record Conditional(Expr test, Expr then, Expr otherwise) implements Expr {}

  /**
   * The arguments of a call, filter or test.
   *
   * @param positional positional arguments
   * @param keywords keyword arguments
   * @param varargs {@code *expr}, or null
   * @param kwargs {@code **expr}, or null
   */
  record Args(List<Expr> positional, List<Keyword> keywords, Expr varargs, Expr kwargs) {
    static final Args NONE = new Args(List.of(), List.of(), null, null);
  }

  /** {@code name=value} in a call. */
  record Keyword(String name, Expr value) {}
}
