package dev.tether.engine.tensor;

import static dev.tether.engine.tensor.Simd.F;
import static dev.tether.engine.tensor.Simd.L;

import jdk.incubator.vector.FloatVector;

/**
 * Matrix × matrix for prompt processing: weights are decoded once per batch into a small float tile
 * and reused by every token of the batch, so the work is a float GEMM rather than a weight stream.
 *
 * <p>Blocking (per worker, over its share of rows): for each chunk of {@link #KC} input columns
 * (the chunk of every token's activations, ≤ 512 KiB for 512 tokens, stays in L2), for each tile of
 * {@link #RT} = 2·L rows, the tile is decoded and transposed to {@code tile[k · RT + row]} (32 KiB),
 * then a register-blocked kernel computes 6 tokens × RT rows at a time: per column k, two weight
 * vectors (RT rows) times 6 broadcast activations into 12 accumulators (with 16, C2 spills and
 * runs 8× slower), an outer product with no
 * horizontal reductions. The accumulators are added into y, whose rows are contiguous per token.
 */
final class VectorGemm {

  /** Rows per tile: two vectors. */
  static final int RT = 2 * L;
  /** Input columns per chunk: a multiple of every block size (256 for the K types). */
  static final int KC = 256;
  /** Tokens per register block. */
  private static final int NB = 6;
  /** Tokens per pass over the weights: bounds the activation chunk to TB × KC floats (512 KiB). */
  static final int TB = 512;

  private VectorGemm() {}

  /** Floats of per-worker scratch {@link #multiply} needs: the tile and one decoded row chunk. */
  static int scratchSize() {
    return RT * KC + KC;
  }

  /**
   * Computes {@code y[b · rows + r]} for the rows of tiles {@code [fromTile, toTile)} and every
   * token {@code b < batch}.
   */
  static void multiply(WeightMatrix w, float[] x, int batch, float[] y, int fromTile, int toTile,
      float[] scratch) {
    for (int b0 = 0; b0 < batch; b0 += TB) {
      int b1 = Math.min(batch, b0 + TB);
      multiplyTokens(w, x, b0, b1, y, fromTile, toTile, scratch);
    }
  }

  private static void multiplyTokens(WeightMatrix w, float[] x, int b0, int b1, float[] y,
      int fromTile, int toTile, float[] scratch) {
    int rows = w.rows();
    int cols = w.cols();
    long rowBytes = w.rowBytes();
    int block = w.type().blockSize();
    long blockBytes = w.type().typeSize();
    float[] tile = scratch;
    int rowBuf = RT * KC;
    for (int k0 = 0; k0 < cols; k0 += KC) {
      int kc = Math.min(KC, cols - k0);
      long chunkOffset = (long) (k0 / block) * blockBytes;
      boolean first = k0 == 0;
      for (int t = fromTile; t < toTile; t++) {
        int r0 = t * RT;
        int nr = Math.min(RT, rows - r0);
        for (int rr = 0; rr < RT; rr++) {
          if (rr < nr) {
            VectorDecode.decode(
                w.type(), w.data(), (r0 + rr) * rowBytes + chunkOffset, scratch, rowBuf, kc);
            for (int k = 0; k < kc; k++) {
              tile[k * RT + rr] = scratch[rowBuf + k];
            }
          } else {
            for (int k = 0; k < kc; k++) {
              tile[k * RT + rr] = 0;
            }
          }
        }
        int b = b0;
        for (; b + NB <= b1; b += NB) {
          block6(tile, kc, x, cols, k0, b, y, rows, r0, nr, first);
        }
        for (; b < b1; b++) {
          block1(tile, kc, x, b * cols + k0, y, b * rows + r0, nr, first);
        }
      }
    }
  }

  private static void block6(float[] tile, int kc, float[] x, int cols, int k0, int b, float[] y,
      int rows, int r0, int nr, boolean first) {
    FloatVector z = FloatVector.zero(F);
    FloatVector c0 = z, c1 = z, c2 = z, c3 = z, c4 = z, c5 = z;
    FloatVector d0 = z, d1 = z, d2 = z, d3 = z, d4 = z, d5 = z;
    int x0 = b * cols + k0;
    for (int k = 0; k < kc; k++) {
      FloatVector w0 = FloatVector.fromArray(F, tile, k * RT);
      FloatVector w1 = FloatVector.fromArray(F, tile, k * RT + L);
      int xk = x0 + k;
      FloatVector v = FloatVector.broadcast(F, x[xk]);
      c0 = w0.fma(v, c0);
      d0 = w1.fma(v, d0);
      v = FloatVector.broadcast(F, x[xk + cols]);
      c1 = w0.fma(v, c1);
      d1 = w1.fma(v, d1);
      v = FloatVector.broadcast(F, x[xk + 2 * cols]);
      c2 = w0.fma(v, c2);
      d2 = w1.fma(v, d2);
      v = FloatVector.broadcast(F, x[xk + 3 * cols]);
      c3 = w0.fma(v, c3);
      d3 = w1.fma(v, d3);
      v = FloatVector.broadcast(F, x[xk + 4 * cols]);
      c4 = w0.fma(v, c4);
      d4 = w1.fma(v, d4);
      v = FloatVector.broadcast(F, x[xk + 5 * cols]);
      c5 = w0.fma(v, c5);
      d5 = w1.fma(v, d5);
    }
    int yb = b * rows + r0;
    store(c0, d0, y, yb, nr, first);
    store(c1, d1, y, yb + rows, nr, first);
    store(c2, d2, y, yb + 2 * rows, nr, first);
    store(c3, d3, y, yb + 3 * rows, nr, first);
    store(c4, d4, y, yb + 4 * rows, nr, first);
    store(c5, d5, y, yb + 5 * rows, nr, first);
  }

  private static void block1(float[] tile, int kc, float[] x, int xo, float[] y, int yo, int nr,
      boolean first) {
    FloatVector c = FloatVector.zero(F);
    FloatVector d = c;
    for (int k = 0; k < kc; k++) {
      FloatVector v = FloatVector.broadcast(F, x[xo + k]);
      c = FloatVector.fromArray(F, tile, k * RT).fma(v, c);
      d = FloatVector.fromArray(F, tile, k * RT + L).fma(v, d);
    }
    store(c, d, y, yo, nr, first);
  }

  /** Writes (first chunk) or adds the RT sums of one token into {@code y[yo …]}, nr of them valid. */
  private static void store(FloatVector c, FloatVector d, float[] y, int yo, int nr, boolean first) {
    if (nr == RT) {
      if (!first) {
        c = c.add(FloatVector.fromArray(F, y, yo));
        d = d.add(FloatVector.fromArray(F, y, yo + L));
      }
      c.intoArray(y, yo);
      d.intoArray(y, yo + L);
      return;
    }
    float[] lanes = new float[RT];
    c.intoArray(lanes, 0);
    d.intoArray(lanes, L);
    for (int i = 0; i < nr; i++) {
      y[yo + i] = first ? lanes[i] : y[yo + i] + lanes[i];
    }
  }
}
