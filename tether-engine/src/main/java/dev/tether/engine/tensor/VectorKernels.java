package dev.tether.engine.tensor;

/**
 * The Vector API kernels: {@link VectorMatvec} for single vectors and small batches (generation),
 * {@link VectorGemm} for larger batches (prompt processing), both split over the worker pool by
 * rows.
 */
final class VectorKernels extends PooledKernels {

  /**
   * Below this many tokens each vector gets its own matrix × vector pass: decoding a weight tile
   * costs more than streaming the weights again for a handful of tokens.
   */
  static final int GEMM_MIN_BATCH = 8;

  VectorKernels(int threads) {
    super(threads);
  }

  @Override
  public Mode mode() {
    return Mode.VECTOR;
  }

  @Override
  public void dequantizeRow(WeightMatrix w, int row, float[] out, int offset) {
    java.util.Objects.requireNonNull(w, "w");
    Dequantize.requireSupported(w);
    java.util.Objects.checkIndex(row, w.rows());
    java.util.Objects.checkFromIndexSize(offset, w.cols(), out.length);
    VectorDecode.decode(w.type(), w.data(), row * w.rowBytes(), out, offset, w.cols());
  }

  @Override
  void multiply(WeightMatrix w, float[] x, int batch, float[] y) {
    if (batch < GEMM_MIN_BATCH) {
      for (int b = 0; b < batch; b++) {
        matvec(w, x, b * w.cols(), y, b * w.rows());
      }
      return;
    }
    int tiles = (w.rows() + VectorGemm.RT - 1) / VectorGemm.RT;
    pool.run(tiles, (worker, from, to) ->
        VectorGemm.multiply(w, x, batch, y, from, to, scratch(worker, VectorGemm.scratchSize())));
  }

  private void matvec(WeightMatrix w, float[] x, int xo, float[] y, int yo) {
    float[] aux = null;
    if (VectorMatvec.needsSums(w.type())) {
      aux = new float[w.cols() / 32];
      VectorMatvec.groupSums(x, xo, w.cols(), aux);
    } else if (VectorMatvec.needsPairs(w.type())) {
      aux = new float[w.cols()];
      VectorMatvec.pairSplit(x, xo, w.cols(), aux);
    }
    float[] shared = aux;
    pool.run(w.rows(), (worker, from, to) -> {
      for (int r = from; r < to; r++) {
        y[yo + r] = VectorMatvec.row(w, r, x, xo, shared);
      }
    });
  }
}
