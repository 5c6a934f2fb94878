package dev.tether.gateway.backend.local;

import dev.tether.engine.runtime.GenerationRequest;
import dev.tether.engine.runtime.GenerationResult;

/**
 * Told about each request's prefill, for a console progress bar: the engine reports progress in
 * batches and only the result says how much of the prompt came from the cache.
 */
public interface PrefillListener {
  /** Tells nothing. */
  PrefillListener NONE = new PrefillListener() {
    @Override
    public GenerationRequest.PrefillProgress started(int promptTokens) {
      return GenerationRequest.PrefillProgress.NONE;
    }

    @Override
    public void finished(GenerationResult result) {}
  };

  /** A prompt of {@code promptTokens} goes to the engine now; returns what the engine reports progress to. */
  GenerationRequest.PrefillProgress started(int promptTokens);

  /** The generation is over (its result holds the cached tokens and the prefill time). */
  void finished(GenerationResult result);
}
