package dev.tether.engine.json;

/**
 * Entry points for reading and writing JSON.
 *
 * <p>Parsing yields {@link java.util.LinkedHashMap} for objects (key order kept, a repeated key
 * keeps its last value), {@link java.util.ArrayList} for arrays, {@link String}, {@link
 * java.math.BigDecimal} for every number (so no precision is lost), {@link Boolean} and {@code
 * null}. The collections are fresh and mutable; the caller owns them.
 */
public final class Json {
  /** The nesting depth {@link #parse(String)} accepts; deeper input is rejected, not a stack overflow. */
  public static final int DEFAULT_MAX_DEPTH = 512;

  private Json() {}

  /**
   * Parses one JSON value, allowing whitespace around it.
   *
   * @throws JsonException if the text is not exactly one valid JSON value
   */
  public static Object parse(String text) {
    return parse(text, DEFAULT_MAX_DEPTH);
  }

  /**
   * Parses one JSON value with a custom nesting limit.
   *
   * @param maxDepth how many arrays/objects may be nested inside each other
   * @throws JsonException if the text is not exactly one valid JSON value or nests deeper
   */
  public static Object parse(String text, int maxDepth) {
    return new JsonParser(text, maxDepth).parseDocument();
  }

  /**
   * Writes a value as compact JSON (no insignificant whitespace).
   *
   * <p>Accepts {@code null}, {@link Boolean}, {@link CharSequence}, {@link Number} (finite), {@link
   * java.util.Map} (keys written with {@link String#valueOf}), {@link Iterable} and arrays of
   * objects.
   *
   * @throws IllegalArgumentException for other types or non-finite numbers
   */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    JsonWriter.write(value, out);
    return out.toString();
  }

  /** Writes a string as a JSON string literal, quotes included. */
  public static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2);
    JsonWriter.writeString(text, out);
    return out.toString();
  }
}
