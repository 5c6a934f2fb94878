package dev.tether.engine.runtime;

/** Told how far model loading is: {@code done} of {@code total} bytes touched. */
@FunctionalInterface
public interface LoadProgress {
  LoadProgress NONE = (done, total) -> {};

  void update(long done, long total);
}
