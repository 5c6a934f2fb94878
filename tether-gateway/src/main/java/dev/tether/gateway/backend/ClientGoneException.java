package dev.tether.gateway.backend;

/** The client disconnected; the request is abandoned and nothing more can be sent. */
public final class ClientGoneException extends RuntimeException {
  public ClientGoneException(Throwable cause) {
    super("client disconnected", cause, false, false);
  }
}
