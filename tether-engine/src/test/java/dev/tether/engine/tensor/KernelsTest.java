package dev.tether.engine.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KernelsTest {

  private static WeightMatrix f32(String name, int rows, int cols, float... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return new WeightMatrix(name, GgmlType.F32, rows, cols, MemorySegment.ofArray(b.array()));
  }

  @ParameterizedTest
  @EnumSource(Kernels.Mode.class)
  void matmulMultipliesEveryVectorOfTheBatch(Kernels.Mode mode) {
    // W = [[1, 2, 3], [4, 5, 6]]; x0 = (1, 0, −1), x1 = (2, 1, 0)
    WeightMatrix w = f32("w", 2, 3, 1, 2, 3, 4, 5, 6);
    float[] y = new float[4];
    try (Kernels k = Kernels.create(2, mode)) {
      k.matmul(w, new float[] {1, 0, -1, 2, 1, 0}, 2, y);
    }
    assertThat(y).containsExactly(-2, -2, 4, 13);
  }

  @ParameterizedTest
  @EnumSource(Kernels.Mode.class)
  void parallelForCoversEveryIndexExactlyOnce(Kernels.Mode mode) {
    try (Kernels k = Kernels.create(3, mode)) {
      for (int n : new int[] {0, 1, 2, 3, 5, 64, 1001}) {
        for (int round = 0; round < 20; round++) {
          AtomicIntegerArray hits = new AtomicIntegerArray(Math.max(n, 1));
          k.parallelFor(n, (from, to) -> {
            for (int i = from; i < to; i++) {
              hits.incrementAndGet(i);
            }
          });
          for (int i = 0; i < n; i++) {
            assertThat(hits.get(i)).as("index %d of %d", i, n).isEqualTo(1);
          }
        }
      }
    }
  }

  @Test
  void anExceptionInAWorkerReachesTheCaller() {
    try (Kernels k = Kernels.create(2, Kernels.Mode.SCALAR)) {
      assertThatThrownBy(() -> k.parallelFor(10, (from, to) -> {
        if (from > 0) {
          throw new IllegalStateException("boom");
        }
      })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
      int[] sum = new int[1];
      k.parallelFor(1, (from, to) -> sum[0] = to); // still usable
      assertThat(sum[0]).isEqualTo(1);
    }
  }

  @Test
  void closedKernelsRefuseWorkAndBadThreadCountsAreRejected() {
    Kernels k = Kernels.create(2, Kernels.Mode.VECTOR);
    k.close();
    assertThatThrownBy(() -> k.parallelFor(4, (from, to) -> {}))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> Kernels.create(0, Kernels.Mode.SCALAR))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads");
  }

  @Test
  void aParallelForInsideAParallelForRunsSeriallyInsteadOfDeadlocking() {
    try (Kernels k = Kernels.create(2, Kernels.Mode.SCALAR)) {
      AtomicIntegerArray hits = new AtomicIntegerArray(100);
      k.parallelFor(10, (from, to) -> {
        for (int i = from; i < to; i++) {
          int base = i * 10;
          k.parallelFor(10, (f, t) -> {
            for (int j = f; j < t; j++) {
              hits.incrementAndGet(base + j);
            }
          });
        }
      });
      for (int i = 0; i < 100; i++) {
        assertThat(hits.get(i)).isEqualTo(1);
      }
    }
  }

  @Test
  void theBenchmarkRunsOnATinyShape() {
    java.io.PrintStream out = System.out;
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      KernelBenchmark.main(new String[] {"--threads", "2", "--types", "Q4_K,F16", "--shapes", "40x256",
          "--batch", "9", "--scalar-batch", "2", "--seconds", "0.01"});
    } finally {
      System.setOut(out);
    }
    String text = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(text).contains("Q4_K  40x256", "matmul9", "vector/scalar matvec speed-up", "F16");
  }

  @Test
  void anUnsupportedTypeIsAClearErrorNamingTheTensor() {
    WeightMatrix w = new WeightMatrix("blk.0.ffn_up.weight", GgmlType.Q4_1, 1, 32,
        MemorySegment.ofArray(new byte[20]));
    try (Kernels k = Kernels.create(1, Kernels.Mode.VECTOR)) {
      assertThatThrownBy(() -> k.matmul(w, new float[32], 1, new float[1]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("blk.0.ffn_up.weight").hasMessageContaining("Q4_1");
      assertThatThrownBy(() -> k.dequantizeRow(w, 0, new float[32], 0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Q4_1");
    }
  }

  @Test
  void shortBuffersAreRejected() {
    WeightMatrix w = f32("w", 2, 3, 1, 2, 3, 4, 5, 6);
    try (Kernels k = Kernels.create(1, Kernels.Mode.SCALAR)) {
      assertThatThrownBy(() -> k.matmul(w, new float[5], 2, new float[4]))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input");
      assertThatThrownBy(() -> k.matmul(w, new float[6], 2, new float[3]))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output");
    }
  }

  @Test
  void theSystemPropertyNamesAModeOrIsRejected() {
    assertThat(Kernels.modeOverride(null)).isEmpty();
    assertThat(Kernels.modeOverride("Scalar")).contains(Kernels.Mode.SCALAR);
    assertThat(Kernels.modeOverride(" vector ")).contains(Kernels.Mode.VECTOR);
    assertThatThrownBy(() -> Kernels.modeOverride("fast"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tether.kernels");
  }

  @Test
  void dequantizeRowDecodesOneRow() {
    WeightMatrix w = f32("w", 2, 3, 1, 2, 3, 4, 5, 6);
    float[] out = new float[5];
    try (Kernels k = Kernels.create(1, Kernels.Mode.SCALAR)) {
      k.dequantizeRow(w, 1, out, 2);
    }
    assertThat(out).containsExactly(0, 0, 4, 5, 6);
  }
}
