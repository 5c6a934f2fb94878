package dev.tether.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.engine.tensor.Kernels;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Vector API attention (tiled prefill, split decode) against the scalar reference. */
class AttentionTest {
  @Test
  void tiledPrefillAndSplitDecodeMatchTheScalarReference() throws Exception {
    // Batches that start mid-tile, cross several tiles, and single generation rows; group sizes 1 and 7.
    int[][] cases = {{0, 37}, {5, 200}, {130, 19}, {300, 1}, {77, 2}, {0, 4}};
    for (int[] kv : new int[][] {{14, 2}, {4, 4}}) {
      ModelConfig c = new ModelConfig("qwen2", kv[0] * 64, 1, kv[0], kv[1], 64, 128, 100, 1e-5f, 1e6, 64,
          ModelConfig.RopeStyle.NEOX, 1, 4096);
      try (Kernels scalar = Kernels.create(2, Kernels.Mode.SCALAR);
          Kernels vector = Kernels.create(2, Kernels.Mode.VECTOR)) {
        for (int[] sn : cases) {
          int start = sn[0];
          int n = sn[1];
          Random r = new Random(start * 31L + n);
          int len = start + n;
          short[] keys = new short[len * c.kvDim()];
          short[] values = new short[len * c.kvDim()];
          for (int i = 0; i < keys.length; i++) {
            keys[i] = Float.floatToFloat16((float) r.nextGaussian());
            values[i] = Float.floatToFloat16((float) r.nextGaussian());
          }
          float[] q = new float[n * c.qDim()];
          for (int i = 0; i < q.length; i++) {
            q[i] = (float) (r.nextGaussian() * 2);
          }
          float[] expected = new float[q.length];
          float[] actual = new float[q.length];
          new Attention(c, scalar).compute(q, keys, values, expected, start, n);
          new Attention(c, vector).compute(q, keys, values, actual, start, n);
          for (int i = 0; i < q.length; i++) {
            assertThat(actual[i]).as("start %d, n %d, kv %s, value %d", start, n, kv[1], i)
                .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(2e-4f + 1e-4f * Math.abs(expected[i])));
          }
        }
      }
    }
  }
}
