package dev.tether.engine.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SamplerTest {
  /** Logits whose softmax is 0.5, 0.25, 0.125, 0.0625, 0.0625 over ids 3, 0, 4, 1, 2. */
  private static final float[] LOGITS = {
    (float) Math.log(0.25), (float) Math.log(0.0625), (float) Math.log(0.0625), (float) Math.log(0.5),
    (float) Math.log(0.125)
  };

  private static Sampler.Settings sampling(double temperature, int topK, double topP, double minP, long seed) {
    return new Sampler.Settings(temperature, topK, topP, minP, seed);
  }

  @Test
  void greedyPicksTheLargestLogitAndTheLowestIdOnTies() {
    assertThat(new Sampler(sampling(0, 0, 1, 0, 0)).sample(LOGITS)).isEqualTo(3);
    assertThat(new Sampler(sampling(0, 0, 1, 0, 0)).sample(new float[] {1, 5, 5, 2})).isEqualTo(1);
  }

  @Test
  void theSameSeedGivesTheSameTokensAndAnotherSeedOtherTokens() {
    float[] logits = randomLogits(1000, 7);
    int[] a = draw(new Sampler(sampling(1.0, 0, 1, 0, 123)), logits, 200);
    int[] b = draw(new Sampler(sampling(1.0, 0, 1, 0, 123)), logits, 200);
    int[] c = draw(new Sampler(sampling(1.0, 0, 1, 0, 124)), logits, 200);
    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
    int[] filtered1 = draw(new Sampler(sampling(0.8, 50, 0.9, 0.01, 5)), logits, 200);
    int[] filtered2 = draw(new Sampler(sampling(0.8, 50, 0.9, 0.01, 5)), logits, 200);
    assertThat(filtered1).isEqualTo(filtered2);
  }

  @Test
  void topKKeepsTheKMostLikely() {
    assertThat(new Sampler(sampling(1, 2, 1, 0, 0)).candidates(LOGITS)).containsExactly(3, 0);
    assertThat(new Sampler(sampling(1, 0, 1, 0, 0)).candidates(LOGITS)).containsExactly(3, 0, 4, 1, 2);
  }

  @Test
  void topPKeepsTheSmallestPrefixReachingP() {
    assertThat(new Sampler(sampling(1, 0, 0.45, 0, 0)).candidates(LOGITS)).containsExactly(3);
    assertThat(new Sampler(sampling(1, 0, 0.6, 0, 0)).candidates(LOGITS)).containsExactly(3, 0);
    assertThat(new Sampler(sampling(1, 0, 0.8, 0, 0)).candidates(LOGITS)).containsExactly(3, 0, 4);
    assertThat(new Sampler(sampling(1, 0, 0.0, 0, 0)).candidates(LOGITS)).containsExactly(3);
  }

  @Test
  void minPKeepsTokensAtLeastMinPTimesTheMostLikely() {
    // p / p_max: 1, 0.5, 0.25, 0.125, 0.125
    assertThat(new Sampler(sampling(1, 0, 1, 0.45, 0)).candidates(LOGITS)).containsExactly(3, 0);
    assertThat(new Sampler(sampling(1, 0, 1, 0.55, 0)).candidates(LOGITS)).containsExactly(3);
    assertThat(new Sampler(sampling(1, 0, 1, 0.2, 0)).candidates(LOGITS)).containsExactly(3, 0, 4);
    assertThat(new Sampler(sampling(1, 0, 1, 0.1, 0)).candidates(LOGITS)).containsExactly(3, 0, 4, 1, 2);
  }

  @Test
  void filtersApplyInOrderTopKThenTopPThenMinP() {
    // top_k 3 renormalises 0.5/0.25/0.125 to 4/7, 2/7, 1/7: top_p 0.9 needs all three (6/7 < 0.9),
    // where without top_k the first three reach only 0.875.
    assertThat(new Sampler(sampling(1, 3, 0.9, 0, 0)).candidates(LOGITS)).containsExactly(3, 0, 4);
    assertThat(new Sampler(sampling(1, 0, 0.9, 0, 0)).candidates(LOGITS)).containsExactly(3, 0, 4, 1);
    assertThat(new Sampler(sampling(1, 3, 0.9, 0.3, 0)).candidates(LOGITS)).containsExactly(3, 0);
  }

  @Test
  void onlyCandidatesAreDrawnAndFrequenciesFollowTheTemperature() {
    Sampler s = new Sampler(sampling(1, 2, 1, 0, 99));
    Map<Integer, Integer> counts = new HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      counts.merge(s.sample(LOGITS), 1, Integer::sum);
    }
    assertThat(counts.keySet()).containsExactlyInAnyOrder(3, 0);
    // p(3) = 0.5 / 0.75 = 2/3 after top_k 2.
    assertThat(counts.get(3) / 20_000.0).isBetween(0.65, 0.683);
    Sampler hot = new Sampler(sampling(2, 0, 1, 0, 1));
    Set<Integer> seen = new HashSet<>();
    int top = 0;
    for (int i = 0; i < 20_000; i++) {
      int t = hot.sample(LOGITS);
      seen.add(t);
      top += t == 3 ? 1 : 0;
    }
    assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    // At temperature 2 the weights are sqrt(p): 0.707 / (0.707 + 0.5 + 0.354 + 0.25 + 0.25) = 0.343.
    assertThat(top / 20_000.0).isBetween(0.33, 0.356);
  }

  @Test
  void aNegativeTemperatureIsRejected() {
    assertThatThrownBy(() -> new Sampler(sampling(-1, 0, 1, 0, 0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static int[] draw(Sampler s, float[] logits, int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = s.sample(logits);
    }
    return out;
  }

  private static float[] randomLogits(int n, long seed) {
    Random r = new Random(seed);
    float[] l = new float[n];
    for (int i = 0; i < n; i++) {
      l[i] = (float) (r.nextGaussian() * 3);
    }
    return l;
  }

  @Test
  void theBoundedSelectionKeepsWhatAFullSortWouldOnALargeVocabulary() {
    // Wide and flat logits (top_p needs many tokens, past the partial selection) and peaked ones.
    for (float scale : new float[] {0.01f, 1f, 8f}) {
      float[] logits = randomLogits(20_000, 11);
      for (int i = 0; i < logits.length; i++) {
        logits[i] *= scale;
      }
      logits[17] = logits[5]; // a tie, broken by the lower id
      for (Sampler.Settings s : new Sampler.Settings[] {
        sampling(1, 40, 1, 0, 0), sampling(1, 40, 0.9, 0.05, 0), sampling(1, 0, 0.95, 0, 0),
        sampling(1, 0, 1, 0.01, 0), sampling(1, 0, 0.5, 0.2, 0), sampling(1, 1000, 0.99, 0, 0)}) {
        assertThat(new Sampler(s).candidates(logits)).as("%s at scale %s", s, scale)
            .isEqualTo(fullSortCandidates(logits, s));
      }
    }
  }

  /** The filters applied after sorting the whole vocabulary: the obvious, slow way. */
  private static int[] fullSortCandidates(float[] logits, Sampler.Settings s) {
    Integer[] ids = new Integer[logits.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i;
    }
    java.util.Arrays.sort(ids, (a, b) -> logits[a] != logits[b] ? Float.compare(logits[b], logits[a]) : a - b);
    int n = s.topK() > 0 ? Math.min(s.topK(), ids.length) : ids.length;
    double max = logits[ids[0]];
    double[] p = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      p[i] = Math.exp(logits[ids[i]] - max);
      sum += p[i];
    }
    if (s.topP() < 1) {
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
      int keep = 1;
      while (keep < n && p[keep] >= s.minP() * p[0]) {
        keep++;
      }
      n = keep;
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = ids[i];
    }
    return out;
  }
}
