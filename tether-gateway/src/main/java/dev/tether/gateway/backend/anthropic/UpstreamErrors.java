package dev.tether.gateway.backend.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.api.error.ApiException;
import dev.tether.api.error.ErrorType;
import dev.tether.api.json.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Turns upstream failures into the {@link ApiException}s the client should see. Anthropic errors keep
 * their type and message, so Claude Code reacts as it would to the real API (retry 429/529, stop on
 * 400); transport failures become {@code overloaded_error}, which Claude Code retries.
 */
final class UpstreamErrors {
  /** How much of a non-JSON error body goes into the message. */
  static final int EXCERPT_CHARS = 200;

  private UpstreamErrors() {}

  /** The error for a non-2xx answer with {@code body} (possibly truncated). */
  static ApiException forStatus(int status, HttpHeaders headers, byte[] body) {
    Duration retryAfter = retryAfter(headers);
    String text = new String(body, StandardCharsets.UTF_8);
    JsonNode error = anthropicError(text);
    if (error != null) {
      String wire = error.path("type").asText();
      ErrorType type = ErrorType.of(wire);
      // ErrorType.of answers API for types it does not know; the status says more then.
      if (!type.wire().equals(wire)) {
        type = ErrorType.forStatus(status);
      }
      return new ApiException(type, error.path("message").asText("upstream error " + status), retryAfter, null);
    }
    return new ApiException(
        ErrorType.forStatus(status), "upstream answered HTTP " + status + excerpt(text), retryAfter, null);
  }

  /**
   * The error for a failure to get an answer at all. {@code upstream} is the redacted base URL,
   * {@code idleTimeout} the time allowed for the answer.
   */
  static ApiException forTransport(Throwable failure, String upstream, Duration idleTimeout) {
    if (isUnreachable(failure)) {
      return ApiException.overloaded("upstream " + upstream + " unreachable: " + describe(failure), failure);
    }
    if (failure instanceof HttpTimeoutException) {
      return new ApiException(
          ErrorType.TIMEOUT,
          "upstream " + upstream + " did not answer within " + idleTimeout.toSeconds() + " s",
          null,
          failure);
    }
    return new ApiException(ErrorType.API, "upstream " + upstream + " failed: " + describe(failure), null, failure);
  }

  /** Whether the failure means no connection could be made (refused, DNS, connect timeout). */
  static boolean isUnreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof HttpConnectTimeoutException
          || t instanceof UnknownHostException
          || t instanceof UnresolvedAddressException) {
        return true;
      }
    }
    return false;
  }

  /** The first message along the cause chain (the JDK client often wraps a message-less exception). */
  static String describe(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName();
  }

  /** {@code retry-after} as seconds or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(HttpHeaders headers) {
    String value = headers.firstValue("retry-after").map(String::strip).orElse(null);
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      double seconds = Double.parseDouble(value);
      return seconds >= 0 ? Duration.ofMillis(Math.round(seconds * 1000)) : null;
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(ZonedDateTime.now(), at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  private static JsonNode anthropicError(String text) {
    try {
      JsonNode error = Json.tree(text).path("error");
      return error.path("type").isTextual() ? error : null;
    } catch (IOException | RuntimeException notJson) {
      return null;
    }
  }

  private static String excerpt(String body) {
    String flat = body.replaceAll("\\s+", " ").strip();
    if (flat.isEmpty()) {
      return "";
    }
    return ": " + (flat.length() > EXCERPT_CHARS ? flat.substring(0, EXCERPT_CHARS) + "…" : flat);
  }
}
