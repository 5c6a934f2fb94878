package dev.tether.engine.runtime;

/**
 * How the next token is chosen. Temperature 0 is greedy. {@code topK <= 0}, {@code topP >= 1} and
 * {@code minP <= 0} disable their filter. The same seed, prompt and settings give the same tokens.
 */
public record Sampling(double temperature, int topK, double topP, double minP, long seed) {

  /** Always the most likely token. */
  public static Sampling greedy() {
    return new Sampling(0, 0, 1, 0, 0);
  }
}
