package dev.tether.engine.toolcall;

import dev.tether.engine.json.Json;
import dev.tether.engine.json.JsonException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turning the JSON shapes models use for calls into {@link Segment.ToolCall}s. */
final class Calls {
  private Calls() {}

  /**
   * Reads JSON text holding one call object or a non-empty array of them (Hermes, Llama, Mistral).
   * Empty if the text is not valid JSON or any element is not a call.
   */
  static Optional<List<Segment.ToolCall>> fromJsonText(String json) {
    Object value;
    try {
      value = Json.parse(json);
    } catch (JsonException e) {
      return Optional.empty();
    }
    if (value instanceof List<?> items) {
      if (items.isEmpty()) {
        return Optional.empty();
      }
      List<Segment.ToolCall> calls = new ArrayList<>(items.size());
      for (Object item : items) {
        Optional<Segment.ToolCall> call = fromObject(item);
        if (call.isEmpty()) {
          return Optional.empty();
        }
        calls.add(call.get());
      }
      return Optional.of(calls);
    }
    return fromObject(value).map(List::of);
  }

  /**
   * Reads {@code {"name": …, "arguments"|"parameters": …}}; an OpenAI-style {@code {"function":
   * {…}}} wrapper is looked through.
   */
  static Optional<Segment.ToolCall> fromObject(Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      return Optional.empty();
    }
    if (!map.containsKey("name") && map.get("function") instanceof Map<?, ?> inner) {
      map = inner;
    }
    if (!(map.get("name") instanceof String name) || name.isBlank()) {
      return Optional.empty();
    }
    Object arguments = map.containsKey("arguments") ? map.get("arguments") : map.get("parameters");
    return argumentsJson(arguments).map(json -> new Segment.ToolCall(name.strip(), json));
  }

  /**
   * Normalises call arguments to compact JSON object text: absent means {@code {}}, and a string
   * is taken as JSON-encoded arguments (models often double-encode). Anything that does not end up
   * as an object is rejected.
   */
  static Optional<String> argumentsJson(Object arguments) {
    return switch (arguments) {
      case null -> Optional.of("{}");
      case Map<?, ?> map -> Optional.of(Json.write(map));
      case String text -> text.isBlank() ? Optional.of("{}") : argumentsFromText(text);
      default -> Optional.empty();
    };
  }

  /** Parses argument text that should be a JSON object (or a JSON string holding one). */
  static Optional<String> argumentsFromText(String text) {
    if (text.isBlank()) {
      return Optional.of("{}");
    }
    try {
      Object parsed = Json.parse(text);
      if (parsed instanceof String inner) {
        parsed = inner.isBlank() ? Map.of() : Json.parse(inner);
      }
      return parsed instanceof Map<?, ?> map ? Optional.of(Json.write(map)) : Optional.empty();
    } catch (JsonException e) {
      return Optional.empty();
    }
  }
}
