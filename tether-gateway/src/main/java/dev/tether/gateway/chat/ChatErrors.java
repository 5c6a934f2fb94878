package dev.tether.gateway.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.api.error.ApiException;
import dev.tether.api.error.ErrorType;
import dev.tether.api.json.Json;

/**
 * Errors in the OpenAI shape, {@code {"error":{"message","type","param","code"}}}. The HTTP status
 * stays that of the {@link ErrorType} ({@link #status}), so a 529 is still a 529: OpenAI SDKs retry
 * on any 5xx and on 429 alike.
 */
public final class ChatErrors {
  private ChatErrors() {}

  /** The OpenAI error body for an exception. */
  public static ObjectNode body(ApiException error) {
    return body(error.type(), error.getMessage());
  }

  /** The OpenAI error body for an Anthropic error type and message (as in a stream's error event). */
  public static ObjectNode body(ErrorType type, String message) {
    ErrorType known = type == null ? ErrorType.API : type;
    ObjectNode body = Json.object();
    ObjectNode error = body.putObject("error");
    error.put("message", message == null ? known.wire() : message);
    error.put("type", openAiType(known));
    error.putNull("param");
    error.put("code", code(known));
    return body;
  }

  /** The HTTP status to answer with: the error type's own. */
  public static int status(ApiException error) {
    return error.type().status();
  }

  /** OpenAI's {@code type}; it has none of its own for not-found, too-large, timeout or overload. */
  private static String openAiType(ErrorType type) {
    return switch (type) {
      case INVALID_REQUEST, NOT_FOUND, REQUEST_TOO_LARGE -> "invalid_request_error";
      case AUTHENTICATION -> "authentication_error";
      case PERMISSION -> "permission_error";
      case RATE_LIMIT -> "rate_limit_error";
      case API, TIMEOUT, OVERLOADED -> "server_error";
    };
  }

  /** A machine-readable {@code code} that keeps what the coarser {@code type} loses. */
  private static String code(ErrorType type) {
    return switch (type) {
      case INVALID_REQUEST -> "invalid_request";
      case AUTHENTICATION -> "invalid_api_key";
      case PERMISSION -> "permission_denied";
      case NOT_FOUND -> "not_found";
      case REQUEST_TOO_LARGE -> "request_too_large";
      case RATE_LIMIT -> "rate_limit_exceeded";
      case API -> "internal_error";
      case TIMEOUT -> "timeout";
      case OVERLOADED -> "overloaded";
    };
  }
}
