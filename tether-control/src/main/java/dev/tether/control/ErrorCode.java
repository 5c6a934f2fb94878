package dev.tether.control;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The {@code code} of an error body under {@code /api}, each with its HTTP status. */
public enum ErrorCode {
  INVALID_REQUEST(400),
  UNAUTHORIZED(401),
  FORBIDDEN(403),
  NOT_FOUND(404),
  INVALID_STATE(409),
  ALREADY_DECIDED(409),
  AMBIGUOUS_ID(409),
  CONFLICT(409),
  PAYLOAD_TOO_LARGE(413),
  VALIDATION_ERROR(422),
  INTERNAL_ERROR(500),
  UNAVAILABLE(503);

  private final int status;

  ErrorCode(int status) {
    this.status = status;
  }

  public int status() {
    return status;
  }

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The code for a wire name, or {@link #INTERNAL_ERROR} for one this version does not know. */
  @JsonCreator
  public static ErrorCode parse(String wire) {
    for (ErrorCode c : values()) {
      if (c.wire().equalsIgnoreCase(wire)) {
        return c;
      }
    }
    return INTERNAL_ERROR;
  }
}
