package dev.tether.gateway.backend;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Set when the client of a request goes away. Backends register actions that abort upstream work
 * (close a connection, stop generation); an action registered after cancellation runs at once.
 */
public final class Cancellation {
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final List<Runnable> actions = new CopyOnWriteArrayList<>();

  public boolean isCancelled() {
    return cancelled.get();
  }

  /** Runs {@code action} when the request is cancelled (now, if it already is). */
  public void onCancel(Runnable action) {
    actions.add(action);
    if (cancelled.get() && actions.remove(action)) {
      action.run();
    }
  }

  /** Cancels the request and runs every registered action once. */
  public void cancel() {
    if (cancelled.compareAndSet(false, true)) {
      for (Runnable action : actions) {
        if (actions.remove(action)) {
          action.run();
        }
      }
    }
  }
}
