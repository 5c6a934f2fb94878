package dev.tether.engine.template;

import java.util.List;

/**
 * Jinja2's {@code loop} variable inside a {@code {% for %}}: {@code index}, {@code index0}, {@code
 * revindex}, {@code revindex0}, {@code first}, {@code last}, {@code length}, {@code depth}, {@code
 * depth0}, {@code previtem}, {@code nextitem}, {@code cycle(…)} and {@code changed(…)}. In a
 * {@code recursive} loop, calling it renders the loop body over another sequence.
 */
public final class LoopContext implements Value {
  private final List<Value> items;
  private final int depth0;
  private final Callable.Body recurse;
  private int index0 = -1;
  private Value lastChanged;

  /**
   * @param items the items being iterated (after the loop's {@code if} filter)
   * @param depth0 nesting depth of a recursive loop, 0 at the top
   * @param recurse renders the loop over another sequence, or {@code null} if not recursive
   */
  LoopContext(List<Value> items, int depth0, Callable.Body recurse) {
    this.items = items;
    this.depth0 = depth0;
    this.recurse = recurse;
  }

  /** Moves to item {@code index0}. */
  void moveTo(int index0) {
    this.index0 = index0;
  }

  /** What calling {@code loop(…)} does, or {@code null} if the loop is not recursive. */
  Callable.Body recurse() {
    return recurse;
  }

  /** 1-based position, for {@code repr}. */
  int index() {
    return index0 + 1;
  }

  /** Number of items, for {@code repr}. */
  int length() {
    return items.size();
  }

  /** The value of {@code loop.<name>}, or {@code null} if there is no such attribute. */
  Value attribute(String name) {
    int length = items.size();
    return switch (name) {
      case "index" -> Value.integer(index0 + 1L);
      case "index0" -> Value.integer(index0);
      case "revindex" -> Value.integer((long) length - index0);
      case "revindex0" -> Value.integer((long) length - index0 - 1);
      case "first" -> Value.bool(index0 == 0);
      case "last" -> Value.bool(index0 == length - 1);
      case "length" -> Value.integer(length);
      case "depth" -> Value.integer(depth0 + 1L);
      case "depth0" -> Value.integer(depth0);
      case "previtem" ->
          index0 > 0 ? items.get(index0 - 1) : Value.Undefined.hinted("there is no previous item");
      case "nextitem" ->
          index0 + 1 < length ? items.get(index0 + 1) : Value.Undefined.hinted("there is no next item");
      case "cycle" -> Callable.method(this, "cycle", this::cycle);
      case "changed" -> Callable.method(this, "changed", this::changed);
      default -> null;
    };
  }

  private Value cycle(Callable.Arguments arguments) {
    List<Value> choices = arguments.positional();
    if (choices.isEmpty()) {
      throw new TemplateException("TypeError", "no items for cycling given");
    }
    return choices.get(index0 % choices.size());
  }

  private Value changed(Callable.Arguments arguments) {
    Value value = Value.Seq.tuple(arguments.positional().toArray(Value[]::new));
    if (lastChanged == null || !PyOps.eq(lastChanged, value)) {
      lastChanged = value;
      return Value.TRUE;
    }
    return Value.FALSE;
  }
}
