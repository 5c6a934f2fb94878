package dev.tether.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tether.api.json.Json;
import java.io.UncheckedIOException;

/**
 * The control plane's JSON mapper: the project's {@link Json#MAPPER} (unknown properties tolerated, null
 * omitted) plus {@code java.time}, with instants as ISO-8601 strings ({@code 2026-05-01T10:00:00.123Z}).
 */
public final class ControlJson {
  public static final ObjectMapper MAPPER = Json.MAPPER.copy()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      // Counts an agent leaves out are zero (usage without cache fields, say).
      .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private ControlJson() {}

  /** Compact JSON text of {@code value}. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JSON tree of {@code value}. */
  public static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /** Parses JSON text into a tree. */
  public static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
