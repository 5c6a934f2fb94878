package dev.tether.control.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A bounded queue of committed events for one reader (an SSE stream, a long poll, a waiter). Publishing
 * never blocks: when the reader falls {@code capacity} events behind, the subscription is marked
 * {@link #overflowed()} and stops receiving; the reader catches up from the store and subscribes again.
 */
public final class Subscription implements AutoCloseable {
  private final ArrayBlockingQueue<Published> queue;
  private final Consumer<Subscription> onClose;
  private volatile boolean overflowed;
  private volatile boolean closed;

  Subscription(int capacity, Consumer<Subscription> onClose) {
    this.queue = new ArrayBlockingQueue<>(capacity + 1);
    this.onClose = onClose;
  }

  void offer(Published event) {
    if (closed || overflowed) {
      return;
    }
    if (queue.remainingCapacity() <= 1 || !queue.offer(event)) {
      overflowed = true;
      queue.offer(Published.CLOSED); // the spare slot: wakes the reader
    }
  }

  /**
   * The next event, waiting up to {@code timeout}; null on timeout, or when the subscription was closed
   * or overflowed (check {@link #open()}).
   */
  public Published poll(Duration timeout) throws InterruptedException {
    Published next = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    return next == Published.CLOSED ? null : next;
  }

  /** Everything queued now, without waiting (at most {@code max}). */
  public List<Published> drain(int max) {
    List<Published> out = new ArrayList<>();
    queue.drainTo(out, max);
    out.removeIf(p -> p == Published.CLOSED);
    return out;
  }

  /** False once closed or overflowed: nothing more will arrive. */
  public boolean open() {
    return !closed && !overflowed;
  }

  /** Whether the reader fell too far behind and must catch up from the store. */
  public boolean overflowed() {
    return overflowed;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      onClose.accept(this);
      queue.clear();
      queue.offer(Published.CLOSED);
    }
  }
}
