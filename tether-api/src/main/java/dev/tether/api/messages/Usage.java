package dev.tether.api.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Token usage. In {@code message_start} every count is set; in {@code message_delta} the counts are
 * cumulative and a null count means "unchanged".
 */
public record Usage(
    @JsonProperty("input_tokens") Integer inputTokens,
    @JsonProperty("output_tokens") Integer outputTokens,
    @JsonProperty("cache_creation_input_tokens") Integer cacheCreationInputTokens,
    @JsonProperty("cache_read_input_tokens") Integer cacheReadInputTokens) {

  public static Usage of(int input, int output) {
    return new Usage(input, output, 0, 0);
  }

  /** This usage with the non-null counts of {@code update} laid over it. */
  public Usage merge(Usage update) {
    if (update == null) {
      return this;
    }
    return new Usage(
        update.inputTokens != null ? update.inputTokens : inputTokens,
        update.outputTokens != null ? update.outputTokens : outputTokens,
        update.cacheCreationInputTokens != null
            ? update.cacheCreationInputTokens
            : cacheCreationInputTokens,
        update.cacheReadInputTokens != null ? update.cacheReadInputTokens : cacheReadInputTokens);
  }
}
