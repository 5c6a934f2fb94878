package dev.tether.gateway.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.api.json.Json;
import java.io.UncheckedIOException;

/** Parses JSON literals in tests without checked exceptions. */
final class TestJson {
  private TestJson() {}

  static JsonNode json(String text) {
    try {
      return Json.tree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
