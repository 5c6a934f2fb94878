package dev.tether.gateway.backend.anthropic;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fires once when a stream has delivered no bytes for longer than the idle timeout. The JDK client's
 * request timeout covers only the wait for the headers, and a silent upstream would otherwise hold a
 * client (and a connection) forever.
 */
final class IdleGuard implements AutoCloseable {
  private final long idleNanos;
  private final Runnable onIdle;
  private final AtomicBoolean fired = new AtomicBoolean();
  private volatile ScheduledFuture<?> check;
  private volatile long lastActivity = System.nanoTime();

  private IdleGuard(Duration idle, Runnable onIdle) {
    this.idleNanos = idle.toNanos();
    this.onIdle = onIdle;
  }

  /** Starts watching: {@code onIdle} runs (on the timer's thread) after {@code idle} without data. */
  static IdleGuard start(ScheduledExecutorService timer, Duration idle, Runnable onIdle) {
    IdleGuard guard = new IdleGuard(idle, onIdle);
    // Checking ten times per period bounds the overshoot at 10 % without busy polling.
    long period = Math.max(10, idle.toMillis() / 10);
    guard.check = timer.scheduleAtFixedRate(guard::check, period, period, TimeUnit.MILLISECONDS);
    return guard;
  }

  /** {@code in}, counting every read that returns data as activity. */
  InputStream watch(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        lastActivity = System.nanoTime();
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        lastActivity = System.nanoTime();
        return n;
      }
    };
  }

  /** Whether the timeout fired. */
  boolean fired() {
    return fired.get();
  }

  private void check() {
    if (System.nanoTime() - lastActivity > idleNanos && fired.compareAndSet(false, true)) {
      close();
      onIdle.run();
    }
  }

  @Override
  public void close() {
    ScheduledFuture<?> c = check;
    if (c != null) {
      c.cancel(false);
    }
  }
}
