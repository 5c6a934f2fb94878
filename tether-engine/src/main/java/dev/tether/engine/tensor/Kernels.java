package dev.tether.engine.tensor;

/**
 * The numeric kernels of the forward pass and the worker pool they run on. One instance per loaded
 * model; thread-safe for one caller at a time per instance (the engine serialises forward passes).
 *
 * <p>Layouts: activations are row-major {@code float[]}; a batch of {@code n} vectors of width
 * {@code w} is {@code x[b * w + i]}.
 *
 * <p>Weight segments are read from the worker threads, so they must come from a shared or global
 * arena (as {@code GgufFile} maps them) or a heap array, not a confined arena. Batches of fewer
 * than 8 vectors are computed as matrix × vector passes (weights read once per vector); larger ones
 * decode each weight tile once per up to 512 vectors.
 */
public interface Kernels extends AutoCloseable {

  /** Which implementation computes. */
  enum Mode {
    /** Vector API ({@code jdk.incubator.vector}) kernels: the default. */
    VECTOR,
    /** Plain loops, the reference every fast kernel is tested against. */
    SCALAR
  }

  /**
   * Kernels of the given mode on {@code threads} worker threads (the calling thread counts as one).
   * The mode can also be forced with the system property {@code tether.kernels=scalar|vector}.
   */
  static Kernels create(int threads, Mode mode) {
    Mode chosen = modeOverride(System.getProperty(MODE_PROPERTY)).orElse(mode);
    java.util.Objects.requireNonNull(chosen, "mode");
    return switch (chosen) {
      case SCALAR -> new ScalarKernels(threads);
      case VECTOR -> new VectorKernels(threads);
    };
  }

  /** The system property that forces a mode: {@code scalar} or {@code vector}. */
  String MODE_PROPERTY = "tether.kernels";

  /**
   * The mode named by a value of {@link #MODE_PROPERTY}, empty when {@code value} is null or blank.
   *
   * @throws IllegalArgumentException for any other value
   */
  static java.util.Optional<Mode> modeOverride(String value) {
    if (value == null || value.isBlank()) {
      return java.util.Optional.empty();
    }
    return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "scalar" -> java.util.Optional.of(Mode.SCALAR);
      case "vector" -> java.util.Optional.of(Mode.VECTOR);
      default -> throw new IllegalArgumentException(
          MODE_PROPERTY + " must be scalar or vector, not '" + value + "'");
    };
  }

  Mode mode();

  int threads();

  /**
   * {@code y[b * w.rows() + r] = Σ_c W[r][c] · x[b * w.cols() + c]} for every {@code b < batch}: a
   * batch of {@code batch} input vectors times the weights, each weight block read once per batch
   * (not once per vector), split over the worker threads.
   */
  void matmul(WeightMatrix w, float[] x, int batch, float[] y);

  /** Dequantises row {@code row} of {@code w} into {@code out[offset … offset + cols)} (embeddings). */
  void dequantizeRow(WeightMatrix w, int row, float[] out, int offset);

  /**
   * Runs {@code body} over {@code [0, n)} split into contiguous ranges, one per worker, and returns
   * when all are done (for attention, norms and other non-matmul work).
   */
  void parallelFor(int n, RangeBody body);

  /** A piece of parallel work over {@code [from, to)}. */
  @FunctionalInterface
  interface RangeBody {
    void run(int from, int to);
  }

  /** Stops the workers. */
  @Override
  void close();
}
