package dev.tether.engine.template;

import java.util.List;

/** A statement of the template language, as parsed. Optional parts are {@code null} when absent. */
sealed interface Node {
  /** Literal text. */
  record Text(String text) implements Node {}

  /** {@code {{ expr }}}. */
  record Print(Expr expr) implements Node {}

  /** {@code if / elif / else}. */
  record If(List<Branch> branches, List<Node> otherwise) implements Node {}

  /** One {@code if} or {@code elif} test and its body. */
  record Branch(Expr test, List<Node> body) {}

  /** {@code for target in iterable [if filter] [recursive] … [else …] endfor}. */
  record For(Target target, Expr iterable, Expr filter, List<Node> body, List<Node> otherwise, boolean recursive)
      implements Node {}

  /** {@code set target = value}. */
  record Set(Target target, Expr value) implements Node {}

  /** {@code set target [| filter] … endset}: the rendered body, optionally filtered. */
  record SetBlock(Target target, Expr filter, List<Node> body) implements Node {}

  /** {@code macro name(params) … endmacro}. */
  record Macro(String name, Signature signature, List<Node> body) implements Node {}

  /** {@code call[(params)] expr … endcall}: calls {@code call} with the body as {@code caller}. */
  record CallBlock(Expr.Call call, Signature signature, List<Node> body) implements Node {}

  /** {@code filter name … endfilter}; {@code filter} is a filter chain whose innermost target is null. */
  record FilterBlock(Expr filter, List<Node> body) implements Node {}

  /** {@code with a = 1, b = 2 … endwith}. */
  record With(List<Target> targets, List<Expr> values, List<Node> body) implements Node {}

  /** A body rendered in its own scope: Hugging Face's {@code generation} tag. */
  record Scoped(List<Node> body) implements Node {}

  /** {@code break}. */
  record Break() implements Node {}

  /** {@code continue}. */
  record Continue() implements Node {}

  /**
   * The parameters of a macro or call block.
   *
   * @param names parameter names
   * @param defaults default expressions of the last {@code defaults.size()} parameters
   * @param varargs whether the body uses {@code varargs} (extra positional arguments)
   * @param kwargs whether the body uses {@code kwargs} (extra keyword arguments)
   * @param caller whether the body uses {@code caller}
   */
  record Signature(List<String> names, List<Expr> defaults, boolean varargs, boolean kwargs, boolean caller) {}

  /** Where {@code set} and {@code for} store values. */
  sealed interface Target {
    /** A variable. */
    record Name(String name) implements Target {}

    /** Unpacking: {@code a, b}. */
    record Tuple(List<Target> items) implements Target {}

    /** {@code ns.attr} of a namespace. */
    record NamespaceAttr(String namespace, String attr) implements Target {}
  }
}
