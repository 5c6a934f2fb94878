package dev.tether.engine.tensor;

import dev.tether.engine.gguf.GgmlType;

/**
 * The Vector API kernels: for single vectors and small batches (generation) {@link BlockedMatvec}
 * over groups of four rows where the type has a blocked kernel, {@link VectorMatvec} row by row
 * otherwise and for the last rows; {@link VectorGemm} for larger batches (prompt processing); all
 * split over the worker pool by rows.
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
    GgmlType type = w.type();
    float[] aux = null;
    if (VectorMatvec.needsSums(type)) {
      aux = new float[w.cols() / 32];
      VectorMatvec.groupSums(x, xo, w.cols(), aux);
    } else if (VectorMatvec.needsPairs(type)) {
      aux = new float[w.cols()];
      VectorMatvec.pairSplit(x, xo, w.cols(), aux);
    }
    float[] shared = aux;
    int rows = w.rows();
    if (!BlockedMatvec.supports(type)) {
      pool.run(rows, (worker, from, to) -> {
        for (int r = from; r < to; r++) {
          y[yo + r] = VectorMatvec.row(w, r, x, xo, shared);
        }
      });
      return;
    }
    float[] blockedAux = aux;
    if (type == GgmlType.F16) {
      // The blocked F16 kernel wants the activations pre-scaled; the row kernel (leftover rows)
      // keeps the unscaled copy.
      blockedAux = new float[w.cols()];
      for (int i = 0; i < blockedAux.length; i++) {
        blockedAux[i] = aux[i] * BlockedMatvec.F16_PRESCALE;
      }
    }
    float[] scaled = blockedAux;
    int groups = (rows + BlockedMatvec.R - 1) / BlockedMatvec.R;
    int scratchSize = BlockedMatvec.scratchSize(w.cols());
    pool.run(groups, (worker, from, to) -> {
      float[] s = scratch(worker, scratchSize);
      for (int g = from; g < to; g++) {
        int r = g * BlockedMatvec.R;
        if (r + BlockedMatvec.R <= rows) {
          BlockedMatvec.rows(w, r, x, xo, scaled, y, yo, s);
        } else {
          for (; r < rows; r++) {
            y[yo + r] = VectorMatvec.row(w, r, x, xo, shared);
          }
        }
      }
    });
  }
}
