package dev.tether.engine.tensor;

/**
 * The reference kernels: each weight row is decoded with the plain-loop {@link Dequantize} into a
 * per-worker buffer, then dotted with every input vector of the batch in float, so a batch reads
 * each weight once. Slow but obviously right; every {@link VectorKernels} kernel is tested against
 * it.
 */
final class ScalarKernels extends PooledKernels {

  ScalarKernels(int threads) {
    super(threads);
  }

  @Override
  public Mode mode() {
    return Mode.SCALAR;
  }

  @Override
  void multiply(WeightMatrix w, float[] x, int batch, float[] y) {
    int rows = w.rows();
    int cols = w.cols();
    long rowBytes = w.rowBytes();
    pool.run(rows, (worker, from, to) -> {
      float[] row = scratch(worker, cols);
      for (int r = from; r < to; r++) {
        Dequantize.decode(w.type(), w.data(), r * rowBytes, row, 0, cols);
        for (int b = 0; b < batch; b++) {
          int xo = b * cols;
          float sum = 0;
          for (int c = 0; c < cols; c++) {
            sum += row[c] * x[xo + c];
          }
          y[b * rows + r] = sum;
        }
      }
    });
  }
}
