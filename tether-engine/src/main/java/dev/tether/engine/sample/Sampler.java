package dev.tether.engine.sample;

import java.util.SplittableRandom;

/**
 * Picks the next token from logits. Temperature 0 is greedy (argmax, lowest id on ties). Otherwise
 * the filters run in llama.cpp's default order: top_k, then top_p, then min_p (each on the
 * probabilities of the unscaled logits, so they do not depend on the temperature), then the
 * temperature scales what is left and a token is drawn from its softmax with a generator seeded by
 * {@link Settings#seed()}: the same seed and logits give the same tokens.
 *
 * <p>Not thread-safe: one sampler per generation.
 */
public final class Sampler {
  private final Settings s;
  private final SplittableRandom random;

  /**
   * The settings: temperature 0 is greedy; {@code topK <= 0}, {@code topP >= 1} and {@code minP <= 0}
   * disable their filter.
   */
  public record Settings(double temperature, int topK, double topP, double minP, long seed) {}

  /** A sampler with its own random stream seeded from the settings. */
  public Sampler(Settings s) {
    if (s.temperature() < 0 || Double.isNaN(s.temperature())) {
      throw new IllegalArgumentException("temperature must be ≥ 0, not " + s.temperature());
    }
    this.s = s;
    this.random = new SplittableRandom(s.seed());
  }

  /** The next token. */
  public int sample(float[] logits) {
    if (s.temperature() == 0) {
      return argmax(logits);
    }
    if (s.topK() <= 0 && s.topP() >= 1 && s.minP() <= 0) {
      // No filter: draw from the whole softmax without sorting the vocabulary.
      double max = logits[argmax(logits)];
      double sum = 0;
      double[] p = new double[logits.length];
      for (int i = 0; i < p.length; i++) {
        p[i] = Math.exp((logits[i] - max) / s.temperature());
        sum += p[i];
      }
      return draw(p, null, sum);
    }
    int[] kept = candidates(logits);
    double[] p = new double[kept.length];
    double max = logits[kept[0]];
    double sum = 0;
    for (int i = 0; i < kept.length; i++) {
      p[i] = Math.exp((logits[kept[i]] - max) / s.temperature());
      sum += p[i];
    }
    return draw(p, kept, sum);
  }

  private int draw(double[] p, int[] ids, double sum) {
    double r = random.nextDouble() * sum;
    for (int i = 0; i < p.length; i++) {
      r -= p[i];
      if (r < 0) {
        return ids == null ? i : ids[i];
      }
    }
    // Rounding left r ≥ 0 after the last term: the last token with any weight.
    int last = p.length - 1;
    while (last > 0 && p[last] == 0) {
      last--;
    }
    return ids == null ? last : ids[last];
  }

  /**
   * The token ids that survive top_k, top_p and min_p, most likely first (lowest id first on ties).
   */
  public int[] candidates(float[] logits) {
    // Sort (descending logit, ascending id) as primitive longs: the high half orders the logit,
    // the low half is the id.
    long[] order = new long[logits.length];
    for (int i = 0; i < logits.length; i++) {
      int bits = Float.floatToIntBits(logits[i]);
      int sortable = bits >= 0 ? bits : bits ^ 0x7fffffff; // ascending int order = ascending float
      order[i] = ((long) ~sortable << 32) | i;
    }
    java.util.Arrays.sort(order);
    int n = order.length;
    if (s.topK() > 0) {
      n = Math.min(n, s.topK());
    }
    double max = logits[id(order[0])];
    double[] p = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      p[i] = Math.exp(logits[id(order[i])] - max);
      sum += p[i];
    }
    if (s.topP() < 1) {
      // Keep the smallest prefix whose probability reaches top_p (at least one token).
      double cumulative = 0;
      for (int i = 0; i < n; i++) {
        cumulative += p[i] / sum;
        if (cumulative >= s.topP()) {
          n = i + 1;
          break;
        }
      }
    }
    if (s.minP() > 0) {
      // p_i ≥ min_p · p_max; p[0] is the most likely (its unnormalised weight is 1).
      int keep = 1;
      while (keep < n && p[keep] >= s.minP() * p[0]) {
        keep++;
      }
      n = keep;
    }
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = id(order[i]);
    }
    return ids;
  }

  private static int id(long key) {
    return (int) key;
  }

  /** The index of the largest value (the first on ties). */
  public static int argmax(float[] logits) {
    int best = 0;
    for (int i = 1; i < logits.length; i++) {
      if (logits[i] > logits[best]) {
        best = i;
      }
    }
    return best;
  }
}
