package dev.tether.engine.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.engine.gguf.GgmlType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every vector kernel against the scalar reference, on random weights (both arbitrary block bytes
 * and quantised Gaussians) and random shapes: batch 1 (matrix × vector), small batches (one pass per
 * vector), batches past the GEMM threshold with token tails, rows that are not multiples of the
 * 4-row pass, the 32-row tile or the thread count, and widths that span several 256-column chunks.
 */
class VectorKernelsTest {

  private static final int[] BATCHES = {1, 2, 7, 8, 9, 19, 40};

  /** Random block bytes whose f16 scale fields are replaced by finite halves in [−1, 1). */
  static byte[] randomBlocks(GgmlType type, int rows, int cols, Random rnd) {
    int blocks = rows * (cols / type.blockSize());
    ByteBuffer b = ByteBuffer.allocate(blocks * type.typeSize()).order(ByteOrder.LITTLE_ENDIAN);
    rnd.nextBytes(b.array());
    for (int i = 0; i < blocks; i++) {
      int o = i * type.typeSize();
      switch (type) {
        case F32 -> b.putFloat(o, (float) rnd.nextGaussian());
        case F16 -> b.putShort(o, Float.floatToFloat16((float) rnd.nextGaussian()));
        case BF16 -> b.putShort(o, Quantizer.bf16((float) rnd.nextGaussian()));
        case Q8_0, Q4_0 -> b.putShort(o, half(rnd));
        case Q4_K, Q5_K -> b.putShort(o, half(rnd)).putShort(o + 2, half(rnd));
        case Q6_K -> b.putShort(o + 208, half(rnd));
        default -> throw new AssertionError(type);
      }
    }
    return b.array();
  }

  private static short half(Random rnd) {
    return Float.floatToFloat16((float) (rnd.nextDouble() * 2 - 1) / 64);
  }

  static float[] gaussian(int n, Random rnd) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) rnd.nextGaussian();
    }
    return v;
  }

  @ParameterizedTest
  @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K", "Q5_K", "Q6_K"})
  void vectorKernelsAgreeWithTheScalarReference(GgmlType type) {
    Random rnd = new Random(type.ordinal() * 31L + 5);
    int blk = type.blockSize();
    try (Arena arena = Arena.ofShared()) {
      for (int trial = 0; trial < 14; trial++) {
        int rows = 1 + rnd.nextInt(trial < 7 ? 9 : 75);
        int cols = blk == 1 ? 1 + rnd.nextInt(trial % 2 == 0 ? 40 : 700)
            : blk * (1 + rnd.nextInt(blk == 256 ? 3 : 25));
        int batch = BATCHES[trial % BATCHES.length];
        int threads = 1 + rnd.nextInt(3);
        byte[] bytes = trial % 2 == 0
            ? randomBlocks(type, rows, cols, rnd)
            : Quantizer.quantize(type, gaussian(rows * cols, rnd));
        // Native memory like a mapped file on odd trials, a heap array on even ones.
        MemorySegment data = trial % 4 < 2
            ? MemorySegment.ofArray(bytes)
            : arena.allocate(bytes.length).copyFrom(MemorySegment.ofArray(bytes));
        check(new WeightMatrix("t" + trial, type, rows, cols, data), gaussian(batch * cols, rnd), batch,
            threads);
      }
    }
  }

  /**
   * The vector decoders (GEMM tiles, embeddings) do the reference's float operations in the same
   * order, lane by lane, so they must agree exactly.
   */
  @ParameterizedTest
  @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K", "Q5_K", "Q6_K"})
  void vectorDecodersMatchTheReferenceExactly(GgmlType type) {
    Random rnd = new Random(type.ordinal() * 17L + 3);
    int cols = type.blockSize() == 1 ? 301 : type.blockSize() * 3;
    int rows = 5;
    WeightMatrix w = new WeightMatrix("d", type, rows, cols,
        MemorySegment.ofArray(randomBlocks(type, rows, cols, rnd)));
    float[] expected = new float[cols + 2];
    float[] actual = new float[cols + 2];
    try (Kernels s = Kernels.create(1, Kernels.Mode.SCALAR);
        Kernels v = Kernels.create(1, Kernels.Mode.VECTOR)) {
      for (int r = 0; r < rows; r++) {
        s.dequantizeRow(w, r, expected, 2);
        v.dequantizeRow(w, r, actual, 2);
        assertThat(actual).as("%s row %d", type, r).containsExactly(expected);
      }
    }
  }

  /**
   * The F16 matrix × vector moves half bits into f32 position without re-biasing and carries the
   * 2^112 in the activations and the result instead, so the extremes of the half range must still
   * come out right: subnormal halves, the largest finite half, signed zeros, large activations, and
   * a tail past the last whole vector.
   */
  @org.junit.jupiter.api.Test
  void f16MatvecHandlesTheWholeHalfRange() {
    Random rnd = new Random(11);
    int rows = 9;
    int cols = 3 * 32 + 5;
    float[] specials = {0x1p-24f, -0x1p-24f, 0x1.ff8p-15f, 6.1035156e-5f, 65504f, -65504f, 0f, -0f,
        1f, -2.5f};
    ByteBuffer b = ByteBuffer.allocate(2 * rows * cols).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < rows * cols; i++) {
      float v = rnd.nextInt(3) == 0 ? specials[rnd.nextInt(specials.length)] : (float) rnd.nextGaussian();
      b.putShort(2 * i, Float.floatToFloat16(v));
    }
    WeightMatrix w = new WeightMatrix("h", GgmlType.F16, rows, cols, MemorySegment.ofArray(b.array()));
    float[] x = gaussian(cols, rnd);
    for (int i = 0; i < cols; i += 7) {
      x[i] *= 1e4f;
    }
    check(w, x, 1, 1);
    check(w, x, 1, 2);
  }

  /**
   * Both sides sum the same float products in a different order (4-row passes, per-block and
   * per-sub-block partial sums, GEMM column chunks, and for Q4_K/Q5_K the mins taken off via Σx), so
   * they may differ by float rounding: at most about n·2⁻²⁴·Σ|wᵢxᵢ| in the worst case, about
   * √n·2⁻²⁴·Σ|wᵢxᵢ| typically (n ≤ 6400 here: 5·10⁻⁶ relative). 10⁻⁴ of Σ|wᵢxᵢ| leaves room for
   * the min/scale split of the K types and still catches any wrong value, whose error is of the
   * order of a whole term.
   */
  private static void check(WeightMatrix w, float[] x, int batch, int threads) {
    float[] expected = new float[batch * w.rows()];
    float[] actual = new float[batch * w.rows()];
    java.util.Arrays.fill(actual, Float.NaN); // every output must be written
    try (Kernels s = Kernels.create(1, Kernels.Mode.SCALAR);
        Kernels v = Kernels.create(threads, Kernels.Mode.VECTOR)) {
      assertThat(v.mode()).isEqualTo(Kernels.Mode.VECTOR);
      s.matmul(w, x, batch, expected);
      v.matmul(w, x, batch, actual);
      float[] row = new float[w.cols()];
      for (int r = 0; r < w.rows(); r++) {
        s.dequantizeRow(w, r, row, 0);
        for (int b = 0; b < batch; b++) {
          double mag = 0;
          for (int c = 0; c < w.cols(); c++) {
            mag += Math.abs(row[c] * x[b * w.cols() + c]);
          }
          int i = b * w.rows() + r;
          assertThat((double) actual[i])
              .as("%s %d×%d batch %d threads %d: row %d token %d", w.type(), w.rows(), w.cols(), batch,
                  threads, r, b)
              .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-4 * mag + 1e-30));
        }
      }
    }
  }
}
