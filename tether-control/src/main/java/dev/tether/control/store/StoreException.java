package dev.tether.control.store;

/** The store could not do what was asked (disk full, corrupt file, closed); not the caller's fault. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
