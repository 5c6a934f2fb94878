package dev.tether.engine.runtime;

/**
 * A model that cannot be served: unsupported architecture or tensor type (named), a missing tensor,
 * or weights + KV that exceed the memory cap (with both sizes). The message is meant for the user.
 */
public final class ModelLoadException extends Exception {
  private static final long serialVersionUID = 1L;

  public ModelLoadException(String message) {
    super(message);
  }

  public ModelLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
