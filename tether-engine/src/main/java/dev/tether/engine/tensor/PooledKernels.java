package dev.tether.engine.tensor;

import java.util.Objects;

/**
 * What both kernel sets share: the worker pool, argument checks, per-worker scratch buffers and the
 * row decoder for embeddings.
 */
abstract sealed class PooledKernels implements Kernels permits ScalarKernels, VectorKernels {

  final WorkerPool pool;
  private final float[][] scratch;

  PooledKernels(int threads) {
    this.pool = new WorkerPool(threads);
    this.scratch = new float[threads][];
  }

  @Override
  public final int threads() {
    return pool.threads();
  }

  @Override
  public final void matmul(WeightMatrix w, float[] x, int batch, float[] y) {
    Objects.requireNonNull(w, "w");
    Dequantize.requireSupported(w);
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be at least 1, not " + batch);
    }
    if (x.length < (long) batch * w.cols()) {
      throw new IllegalArgumentException(w.name() + ": input holds " + x.length + " values, a batch of "
          + batch + " × " + w.cols() + " needs " + (long) batch * w.cols());
    }
    if (y.length < (long) batch * w.rows()) {
      throw new IllegalArgumentException(w.name() + ": output holds " + y.length + " values, a batch of "
          + batch + " × " + w.rows() + " needs " + (long) batch * w.rows());
    }
    multiply(w, x, batch, y);
  }

  /** {@link #matmul} after the checks. */
  abstract void multiply(WeightMatrix w, float[] x, int batch, float[] y);

  @Override
  public void dequantizeRow(WeightMatrix w, int row, float[] out, int offset) {
    Objects.requireNonNull(w, "w");
    Dequantize.requireSupported(w);
    Objects.checkIndex(row, w.rows());
    Objects.checkFromIndexSize(offset, w.cols(), out.length);
    Dequantize.decode(w.type(), w.data(), row * w.rowBytes(), out, offset, w.cols());
  }

  @Override
  public final void parallelFor(int n, RangeBody body) {
    Objects.requireNonNull(body, "body");
    pool.run(n, (worker, from, to) -> body.run(from, to));
  }

  /** Worker {@code worker}'s scratch buffer of at least {@code size} floats (contents undefined). */
  final float[] scratch(int worker, int size) {
    float[] s = scratch[worker];
    if (s == null || s.length < size) {
      s = new float[size];
      scratch[worker] = s;
    }
    return s;
  }

  @Override
  public void close() {
    pool.close();
  }
}
