package dev.tether.engine.runtime;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * One generation: the prompt's token ids, how to sample, and when to stop. Generation stops at an
 * end-of-generation token of the model (EOS/EOT, never emitted to the sink), after {@code maxTokens}
 * tokens, when the sink returns false, when {@code cancelled} turns true (checked at least once per
 * token and between prefill batches), or when the context is full.
 *
 * @param progress told about prefill progress (for keep-alives and progress bars); may be a no-op
 */
public record GenerationRequest(
    int[] prompt, Sampling sampling, int maxTokens, BooleanSupplier cancelled, PrefillProgress progress) {

  public GenerationRequest {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(sampling, "sampling");
    cancelled = cancelled == null ? () -> false : cancelled;
    progress = progress == null ? PrefillProgress.NONE : progress;
    if (prompt.length == 0) {
      throw new IllegalArgumentException("empty prompt");
    }
  }

  /** Prefill progress: {@code done} of {@code total} prompt tokens are in the KV cache. */
  @FunctionalInterface
  public interface PrefillProgress {
    PrefillProgress NONE = (done, total) -> {};

    void update(int done, int total);
  }
}
