package dev.tether.engine.tensor;

import dev.tether.engine.gguf.GgmlType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Times the kernels on realistic shapes, scalar and vector in one run: matrix × vector (generation)
 * and a batched matrix × matrix (prompt processing) per weight type, printing milliseconds, GB/s of
 * weights streamed and GFLOP/s. No JMH: each case is warmed up for a fixed time, then the best and
 * the median of repeated runs are reported; the rates are computed from the best run (the least
 * disturbed by other work on the machine), the speed-ups from the medians.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp tether-engine/target/classes \
 *     dev.tether.engine.tensor.KernelBenchmark [--threads N] [--types Q8_0,Q4_K] \
 *     [--shapes 8192x2048,2048x8192] [--batch 512] [--scalar-batch 32] [--seconds S]
 * </pre>
 *
 * <p>Shapes are rows × cols (output × input). The vector matvec cycles through copies of the matrix
 * totalling over 160 MiB, so its GB/s is a DRAM rate (the scalar one is too slow for the cache to
 * matter). The scalar reference is far slower at large batches, so its batched case uses {@code
 * --scalar-batch} tokens; compare GFLOP/s there.
 */
public final class KernelBenchmark {

  private KernelBenchmark() {}

  public static void main(String[] args) {
    int threads = Runtime.getRuntime().availableProcessors();
    List<GgmlType> types = List.of(GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0,
        GgmlType.Q4_0, GgmlType.Q4_K, GgmlType.Q5_K, GgmlType.Q6_K);
    List<int[]> shapes = List.of(new int[] {8192, 2048}, new int[] {2048, 8192});
    int batch = 512;
    int scalarBatch = 32;
    double seconds = 1.0;
    try {
      for (int i = 0; i < args.length; i++) {
        String v = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--threads" -> threads = Integer.parseInt(need(args[i], v));
          case "--types" -> types = Arrays.stream(need(args[i], v).split(","))
              .map(t -> GgmlType.valueOf(t.strip().toUpperCase(Locale.ROOT))).toList();
          case "--shapes" -> shapes = Arrays.stream(need(args[i], v).split(","))
              .map(s -> Arrays.stream(s.strip().split("x")).mapToInt(Integer::parseInt).toArray()).toList();
          case "--batch" -> batch = Integer.parseInt(need(args[i], v));
          case "--scalar-batch" -> scalarBatch = Integer.parseInt(need(args[i], v));
          case "--seconds" -> seconds = Double.parseDouble(need(args[i], v));
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
        i++;
      }
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
    }
    System.out.printf(Locale.ROOT, "threads %d, float lanes %d, batch %d (scalar %d)%n", threads,
        Simd.L, batch, scalarBatch);
    System.out.printf(Locale.ROOT, "%-5s %-11s %-9s %6s %9s %9s %8s %9s %9s%n", "type", "shape", "op",
        "mode", "best ms", "median ms", "GB/s*", "GFLOP/s*", "cpu ms");
    System.out.println("(* from the best run; cpu ms: the calling thread's CPU time, the whole"
        + " cost with --threads 1, unaffected by time-slicing on a busy machine)");
    try (Arena arena = Arena.ofShared();
        Kernels scalar = Kernels.create(threads, Kernels.Mode.SCALAR);
        Kernels vector = Kernels.create(threads, Kernels.Mode.VECTOR)) {
      for (GgmlType type : types) {
        for (int[] shape : shapes) {
          // Enough copies to exceed the 32 MiB L3, cycled through, so matvec streams from DRAM as
          // it does in a model, where each weight is read once per token.
          WeightMatrix first = matrix(arena, type, shape[0], shape[1]);
          int copies = (int) Math.min(64, (160L << 20) / first.data().byteSize() + 1);
          WeightMatrix[] ws = new WeightMatrix[copies];
          ws[0] = first;
          for (int c = 1; c < copies; c++) {
            MemorySegment d = arena.allocate(first.data().byteSize(), 64).copyFrom(first.data());
            ws[c] = new WeightMatrix(first.name(), type, first.rows(), first.cols(), d);
          }
          WeightMatrix w = first;
          double sv = run(scalar, new WeightMatrix[] {w}, 1, seconds, "matvec");
          double vv = run(vector, ws, 1, seconds, "matvec");
          System.out.printf(Locale.ROOT, "      vector/scalar matvec speed-up %.1f×%n", sv / vv);
          if (shape == shapes.get(0)) {
            double sm = run(scalar, new WeightMatrix[] {w}, scalarBatch, seconds, "matmul") / scalarBatch;
            double vm = run(vector, new WeightMatrix[] {w}, batch, seconds, "matmul") / batch;
            System.out.printf(Locale.ROOT, "      vector/scalar matmul speed-up per token %.1f×%n",
                sm / vm);
          }
        }
      }
    }
  }

  private static String need(String option, String value) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }

  /** A rows × cols matrix of N(0, 0.02) weights in {@code type}, in native memory like a mapping. */
  static WeightMatrix matrix(Arena arena, GgmlType type, int rows, int cols) {
    Random rnd = new Random(1);
    long bytes = type.byteSize((long) rows * cols);
    MemorySegment data = arena.allocate(bytes, 64);
    float[] row = new float[cols];
    long rowBytes = bytes / rows;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        row[c] = (float) (rnd.nextGaussian() * 0.02);
      }
      MemorySegment.copy(MemorySegment.ofArray(Quantizer.quantize(type, row)), 0, data,
          r * rowBytes, rowBytes);
    }
    return new WeightMatrix(type + "-" + rows + "x" + cols, type, rows, cols, data);
  }

  /** Runs and prints one case; returns the median milliseconds per call. */
  private static double run(Kernels k, WeightMatrix[] ws, int batch, double seconds, String op) {
    WeightMatrix w = ws[0];
    int next = 0;
    Random rnd = new Random(2);
    float[] x = new float[batch * w.cols()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rnd.nextGaussian();
    }
    float[] y = new float[batch * w.rows()];
    long warmEnd = System.nanoTime() + (long) (seconds * 0.5e9);
    int warm = 0;
    while (System.nanoTime() < warmEnd || warm < 2) {
      k.matmul(ws[next++ % ws.length], x, batch, y);
      warm++;
    }
    List<Double> times = new ArrayList<>();
    double cpuBest = Double.MAX_VALUE;
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    while (System.nanoTime() < end || times.size() < 3) {
      WeightMatrix m = ws[next++ % ws.length];
      long c0 = mx.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      k.matmul(m, x, batch, y);
      times.add((System.nanoTime() - t0) / 1e6);
      cpuBest = Math.min(cpuBest, (mx.getCurrentThreadCpuTime() - c0) / 1e6);
    }
    times.sort(null);
    double best = times.get(0);
    double median = times.get(times.size() / 2);
    // Rates from the best run: on a shared machine the median mostly measures the neighbours.
    double gb = w.data().byteSize() / (best * 1e6);
    double gflop = 2.0 * w.rows() * w.cols() * batch / (best * 1e6);
    System.out.printf(Locale.ROOT, "%-5s %-11s %-9s %6s %9.3f %9.3f %8.1f %9.1f %9.3f%n", w.type(),
        w.rows() + "x" + w.cols(), batch == 1 ? op : op + batch, k.mode().name().toLowerCase(Locale.ROOT),
        best, median, gb, gflop, cpuBest);
    return median;
  }
}
