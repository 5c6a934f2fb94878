package dev.tether.engine.model;

import dev.tether.engine.tensor.Kernels;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Causal grouped-query attention of a batch of queries over the F16 KV cache: for query row {@code
 * b} (position {@code start + b}) and head {@code h}, {@code softmax(q·kₜ / √d) · vₜ} over {@code t ≤
 * start + b}, with the keys and values of KV head {@code h / (heads / kvHeads)}.
 *
 * <p>Two implementations, chosen by the kernels' mode: a plain scalar reference, and a Vector API
 * one that converts each KV head's keys and values to float once per block of queries (a prefill
 * batch shares them across {@link #QUERY_BLOCK} rows × the heads of the group) and then runs fused
 * multiply-adds over the head dimension.
 */
final class Attention {
  /** Query rows that share one conversion of a KV head. */
  static final int QUERY_BLOCK = 16;

  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

  private final ModelConfig c;
  private final Kernels kernels;
  private final float scale;

  Attention(ModelConfig c, Kernels kernels) {
    this.c = c;
    this.kernels = kernels;
    this.scale = (float) (1 / Math.sqrt(c.headDim()));
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
   * Work items are (KV head, block of query rows) when there are enough of them to keep the workers
   * busy (prefill), else (query head, block) so that generation spreads over all heads.
   */
  private void vector(float[] q, short[] keys, short[] values, float[] out, int start, int n) {
    int heads = c.heads();
    int group = heads / c.kvHeads();
    int blocks = (n + QUERY_BLOCK - 1) / QUERY_BLOCK;
    boolean perKvHead = c.kvHeads() * blocks >= kernels.threads();
    int headsPerItem = perKvHead ? group : 1;
    int units = heads / headsPerItem;
    kernels.parallelFor(units * blocks, (from, to) -> {
      float[][] kv = new float[2][];
      float[] scores = new float[start + n];
      for (int item = from; item < to; item++) {
        int unit = item / blocks;
        int b0 = (item % blocks) * QUERY_BLOCK;
        int b1 = Math.min(n, b0 + QUERY_BLOCK);
        int h0 = unit * headsPerItem;
        int len = start + b1;
        toFloat(keys, values, h0 / group, len, kv);
        for (int b = b0; b < b1; b++) {
          for (int h = h0; h < h0 + headsPerItem; h++) {
            head(q, b * c.qDim() + h * c.headDim(), kv[0], kv[1], start + b, scores, out);
          }
        }
      }
    });
  }

  /** Keys and values of KV head {@code kvh} for positions {@code [0, len)} as dense float rows. */
  private void toFloat(short[] keys, short[] values, int kvh, int len, float[][] kv) {
    int d = c.headDim();
    if (kv[0] == null || kv[0].length < len * d) {
      kv[0] = new float[len * d];
      kv[1] = new float[len * d];
    }
    float[] k = kv[0];
    float[] v = kv[1];
    int kvDim = c.kvDim();
    for (int t = 0; t < len; t++) {
      int src = t * kvDim + kvh * d;
      int dst = t * d;
      for (int i = 0; i < d; i++) {
        k[dst + i] = Float.float16ToFloat(keys[src + i]);
        v[dst + i] = Float.float16ToFloat(values[src + i]);
      }
    }
  }

  /** One query head at {@code qOff}, position {@code pos}, over dense keys/values. */
  private void head(float[] q, int qOff, float[] k, float[] v, int pos, float[] scores, float[] out) {
    int d = c.headDim();
    int bound = F.loopBound(d);
    for (int t = 0; t <= pos; t++) {
      int kOff = t * d;
      FloatVector acc = FloatVector.zero(F);
      int i = 0;
      for (; i < bound; i += F.length()) {
        acc = FloatVector.fromArray(F, q, qOff + i).fma(FloatVector.fromArray(F, k, kOff + i), acc);
      }
      float s = acc.reduceLanes(VectorOperators.ADD);
      for (; i < d; i++) {
        s += q[qOff + i] * k[kOff + i];
      }
      scores[t] = s * scale;
    }
    float inv = (float) (1 / softmax(scores, pos + 1));
    int i = 0;
    for (; i < bound; i += F.length()) {
      FloatVector acc = FloatVector.zero(F);
      for (int t = 0; t <= pos; t++) {
        acc = FloatVector.fromArray(F, v, t * d + i).fma(FloatVector.broadcast(F, scores[t]), acc);
      }
      acc.mul(inv).intoArray(out, qOff + i);
    }
    for (; i < d; i++) {
      float a = 0;
      for (int t = 0; t <= pos; t++) {
        a += scores[t] * v[t * d + i];
      }
      out[qOff + i] = a * inv;
    }
  }

  /** Positions converted to float at a time while decoding (16 KB of keys at head size 64). */
  static final int CHUNK = 64;

  /**
   * Attention of one query row (generation) split over the positions: each work item takes one KV
   * head and a range of positions, converts them {@link #CHUNK} at a time into a small float buffer
   * that stays in cache, and keeps for every query head of the group a running softmax (max, sum,
   * weighted values) that is rescaled when the max grows; the partial results are merged at the
   * end. Every key and value is read once per token, whatever the group size.
   */
  private void decode(float[] q, short[] keys, short[] values, float[] out, int b, int pos) {
    int d = c.headDim();
    int group = c.heads() / c.kvHeads();
    int len = pos + 1;
    int chunks = (len + CHUNK - 1) / CHUNK;
    int splits = Math.min(chunks, Math.max(1, (2 * kernels.threads() + c.kvHeads() - 1) / c.kvHeads()));
    int perSplit = (chunks + splits - 1) / splits * CHUNK;
    int items = c.kvHeads() * splits;
    float[] pm = new float[items * group];
    float[] pl = new float[items * group];
    float[] pacc = new float[items * group * d];
    kernels.parallelFor(items, (from, to) -> {
      float[] k = new float[CHUNK * d];
      float[] v = new float[CHUNK * d];
      float[] scores = new float[CHUNK];
      for (int item = from; item < to; item++) {
        int kvh = item / splits;
        int t0 = (item % splits) * perSplit;
        int t1 = Math.min(len, t0 + perSplit);
        java.util.Arrays.fill(pm, item * group, (item + 1) * group, Float.NEGATIVE_INFINITY);
        for (int c0 = t0; c0 < t1; c0 += CHUNK) {
          int m = Math.min(CHUNK, t1 - c0);
          int kvDim = c.kvDim();
          for (int t = 0; t < m; t++) {
            int src = (c0 + t) * kvDim + kvh * d;
            for (int i = 0; i < d; i++) {
              k[t * d + i] = Float.float16ToFloat(keys[src + i]);
              v[t * d + i] = Float.float16ToFloat(values[src + i]);
            }
          }
          for (int g = 0; g < group; g++) {
            int qOff = b * c.qDim() + (kvh * group + g) * d;
            int slot = item * group + g;
            online(q, qOff, k, v, m, scores, pm, pl, pacc, slot);
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

  /** Folds {@code m} positions of dense keys/values into the running softmax of one query head. */
  private void online(float[] q, int qOff, float[] k, float[] v, int m, float[] scores, float[] pm,
      float[] pl, float[] pacc, int slot) {
    int d = c.headDim();
    int bound = F.loopBound(d);
    float max = pm[slot];
    for (int t = 0; t < m; t++) {
      FloatVector acc = FloatVector.zero(F);
      int i = 0;
      for (; i < bound; i += F.length()) {
        acc = FloatVector.fromArray(F, q, qOff + i).fma(FloatVector.fromArray(F, k, t * d + i), acc);
      }
      float s = acc.reduceLanes(VectorOperators.ADD);
      for (; i < d; i++) {
        s += q[qOff + i] * k[t * d + i];
      }
      scores[t] = s * scale;
      max = Math.max(max, scores[t]);
    }
    float rescale = (float) Math.exp(pm[slot] - max); // 0 on the first chunk (old max is -inf)
    float sum = pl[slot] * rescale;
    for (int t = 0; t < m; t++) {
      scores[t] = (float) Math.exp(scores[t] - max);
      sum += scores[t];
    }
    int base = slot * d;
    int i = 0;
    for (; i < bound; i += F.length()) {
      FloatVector acc = FloatVector.fromArray(F, pacc, base + i).mul(rescale);
      for (int t = 0; t < m; t++) {
        acc = FloatVector.fromArray(F, v, t * d + i).fma(FloatVector.broadcast(F, scores[t]), acc);
      }
      acc.intoArray(pacc, base + i);
    }
    for (; i < d; i++) {
      float a = pacc[base + i] * rescale;
      for (int t = 0; t < m; t++) {
        a += scores[t] * v[t * d + i];
      }
      pacc[base + i] = a;
    }
    pm[slot] = max;
    pl[slot] = sum;
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
