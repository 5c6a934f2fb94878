package dev.tether.engine.model;

/**
 * A model this package cannot run: an unsupported architecture, tensor type or rope scaling, or a
 * missing or misshapen tensor. The message names what and is meant for the user.
 */
public final class UnsupportedModelException extends Exception {
  private static final long serialVersionUID = 1L;

  public UnsupportedModelException(String message) {
    super(message);
  }
}
