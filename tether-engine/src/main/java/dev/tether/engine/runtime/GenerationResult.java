package dev.tether.engine.runtime;

/**
 * How a generation went.
 *
 * @param promptTokens tokens in the prompt
 * @param cachedTokens prompt tokens reused from a KV slot or a saved prefix (not computed again)
 * @param generatedTokens tokens passed to the sink
 * @param stop why generation stopped
 * @param prefillNanos time spent on the prompt (time to first token, less sampling)
 */
public record GenerationResult(
    int promptTokens, int cachedTokens, int generatedTokens, StopReason stop, long prefillNanos) {

  /** Why generation stopped. */
  public enum StopReason {
    /** The model produced an end-of-generation token. */
    END_OF_TURN,
    /** {@code maxTokens} were generated. */
    MAX_TOKENS,
    /** The sink returned false. */
    STOPPED,
    /** The request was cancelled. */
    CANCELLED,
    /** The context window is full. */
    CONTEXT_FULL
  }
}
