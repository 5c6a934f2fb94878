package dev.tether.gateway.backend;

import dev.tether.api.stream.StreamEvent;

/**
 * Where a backend writes its events. {@link #accept} throws {@link ClientGoneException} once the
 * client has disconnected, so a backend stops work at its next event.
 */
@FunctionalInterface
public interface EventSink {
  void accept(StreamEvent event);
}
