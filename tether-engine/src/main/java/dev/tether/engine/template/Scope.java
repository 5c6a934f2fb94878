package dev.tether.engine.template;

import java.util.HashMap;
import java.util.Map;

/**
 * Variables visible at one point of a render. Jinja2's scoping: a {@code for} iteration, a macro
 * call, a {@code with} block and a block {@code set} each get a child scope, so assignments inside
 * them do not leak out (hence {@code namespace()}); {@code if} does not.
 */
final class Scope {
  private final Scope parent;
  private final Map<String, Value> variables = new HashMap<>();

  Scope(Scope parent) {
    this.parent = parent;
  }

  /** The nearest value of {@code name}, or {@code null} if no scope has it. */
  Value lookup(String name) {
    for (Scope scope = this; scope != null; scope = scope.parent) {
      Value value = scope.variables.get(name);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /** Assigns in this scope. */
  void set(String name, Value value) {
    variables.put(name, value);
  }
}
