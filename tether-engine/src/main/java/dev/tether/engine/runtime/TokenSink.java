package dev.tether.engine.runtime;

/** Receives generated token ids as they are sampled. */
@FunctionalInterface
public interface TokenSink {
  /** Returns false to stop generating (a stop sequence was seen, the client went away…). */
  boolean accept(int token);
}
