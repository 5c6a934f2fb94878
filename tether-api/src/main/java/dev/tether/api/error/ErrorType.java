package dev.tether.api.error;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Anthropic error types with their HTTP status. */
public enum ErrorType {
  INVALID_REQUEST("invalid_request_error", 400),
  AUTHENTICATION("authentication_error", 401),
  PERMISSION("permission_error", 403),
  NOT_FOUND("not_found_error", 404),
  REQUEST_TOO_LARGE("request_too_large", 413),
  RATE_LIMIT("rate_limit_error", 429),
  API("api_error", 500),
  TIMEOUT("timeout_error", 504),
  OVERLOADED("overloaded_error", 529);

  private final String wire;
  private final int status;

  ErrorType(String wire, int status) {
    this.wire = wire;
    this.status = status;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  public int status() {
    return status;
  }

  @JsonCreator
  public static ErrorType of(String wire) {
    for (ErrorType type : values()) {
      if (type.wire.equals(wire)) {
        return type;
      }
    }
    return API;
  }

  /** The error type an HTTP status stands for, as the Anthropic API uses them. */
  public static ErrorType forStatus(int status) {
    return switch (status) {
      case 400, 422 -> INVALID_REQUEST;
      case 401 -> AUTHENTICATION;
      case 403 -> PERMISSION;
      case 404 -> NOT_FOUND;
      case 413 -> REQUEST_TOO_LARGE;
      case 429 -> RATE_LIMIT;
      case 504 -> TIMEOUT;
      case 503, 529 -> OVERLOADED;
      default -> status >= 500 ? API : INVALID_REQUEST;
    };
  }
}
