package dev.tether.gateway.backend.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.api.error.ApiException;
import dev.tether.api.error.ErrorType;
import dev.tether.api.json.Json;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Maps upstream failures to the Anthropic errors that make Claude Code do the right thing: 529 for
 * "down or overloaded, retry or fall back", 429 with {@code retry-after} for back-pressure, 400 for
 * permanent problems (it fails fast), and {@code prompt is too long: } for context overflow (it
 * recognises that and compacts).
 */
final class UpstreamErrors {
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(2);
  private static final int MAX_MESSAGE = 500;

  /** Wordings of context overflow across servers (llama.cpp, vLLM, Ollama, LM Studio, OpenAI…). */
  private static final List<Pattern> CONTEXT_OVERFLOW =
      List.of(
          Pattern.compile("exceeds? (the )?(available |maximum |model'?s? )?context"),
          Pattern.compile("context[ _](size|length|window)"),
          Pattern.compile("maximum context"),
          Pattern.compile("prompt (is )?too long"),
          Pattern.compile("too many (input )?tokens"),
          Pattern.compile("\\bn_ctx\\b"));

  private UpstreamErrors() {}

  /** The error for a non-2xx upstream answer that will not be retried (anymore). */
  static ApiException forStatus(String upstream, int status, String body, String retryAfter) {
    String message = message(body);
    if (status != 429 && mentionsContextOverflow(message)) {
      return ApiException.invalidRequest("prompt is too long: " + message);
    }
    if (status == 429) {
      return new ApiException(
          ErrorType.RATE_LIMIT,
          "upstream " + upstream + " is busy (429): " + message,
          retryAfter(retryAfter),
          null);
    }
    if (status == 401 || status == 403) {
      return ApiException.invalidRequest(
          "upstream " + upstream + " refused the gateway's credentials (" + status + "): " + message
              + "; check the API key configured for this backend");
    }
    if (status == 404) {
      return ApiException.notFound("upstream " + upstream + " does not know this model or path (404): " + message);
    }
    if (status >= 500) {
      return overloaded("upstream " + upstream + " failed (" + status + "): " + message, null);
    }
    return ApiException.invalidRequest("upstream " + upstream + " rejected the request (" + status + "): " + message);
  }

  /** The error for an {@code error} object inside a stream that has already begun. */
  static ApiException inStream(JsonNode error) {
    String message = message(error.toString());
    if (mentionsContextOverflow(message)) {
      return ApiException.invalidRequest("prompt is too long: " + message);
    }
    return new ApiException(ErrorType.API, "upstream error during the stream: " + message, null, null);
  }

  static ApiException overloaded(String message, Throwable cause) {
    return ApiException.overloaded(message, cause);
  }

  /** Whether a 5xx or 429 answer should be retried on another upstream. */
  static boolean retryable(int status) {
    return status == 429 || status >= 500;
  }

  static boolean mentionsContextOverflow(String message) {
    String lower = message.toLowerCase(Locale.ROOT);
    return CONTEXT_OVERFLOW.stream().anyMatch(p -> p.matcher(lower).find());
  }

  /** The human message of an error body: OpenAI {@code error.message}, Ollama {@code error}, or text. */
  static String message(String body) {
    if (body == null || body.isBlank()) {
      return "(no message)";
    }
    String text = body.strip();
    try {
      JsonNode node = Json.tree(text);
      JsonNode error = node.has("error") ? node.get("error") : node;
      if (error.isTextual()) {
        text = error.asText();
      } else if (error.path("message").isTextual()) {
        text = error.path("message").asText();
      } else if (node.path("detail").isTextual()) {
        text = node.path("detail").asText();
      }
    } catch (Exception notJson) {
      // a plain-text or HTML body: use it as is
    }
    return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "…" : text;
  }

  /** {@code retry-after} as seconds or an HTTP date; 2 s when absent or unreadable. */
  static Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return DEFAULT_RETRY_AFTER;
    }
    try {
      long seconds = Long.parseLong(header.strip());
      return Duration.ofSeconds(Math.max(0, seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (RuntimeException unreadable) {
        return DEFAULT_RETRY_AFTER;
      }
    }
  }
}
