package dev.tether.gateway.backend.local;

import dev.tether.api.error.ApiException;
import dev.tether.api.error.ErrorType;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The line in front of the engine, which generates for one request at a time. Admission is decided
 * at once (so a full queue is a real 429 before any event is sent); waiting for the turn happens
 * after {@code message_start}, so the client gets pings meanwhile and may go away.
 *
 * <p>The {@code retry-after} hint is the average time a request has held the engine recently
 * times the number ahead, at least one second and at most a minute.
 */
final class RequestQueue {
  private static final long POLL_MILLIS = 50;

  private final int depth;
  private final Semaphore engine = new Semaphore(1, true);
  private final AtomicInteger admitted = new AtomicInteger();
  private final AtomicLong averageNanos = new AtomicLong(Duration.ofSeconds(5).toNanos());

  /** @param depth how many requests may wait while one runs (0: none wait) */
  RequestQueue(int depth) {
    if (depth < 0) {
      throw new IllegalArgumentException("queue depth must be at least 0, not " + depth);
    }
    this.depth = depth;
  }

  /** A place in the queue; close it when the request is done (or abandoned). */
  final class Place implements AutoCloseable {
    private boolean running;
    private boolean closed;
    private long startedNanos;

    /** Waits for the engine; false when {@code cancelled} turned true first. */
    boolean awaitTurn(BooleanSupplier cancelled) {
      try {
        while (!engine.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
          if (cancelled.getAsBoolean()) {
            return false;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      running = true;
      startedNanos = System.nanoTime();
      return true;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      if (running) {
        long took = System.nanoTime() - startedNanos;
        averageNanos.updateAndGet(avg -> (avg * 3 + took) / 4);
        engine.release();
      }
      admitted.decrementAndGet();
    }
  }

  /**
   * Takes a place in the queue.
   *
   * @throws ApiException {@code rate_limit_error} (429) with a retry-after hint when the queue is full
   */
  Place admit() {
    while (true) {
      int now = admitted.get();
      if (now >= depth + 1) {
        Duration wait = Duration.ofNanos(averageNanos.get() * Math.max(1, now - depth));
        wait = wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
            : wait.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : wait;
        throw new ApiException(ErrorType.RATE_LIMIT, "the local model is busy: " + (now - 1)
            + " request(s) already wait for it (queue depth " + depth + "); retry later", wait, null);
      }
      if (admitted.compareAndSet(now, now + 1)) {
        return new Place();
      }
    }
  }

  /** Requests admitted now, the running one included. */
  int size() {
    return admitted.get();
  }
}
