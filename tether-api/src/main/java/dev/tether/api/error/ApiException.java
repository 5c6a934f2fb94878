package dev.tether.api.error;

import java.time.Duration;

/**
 * A failure to answer with an Anthropic error: its type gives the HTTP status, the message is shown
 * to the user, and {@code retryAfter} (for 429/529) becomes the {@code retry-after} header.
 */
public final class ApiException extends RuntimeException {
  private final ErrorType type;
  private final Duration retryAfter;

  public ApiException(ErrorType type, String message) {
    this(type, message, null, null);
  }

  public ApiException(ErrorType type, String message, Duration retryAfter, Throwable cause) {
    super(message, cause, true, false);
    this.type = type;
    this.retryAfter = retryAfter;
  }

  public static ApiException invalidRequest(String message) {
    return new ApiException(ErrorType.INVALID_REQUEST, message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(ErrorType.NOT_FOUND, message);
  }

  public static ApiException overloaded(String message, Throwable cause) {
    return new ApiException(ErrorType.OVERLOADED, message, null, cause);
  }

  public ErrorType type() {
    return type;
  }

  /** How long the client should wait before retrying; null when not said. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** The wire body for this error. */
  public ErrorResponse toResponse(String requestId) {
    return new ErrorResponse(new ErrorDetail(type, getMessage()), requestId);
  }
}
