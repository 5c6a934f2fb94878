package dev.tether.cli;

/** A failure the user can fix, reported as one line without a stack trace. */
public class UserError extends RuntimeException {
  public UserError(String message) {
    super(message, null, false, false);
  }
}
