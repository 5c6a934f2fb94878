package dev.tether.engine.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/**
 * Jinja2's {@code namespace()}: the one mutable object a template may change, with {@code {% set
 * ns.attr = value %}}, so that a value set inside a loop survives the loop. It lives only while one
 * template renders.
 */
public final class Namespace implements Value {
  private final SequencedMap<String, Value> attributes = new LinkedHashMap<>();

  Namespace() {}

  /** The attribute's value, or {@code null} when it was never set. */
  Value get(String name) {
    return attributes.get(name);
  }

  /** Sets an attribute. */
  void set(String name, Value value) {
    attributes.put(name, value);
  }

  /** The attributes, in the order they were first set. */
  SequencedMap<String, Value> attributes() {
    return Collections.unmodifiableSequencedMap(attributes);
  }
}
