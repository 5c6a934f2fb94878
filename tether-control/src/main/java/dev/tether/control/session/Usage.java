package dev.tether.control.session;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Token and cost totals of a session, summed from its {@code usage} events.
 *
 * @param costUsd in US dollars, as reported by the agent (0 when it reports none)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Usage(long inputTokens, long outputTokens, long cacheReadInputTokens, long cacheCreationInputTokens,
    double costUsd) {
  public static final Usage ZERO = new Usage(0, 0, 0, 0, 0);

  /** The sum of this and {@code other}. */
  public Usage plus(Usage other) {
    return new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens,
        cacheReadInputTokens + other.cacheReadInputTokens, cacheCreationInputTokens + other.cacheCreationInputTokens,
        costUsd + other.costUsd);
  }
}
