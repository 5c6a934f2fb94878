package dev.tether.engine.sample;

import dev.tether.engine.runtime.Sampling;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks the next token from logits. Temperature 0 is greedy (argmax, lowest id on ties). Otherwise
 * the filters run in llama.cpp's default order: top_k, then top_p, then min_p (each on the
 * probabilities of the unscaled logits, so they do not depend on the temperature), then the
 * temperature scales what is left and a token is drawn from its softmax with a generator seeded by
 * {@link Sampling#seed()}: the same seed and logits give the same tokens.
 *
 * <p>Not thread-safe: one sampler per generation.
 */
public final class Sampler {
  private final Sampling s;
  private final SplittableRandom random;

  /** A sampler with its own random stream seeded from the settings. */
  public Sampler(Sampling s) {
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
    int[] kept = candidates(logits);
    double[] p = new double[kept.length];
    double max = logits[kept[0]];
    double sum = 0;
    for (int i = 0; i < kept.length; i++) {
      p[i] = Math.exp((logits[kept[i]] - max) / s.temperature());
      sum += p[i];
    }
    double r = random.nextDouble() * sum;
    for (int i = 0; i < kept.length; i++) {
      r -= p[i];
      if (r < 0) {
        return kept[i];
      }
    }
    return kept[kept.length - 1];
  }

  /**
   * The token ids that survive top_k, top_p and min_p, most likely first (exposed for tests).
   */
  public int[] candidates(float[] logits) {
    Integer[] order = new Integer[logits.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> logits[a] != logits[b] ? Float.compare(logits[b], logits[a]) : Integer.compare(a, b));
    int n = order.length;
    if (s.topK() > 0) {
      n = Math.min(n, s.topK());
    }
    double max = logits[order[0]];
    double[] p = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      p[i] = Math.exp(logits[order[i]] - max);
      sum += p[i];
    }
    if (s.topP() < 1) {
      // Keep the smallest prefix whose probability reaches top_p (at least one token).
      double cumulative = 0;
      int keep = n;
      for (int i = 0; i < n; i++) {
        cumulative += p[i] / sum;
        if (cumulative >= s.topP()) {
          keep = i + 1;
          break;
        }
      }
      n = keep;
      sum = 0;
      for (int i = 0; i < n; i++) {
        sum += p[i];
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
      ids[i] = order[i];
    }
    return ids;
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
