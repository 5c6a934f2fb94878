package dev.tether.cli.trace;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One replay of a trace.
 *
 * @param ttftMs milliseconds to the first content
 * @param totalMs milliseconds to the end of the reply
 * @param inputTokens prompt tokens (as the backend reported them)
 * @param outputTokens generated tokens
 * @param error what failed, or null
 */
public record ReplayRun(
    @JsonProperty("ttft_ms") double ttftMs,
    @JsonProperty("total_ms") double totalMs,
    @JsonProperty("input_tokens") long inputTokens,
    @JsonProperty("output_tokens") long outputTokens,
    String error) {

  /** Prompt processing speed: prompt tokens over the time to the first token. */
  @JsonProperty("prompt_tokens_per_s")
  public double promptTokensPerSecond() {
    return ttftMs > 0 ? inputTokens / (ttftMs / 1000) : 0;
  }

  /** Generation speed: tokens after the first over the time after it. */
  @JsonProperty("generation_tokens_per_s")
  public double generationTokensPerSecond() {
    double ms = totalMs - ttftMs;
    return ms > 0 && outputTokens > 1 ? (outputTokens - 1) / (ms / 1000) : 0;
  }
}
