package dev.tether.gateway.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.api.error.ApiException;

/**
 * Typed reads of an OpenAI request body. Every failure is a 400 that names the offending field by
 * its path ({@code messages[2].tool_calls[0].id}), because OpenAI SDK users cannot see our records.
 */
final class ChatJson {
  private ChatJson() {}

  /** The field, or null when it is missing or JSON {@code null} (OpenAI clients send both). */
  static JsonNode field(JsonNode object, String name) {
    JsonNode value = object.get(name);
    return value == null || value.isNull() ? null : value;
  }

  /** {@code where.name}, or just {@code name} at the top level. */
  static String path(String where, String name) {
    return where.isEmpty() ? name : where + "." + name;
  }

  static String optionalText(JsonNode object, String name, String where) {
    JsonNode value = field(object, name);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw invalid(path(where, name) + " must be a string");
    }
    return value.asText();
  }

  static String requiredText(JsonNode object, String name, String where) {
    String value = optionalText(object, name, where);
    if (value == null || value.isEmpty()) {
      throw invalid(path(where, name) + " is required");
    }
    return value;
  }

  static Double optionalNumber(JsonNode object, String name, String where) {
    JsonNode value = field(object, name);
    if (value == null) {
      return null;
    }
    if (!value.isNumber()) {
      throw invalid(path(where, name) + " must be a number");
    }
    return value.asDouble();
  }

  static Integer optionalInt(JsonNode object, String name, String where) {
    JsonNode value = field(object, name);
    if (value == null) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw invalid(path(where, name) + " must be an integer");
    }
    return value.asInt();
  }

  static Boolean optionalBoolean(JsonNode object, String name, String where) {
    JsonNode value = field(object, name);
    if (value == null) {
      return null;
    }
    if (!value.isBoolean()) {
      throw invalid(path(where, name) + " must be true or false");
    }
    return value.asBoolean();
  }

  static ApiException invalid(String message) {
    return ApiException.invalidRequest(message);
  }
}
