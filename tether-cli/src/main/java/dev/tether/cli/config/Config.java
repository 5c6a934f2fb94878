package dev.tether.cli.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The effective configuration: every value with the {@link Source} it came from. Built by
 * {@link ConfigLoader}; immutable.
 */
public final class Config {
  /** One effective value. */
  public record Entry(Object value, Source source) {}

  private final Map<String, Entry> entries;
  private final List<Path> files;

  Config(Map<String, Entry> entries, List<Path> files) {
    this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    this.files = List.copyOf(files);
  }

  /** Built-in defaults only: what tests and embedders get without any file. */
  public static Config defaults() {
    return ConfigLoader.builtIn();
  }

  /** The files read, in precedence order (lowest first). */
  public List<Path> files() {
    return files;
  }

  /** Every value set, keyed by concrete dotted path, in schema order. */
  public Map<String, Entry> entries() {
    return entries;
  }

  public String string(String path) {
    Object v = value(path);
    return v == null ? "" : (String) v;
  }

  public int integer(String path) {
    return (Integer) value(path);
  }

  public boolean bool(String path) {
    return Boolean.TRUE.equals(value(path));
  }

  public int tokens(String path) {
    return (Integer) value(path);
  }

  public long bytes(String path) {
    return (Long) value(path);
  }

  public Duration duration(String path) {
    return (Duration) value(path);
  }

  @SuppressWarnings("unchecked")
  public List<String> strings(String path) {
    Object v = value(path);
    return v == null ? List.of() : (List<String>) v;
  }

  /** Whether a value is set (a backend's optional field, for one). */
  public boolean has(String path) {
    return entries.containsKey(path);
  }

  /** Where a value came from. */
  public Source source(String path) {
    Entry e = entries.get(path);
    return e == null ? new Source.Default() : e.source();
  }

  /** A string table such as {@code claude.env} or {@code backends.NAME.models}: name → value, in order. */
  public Map<String, String> table(String prefix) {
    Map<String, String> table = new LinkedHashMap<>();
    String p = prefix + ".";
    entries.forEach((k, e) -> {
      if (k.startsWith(p)) {
        table.put(k.substring(p.length()), (String) e.value());
      }
    });
    return table;
  }

  /** The configured backend names, in the order they first appear. */
  public Set<String> backendNames() {
    Set<String> names = new LinkedHashSet<>();
    for (String k : entries.keySet()) {
      if (k.startsWith(Schema.BACKENDS + ".")) {
        names.add(k.split("\\.")[1]);
      }
    }
    return names;
  }

  private Object value(String path) {
    Entry e = entries.get(path);
    return e == null ? null : e.value();
  }
}
