package dev.tether.gateway.backend.openai;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A per-upstream circuit breaker: closed while it works; open after {@code threshold} consecutive
 * failures, so requests skip the upstream at once instead of waiting on a dead server; half-open
 * after the cooldown, letting exactly one trial request through, whose outcome closes or reopens it.
 */
final class CircuitBreaker {
  private final int threshold;
  private final long cooldownNanos;
  private final LongSupplier clock;
  private int failures;
  private long openedAt;
  private boolean open;
  private boolean trialInFlight;

  CircuitBreaker(int threshold, Duration cooldown) {
    this(threshold, cooldown, System::nanoTime);
  }

  CircuitBreaker(int threshold, Duration cooldown, LongSupplier clock) {
    this.threshold = threshold;
    this.cooldownNanos = cooldown.toNanos();
    this.clock = clock;
  }

  /** Whether a request may go to this upstream now; in half-open state, only the first caller may. */
  synchronized boolean tryAcquire() {
    if (!open) {
      return true;
    }
    if (trialInFlight || clock.getAsLong() - openedAt < cooldownNanos) {
      return false;
    }
    trialInFlight = true;
    return true;
  }

  /** The upstream answered (any HTTP status but 5xx): close the breaker. */
  synchronized void success() {
    failures = 0;
    open = false;
    trialInFlight = false;
  }

  /** The upstream could not be reached or failed with 5xx. */
  synchronized void failure() {
    failures++;
    if (trialInFlight || failures >= threshold) {
      open = true;
      openedAt = clock.getAsLong();
    }
    trialInFlight = false;
  }

  /** Whether the breaker is open (including half-open). */
  synchronized boolean isOpen() {
    return open;
  }
}
