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
    int vocab = logits.length;
    if (s.topK() > 0) {
      return filter(logits, top(logits, Math.min(vocab, s.topK())), Math.min(vocab, s.topK()), -1);
    }
    // No top_k: top_p and min_p usually keep a few tokens, so try the best few hundred first (a
    // partial selection, not a sort of the whole vocabulary) and sort everything only when they
    // might not be enough. The top m of the full order are its first m, so the result is the same.
    int m = Math.min(vocab, PARTIAL);
    if (m < vocab) {
      double max = logits[argmax(logits)];
      double total = 0;
      for (float l : logits) {
        total += Math.exp(l - max);
      }
      int[] ids = filter(logits, top(logits, m), vocab, total);
      if (ids != null) {
        return ids;
      }
    }
    return filter(logits, top(logits, vocab), vocab, -1);
  }

  /** How many of the best tokens a top_p/min_p-only filter looks at before sorting everything. */
  private static final int PARTIAL = 512;

  /**
   * Applies top_k (already: {@code order} holds the best tokens, most likely first), top_p and
   * min_p. {@code n} is how many tokens the top_k cut keeps; when {@code order} is shorter than
   * that, {@code total} is the softmax denominator over all of them, and null is returned when the
   * answer might need tokens beyond {@code order}.
   */
  private int[] filter(float[] logits, long[] order, int n, double total) {
    boolean partial = order.length < n;
    double max = logits[id(order[0])];
    double[] p = new double[order.length];
    double sum = 0;
    for (int i = 0; i < order.length; i++) {
      p[i] = Math.exp(logits[id(order[i])] - max);
      sum += p[i];
    }
    if (partial) {
      sum = total;
    }
    int keep = order.length;
    if (s.topP() < 1) {
      // Keep the smallest prefix whose probability reaches top_p (at least one token).
      double cumulative = 0;
      boolean reached = false;
      for (int i = 0; i < order.length; i++) {
        cumulative += p[i] / sum;
        if (cumulative >= s.topP()) {
          keep = i + 1;
          reached = true;
          break;
        }
      }
      if (partial && !reached) {
        return null;
      }
    } else if (partial && s.minP() <= 0) {
      return null;
    }
    if (s.minP() > 0) {
      // p_i ≥ min_p · p_max; p[0] is the most likely (its unnormalised weight is 1).
      int k = 1;
      while (k < keep && p[k] >= s.minP() * p[0]) {
        k++;
      }
      if (partial && k == order.length) {
        return null;
      }
      keep = k;
    }
    int[] ids = new int[keep];
    for (int i = 0; i < keep; i++) {
      ids[i] = id(order[i]);
    }
    return ids;
  }

  /**
   * The {@code m} best tokens as sort keys, most likely first: the high half orders the logit
   * descending, the low half is the id (so ties go to the lowest id). A bounded heap keeps the
   * best {@code m} seen, so a 150K vocabulary with top_k 40 costs one comparison per token.
   */
  private static long[] top(float[] logits, int m) {
    if (m >= logits.length) {
      long[] order = new long[logits.length];
      for (int i = 0; i < logits.length; i++) {
        order[i] = key(logits, i);
      }
      java.util.Arrays.sort(order);
      return order;
    }
    // Max-heap on the key: the root is the worst of the best m so far.
    long[] heap = new long[m];
    for (int i = 0; i < m; i++) {
      heap[i] = key(logits, i);
    }
    for (int i = m / 2 - 1; i >= 0; i--) {
      siftDown(heap, i, m);
    }
    for (int i = m; i < logits.length; i++) {
      long k = key(logits, i);
      if (k < heap[0]) {
        heap[0] = k;
        siftDown(heap, 0, m);
      }
    }
    java.util.Arrays.sort(heap);
    return heap;
  }

  private static long key(float[] logits, int i) {
    int bits = Float.floatToIntBits(logits[i]);
    int sortable = bits >= 0 ? bits : bits ^ 0x7fffffff; // ascending int order = ascending float
    return ((long) ~sortable << 32) | i;
  }

  private static void siftDown(long[] heap, int i, int n) {
    long v = heap[i];
    while (true) {
      int c = 2 * i + 1;
      if (c >= n) {
        break;
      }
      if (c + 1 < n && heap[c + 1] > heap[c]) {
        c++;
      }
      if (heap[c] <= v) {
        break;
      }
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = v;
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
