package dev.tether.engine.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantizerTest {

  private static float[] gaussian(int n, long seed) {
    Random r = new Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  static float[] roundTrip(GgmlType type, float[] values) {
    byte[] bytes = Quantizer.quantize(type, values);
    assertThat(bytes).hasSize((int) type.byteSize(values.length));
    float[] back = new float[values.length];
    Dequantize.decode(type, MemorySegment.ofArray(bytes), 0, back, 0, values.length);
    return back;
  }

  /**
   * Root-mean-square error relative to the values' RMS (1 for N(0, 1)). Uniform rounding to a step
   * s has RMS error s/√12; the bounds are ~1.5× that for the step each format uses on Gaussian
   * blocks: Q8_0 s = max|x|/127 ≈ 2.5/127 → 0.006; Q4_0 s = max|x|/8 ≈ 0.31 → 0.09; Q4_K s = range/15
   * ≈ 4.5/15 → 0.087 (plus 6-bit scale and min rounding); Q5_K range/31 → 0.042; Q6_K max|x| of 16
   * /32 ≈ 2/32 → 0.018; F16 and BF16 keep 11 and 8 significant bits.
   */
  @ParameterizedTest
  @CsvSource({"F32, 0", "F16, 0.0004", "BF16, 0.003", "Q8_0, 0.009", "Q4_0, 0.13", "Q4_K, 0.13",
      "Q5_K, 0.065", "Q6_K, 0.03"})
  void roundTripErrorIsWithinTheFormatsPrecision(GgmlType type, double maxRelativeRms) {
    float[] v = gaussian(256 * 64, type.ordinal());
    float[] back = roundTrip(type, v);
    double err = 0;
    for (int i = 0; i < v.length; i++) {
      err += (v[i] - back[i]) * (double) (v[i] - back[i]);
    }
    double rms = Math.sqrt(err / v.length);
    assertThat(rms).isLessThanOrEqualTo(maxRelativeRms);
    if (type.isQuantized()) {
      assertThat(rms).as("a quantised format loses something").isGreaterThan(maxRelativeRms / 10);
    }
  }

  @ParameterizedTest
  @CsvSource({"Q8_0", "Q4_0", "Q4_K", "Q5_K", "Q6_K"})
  void noValueIsOffByMoreThanAFewSteps(GgmlType type) {
    float[] v = gaussian(256 * 16, 7);
    float[] back = roundTrip(type, v);
    for (int b = 0; b < v.length / type.blockSize(); b++) {
      float max = 0;
      for (int i = 0; i < type.blockSize(); i++) {
        max = Math.max(max, Math.abs(v[b * type.blockSize() + i]));
      }
      // A generous per-element bound: a fifth of the block's largest magnitude for the 4-bit
      // formats (a step is about max/8 and rounding plus scale quantisation adds at most ~1.5 steps).
      float bound = switch (type) {
        case Q8_0 -> max / 127 * 0.51f;
        case Q6_K -> max / 10;
        case Q5_K -> max / 8;
        default -> max / 5;
      };
      for (int i = 0; i < type.blockSize(); i++) {
        int k = b * type.blockSize() + i;
        assertThat(Math.abs(back[k] - v[k])).as("%s value %d", type, k).isLessThanOrEqualTo(bound);
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"Q8_0", "Q4_0", "Q4_K", "Q5_K", "Q6_K"})
  void zerosAndConstantsSurvive(GgmlType type) {
    assertThat(roundTrip(type, new float[256])).containsOnly(0f);
    float[] c = new float[256];
    java.util.Arrays.fill(c, -0.75f);
    for (float x : roundTrip(type, c)) {
      assertThat(x).isCloseTo(-0.75f, org.assertj.core.data.Offset.offset(0.01f));
    }
  }

  @Test
  void badInputIsRejected() {
    assertThatThrownBy(() -> Quantizer.quantize(GgmlType.Q4_K, new float[32]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256");
    assertThatThrownBy(() -> Quantizer.quantize(GgmlType.Q2_K, new float[256]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Q2_K");
    float[] nan = new float[32];
    nan[3] = Float.NaN;
    assertThatThrownBy(() -> Quantizer.quantize(GgmlType.Q8_0, nan))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
  }

  @Test
  void packedScalesDecodeBack() {
    int[] sc = {0, 63, 17, 42, 63, 1, 33, 48};
    int[] m = {63, 0, 5, 60, 31, 62, 16, 9};
    MemorySegment s = MemorySegment.ofArray(KQuants.packScales(sc, m));
    for (int j = 0; j < 8; j++) {
      assertThat(Dequantize.kScale(s, 0, j)).isEqualTo(sc[j]);
      assertThat(Dequantize.kMin(s, 0, j)).isEqualTo(m[j]);
    }
  }
}
