package dev.tether.engine.model;

import dev.tether.engine.tensor.Kernels;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * Causal grouped-query attention of a batch of queries over the F16 KV cache: for query row {@code
 * b} (position {@code start + b}) and head {@code h}, {@code softmax(q·kₜ / √d) · vₜ} over {@code t ≤
 * start + b}, with the keys and values of KV head {@code h / (heads / kvHeads)}.
 *
 * <p>Two implementations, chosen by the kernels' mode: a plain scalar reference, and a Vector API
 * one that converts keys and values to float in small tiles shared by a block of {@link
 * #QUERY_BLOCK} rows × the heads of the group, with a running (online) softmax per query head.
 */
final class Attention {
  /** Query rows that share one conversion of a KV head. */
  static final int QUERY_BLOCK = 16;

  private final ModelConfig c;
  private final Kernels kernels;
  private final float scale;
  private final Tiles tiles;

  Attention(ModelConfig c, Kernels kernels) {
    this.c = c;
    this.kernels = kernels;
    this.scale = (float) (1 / Math.sqrt(c.headDim()));
    this.tiles = new Tiles(c, scale);
  }

  /** Attention of {@code q[n × qDim]} into {@code out[n × qDim]}. */
  void compute(float[] q, short[] keys, short[] values, float[] out, int start, int n) {
    if (kernels.mode() == Kernels.Mode.SCALAR) {
      scalar(q, keys, values, out, start, n);
    } else if (n < 4) {
      for (int b = 0; b < n; b++) {
        decode(q, keys, values, out, b, start + b);
      }
    } else {
      vector(q, keys, values, out, start, n);
    }
  }

  private void scalar(float[] q, short[] keys, short[] values, float[] out, int start, int n) {
    int heads = c.heads();
    int headDim = c.headDim();
    int kvDim = c.kvDim();
    int group = heads / c.kvHeads();
    kernels.parallelFor(n * heads, (from, to) -> {
      float[] scores = new float[start + n];
      float[] acc = new float[headDim];
      for (int item = from; item < to; item++) {
        int b = item / heads;
        int h = item % heads;
        int pos = start + b;
        int qOff = b * c.qDim() + h * headDim;
        int kvOff = (h / group) * headDim;
        for (int t = 0; t <= pos; t++) {
          float s = 0;
          for (int i = 0; i < headDim; i++) {
            s += q[qOff + i] * Float.float16ToFloat(keys[t * kvDim + kvOff + i]);
          }
          scores[t] = s * scale;
        }
        double sum = softmax(scores, pos + 1);
        Arrays.fill(acc, 0);
        for (int t = 0; t <= pos; t++) {
          float p = scores[t];
          for (int i = 0; i < headDim; i++) {
            acc[i] += p * Float.float16ToFloat(values[t * kvDim + kvOff + i]);
          }
        }
        float inv = (float) (1 / sum);
        for (int i = 0; i < headDim; i++) {
          out[qOff + i] = acc[i] * inv;
        }
      }
    });
  }

  /**
   * Flash-attention style prefill: work items are (KV head, block of query rows) when there are
   * enough of them to keep the workers busy, else (query head, block). An item walks the positions
   * a {@link Tiles#TILE} at a time, converts the tile's keys and values to float once, and folds it into
   * a running softmax (max, sum, weighted values) of each of its query heads. Keys and values are
   * thus read from memory once per block instead of once per query head, which at a 20K-token
   * prompt is the difference between L1 and L3 bandwidth.
   */
  private void vector(float[] q, short[] keys, short[] values, float[] out, int start, int n) {
    int heads = c.heads();
    int d = c.headDim();
    int group = heads / c.kvHeads();
    int blocks = (n + QUERY_BLOCK - 1) / QUERY_BLOCK;
    boolean perKvHead = c.kvHeads() * blocks >= kernels.threads();
    int headsPerItem = perKvHead ? group : 1;
    int units = heads / headsPerItem;
    kernels.parallelFor(units * blocks, (from, to) -> {
      float[] kt = new float[d * Tiles.TILE];
      float[] v = new float[Tiles.TILE * d];
      float[] scores = new float[Tiles.TILE];
      float[] scores2 = new float[Tiles.TILE];
      int slots = QUERY_BLOCK * headsPerItem;
      float[] m = new float[slots];
      float[] l = new float[slots];
      float[] acc = new float[slots * d];
      for (int item = from; item < to; item++) {
        int unit = item / blocks;
        int b0 = (item % blocks) * QUERY_BLOCK;
        int b1 = Math.min(n, b0 + QUERY_BLOCK);
        int h0 = unit * headsPerItem;
        int kvh = h0 / group;
        Arrays.fill(m, Float.NEGATIVE_INFINITY);
        Arrays.fill(l, 0);
        Arrays.fill(acc, 0);
        int len = start + b1;
        for (int t0 = 0; t0 < len; t0 += Tiles.TILE) {
          int tm = Math.min(Tiles.TILE, len - t0);
          tiles.tile(keys, values, kvh, t0, tm, kt, v);
          for (int b = Math.max(b0, t0 - start); b < b1; b++) {
            int count = Math.min(tm, start + b - t0 + 1);
            int h = 0;
            if (d == 4 * FloatVector.SPECIES_PREFERRED.length()) {
              for (; h + 1 < headsPerItem; h += 2) {
                int slot = (b - b0) * headsPerItem + h;
                int qOff = b * c.qDim() + (h0 + h) * d;
                tiles.fold2(q, qOff, qOff + d, kt, v, count, scores, scores2, m, l, acc, slot, slot + 1);
              }
            }
            for (; h < headsPerItem; h++) {
              int slot = (b - b0) * headsPerItem + h;
              tiles.fold(q, b * c.qDim() + (h0 + h) * d, kt, v, count, scores, m, l, acc, slot);
            }
          }
        }
        for (int b = b0; b < b1; b++) {
          for (int h = 0; h < headsPerItem; h++) {
            int slot = (b - b0) * headsPerItem + h;
            int qOff = b * c.qDim() + (h0 + h) * d;
            float inv = 1 / l[slot];
            for (int i = 0; i < d; i++) {
              out[qOff + i] = acc[slot * d + i] * inv;
            }
          }
        }
      }
    });
  }

  /**
   * Attention of one query row (generation) split over the positions: each work item takes one KV
   * head and a range of positions, converts them a {@link Tiles#TILE} at a time into a small float
   * buffer that stays in cache, and keeps for every query head of the group a running softmax (max, sum,
   * weighted values) that is rescaled when the max grows; the partial results are merged at the
   * end. Every key and value is read once per token, whatever the group size.
   */
  private void decode(float[] q, short[] keys, short[] values, float[] out, int b, int pos) {
    int d = c.headDim();
    int group = c.heads() / c.kvHeads();
    int len = pos + 1;
    int chunks = (len + Tiles.TILE - 1) / Tiles.TILE;
    int splits = Math.min(chunks, Math.max(1, (2 * kernels.threads() + c.kvHeads() - 1) / c.kvHeads()));
    int perSplit = (chunks + splits - 1) / splits * Tiles.TILE;
    int items = c.kvHeads() * splits;
    float[] pm = new float[items * group];
    float[] pl = new float[items * group];
    float[] pacc = new float[items * group * d];
    kernels.parallelFor(items, (from, to) -> {
      float[] kt = new float[d * Tiles.TILE];
      float[] v = new float[Tiles.TILE * d];
      float[] scores = new float[Tiles.TILE];
      for (int item = from; item < to; item++) {
        int kvh = item / splits;
        int t0 = (item % splits) * perSplit;
        int t1 = Math.min(len, t0 + perSplit);
        java.util.Arrays.fill(pm, item * group, (item + 1) * group, Float.NEGATIVE_INFINITY);
        for (int c0 = t0; c0 < t1; c0 += Tiles.TILE) {
          int m = Math.min(Tiles.TILE, t1 - c0);
          tiles.tile(keys, values, kvh, c0, m, kt, v);
          for (int g = 0; g < group; g++) {
            tiles.fold(q, b * c.qDim() + (kvh * group + g) * d, kt, v, m, scores, pm, pl, pacc, item * group + g);
          }
        }
      }
    });
    for (int h = 0; h < c.heads(); h++) {
      int kvh = h / group;
      int g = h % group;
      float max = Float.NEGATIVE_INFINITY;
      for (int sp = 0; sp < splits; sp++) {
        max = Math.max(max, pm[(kvh * splits + sp) * group + g]);
      }
      int qOff = b * c.qDim() + h * d;
      java.util.Arrays.fill(out, qOff, qOff + d, 0);
      double sum = 0;
      for (int sp = 0; sp < splits; sp++) {
        int slot = (kvh * splits + sp) * group + g;
        if (pl[slot] == 0) {
          continue; // an empty range
        }
        float w = (float) Math.exp(pm[slot] - max);
        sum += w * pl[slot];
        for (int i = 0; i < d; i++) {
          out[qOff + i] += w * pacc[slot * d + i];
        }
      }
      float inv = (float) (1 / sum);
      for (int i = 0; i < d; i++) {
        out[qOff + i] *= inv;
      }
    }
  }

  /** Replaces {@code s[0 … n)} by {@code exp(s - max)} and returns their sum. */
  private static double softmax(float[] s, int n) {
    float max = Float.NEGATIVE_INFINITY;
    for (int t = 0; t < n; t++) {
      max = Math.max(max, s[t]);
    }
    double sum = 0;
    for (int t = 0; t < n; t++) {
      float e = (float) Math.exp(s[t] - max);
      s[t] = e;
      sum += e;
    }
    return sum;
  }
}
