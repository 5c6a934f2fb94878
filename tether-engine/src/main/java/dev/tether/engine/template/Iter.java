package dev.tether.engine.template;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A single-use Python iterator: a generator (what {@code select}, {@code map}, {@code unique} and
 * friends return) or a builtin iterator such as {@code list_reverseiterator}. Like Python's, it is
 * lazy, always true, has no length, cannot be serialised to JSON, and is empty once consumed.
 */
public final class Iter implements Value {
  private final String type;
  private final Iterator<Value> source;

  /**
   * @param type the Python type name ({@code generator}, {@code list_reverseiterator}, …)
   * @param source yields the items on demand; it may throw {@link TemplateException}
   */
  Iter(String type, Iterator<Value> source) {
    this.type = type;
    this.source = source;
  }

  /** The Python type name. */
  public String type() {
    return type;
  }

  /** The next item, or {@code null} when exhausted. */
  Value next() {
    return source.hasNext() ? source.next() : null;
  }

  /** The items not yet consumed; afterwards the iterator is exhausted. */
  List<Value> drain() {
    List<Value> items = new ArrayList<>();
    while (source.hasNext()) {
      items.add(source.next());
    }
    return items;
  }
}
