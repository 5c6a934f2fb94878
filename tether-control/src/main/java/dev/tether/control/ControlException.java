package dev.tether.control;

/**
 * A failure with its wire code and status, thrown by {@link ControlApi} implementations alike (the
 * service, and the HTTP client that reads error bodies back), answered under {@code /api} as
 * {@code {"error":{"code","message"}}}.
 */
public final class ControlException extends RuntimeException {
  private final ErrorCode code;
  private final int status;

  public ControlException(ErrorCode code, String message) {
    this(code, code.status(), message);
  }

  /** With an explicit status (a client reading a status its version does not map). */
  public ControlException(ErrorCode code, int status, String message) {
    super(message, null, false, false);
    this.code = code;
    this.status = status;
  }

  public ErrorCode code() {
    return code;
  }

  public int status() {
    return status;
  }

  public static ControlException notFound(String what) {
    return new ControlException(ErrorCode.NOT_FOUND, what);
  }

  public static ControlException invalidState(String message) {
    return new ControlException(ErrorCode.INVALID_STATE, message);
  }

  public static ControlException validation(String message) {
    return new ControlException(ErrorCode.VALIDATION_ERROR, message);
  }

  public static ControlException badRequest(String message) {
    return new ControlException(ErrorCode.INVALID_REQUEST, message);
  }
}
