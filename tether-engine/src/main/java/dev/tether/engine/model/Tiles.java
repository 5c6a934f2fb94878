package dev.tether.engine.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The inner loops of the Vector API attention: a tile of positions of one KV head converted from the
 * F16 cache to float (keys transposed), and the fold of a tile into the running (online) softmax of
 * a query head — a max, a sum and the weighted values per head, rescaled when the max grows.
 * Used by {@link Attention} for prefill blocks and for the position ranges of a generation step.
 */
final class Tiles {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

  private final ModelConfig c;
  private final float scale;

  Tiles(ModelConfig c, float scale) {
    this.c = c;
    this.scale = scale;
  }

  /**
   * Positions per tile of the prefill: the tile's keys (transposed) and values of one KV head as
   * floats take 32 KB at head size 64, so they stay in L1 while every query head of a block uses
   * them. A multiple of four vectors (the score loop's unrolling).
   */
  static final int TILE = Math.max(64, 4 * FloatVector.SPECIES_PREFERRED.length());

  /**
   * Positions {@code [t0, t0 + tm)} of KV head {@code kvh} as floats: keys transposed ({@code kt[i
   * × TILE + t]}, so scores come out a vector of positions at a time) and values as rows.
   */
  void tile(short[] keys, short[] values, int kvh, int t0, int tm, float[] kt, float[] v) {
    int d = c.headDim();
    int kvDim = c.kvDim();
    for (int t = 0; t < tm; t++) {
      int src = (t0 + t) * kvDim + kvh * d;
      for (int i = 0; i < d; i++) {
        kt[i * TILE + t] = Float.float16ToFloat(keys[src + i]);
        v[t * d + i] = Float.float16ToFloat(values[src + i]);
      }
    }
  }

  /**
   * Folds the first {@code count} positions of a tile into the running softmax of one query head
   * ({@code slot}): scores a vector of positions at a time (four independent chains, no horizontal
   * sums), a vectorised exp, and the weighted values with four accumulators over positions.
   */
  void fold(float[] q, int qOff, float[] kt, float[] v, int count, float[] scores, float[] m,
      float[] l, float[] acc, int slot) {
    int d = c.headDim();
    int lanes = F.length();
    // Scores for the whole tile (positions past count hold stale but finite values; unused).
    for (int t = 0; t < TILE; t += 4 * lanes) {
      FloatVector s0 = FloatVector.zero(F);
      FloatVector s1 = FloatVector.zero(F);
      FloatVector s2 = FloatVector.zero(F);
      FloatVector s3 = FloatVector.zero(F);
      for (int i = 0; i < d; i++) {
        FloatVector qi = FloatVector.broadcast(F, q[qOff + i]);
        int row = i * TILE + t;
        s0 = FloatVector.fromArray(F, kt, row).fma(qi, s0);
        s1 = FloatVector.fromArray(F, kt, row + lanes).fma(qi, s1);
        s2 = FloatVector.fromArray(F, kt, row + 2 * lanes).fma(qi, s2);
        s3 = FloatVector.fromArray(F, kt, row + 3 * lanes).fma(qi, s3);
      }
      s0.mul(scale).intoArray(scores, t);
      s1.mul(scale).intoArray(scores, t + lanes);
      s2.mul(scale).intoArray(scores, t + 2 * lanes);
      s3.mul(scale).intoArray(scores, t + 3 * lanes);
    }
    float rescale = softmaxTile(scores, count, m, l, slot);
    int base = slot * d;
    int i = 0;
    // Four vectors of the head at a time (all of a 64-wide head with 512-bit vectors), two positions
    // per step: every value row is read once, eight independent chains keep both FMA units busy.
    for (; i + 4 * lanes <= d; i += 4 * lanes) {
      FloatVector a0 = FloatVector.fromArray(F, acc, base + i).mul(rescale);
      FloatVector a1 = FloatVector.fromArray(F, acc, base + i + lanes).mul(rescale);
      FloatVector a2 = FloatVector.fromArray(F, acc, base + i + 2 * lanes).mul(rescale);
      FloatVector a3 = FloatVector.fromArray(F, acc, base + i + 3 * lanes).mul(rescale);
      FloatVector b0 = FloatVector.zero(F);
      FloatVector b1 = FloatVector.zero(F);
      FloatVector b2 = FloatVector.zero(F);
      FloatVector b3 = FloatVector.zero(F);
      int p = 0;
      for (; p + 1 < count; p += 2) {
        FloatVector s0 = FloatVector.broadcast(F, scores[p]);
        FloatVector s1 = FloatVector.broadcast(F, scores[p + 1]);
        int r0 = p * d + i;
        int r1 = r0 + d;
        a0 = FloatVector.fromArray(F, v, r0).fma(s0, a0);
        a1 = FloatVector.fromArray(F, v, r0 + lanes).fma(s0, a1);
        a2 = FloatVector.fromArray(F, v, r0 + 2 * lanes).fma(s0, a2);
        a3 = FloatVector.fromArray(F, v, r0 + 3 * lanes).fma(s0, a3);
        b0 = FloatVector.fromArray(F, v, r1).fma(s1, b0);
        b1 = FloatVector.fromArray(F, v, r1 + lanes).fma(s1, b1);
        b2 = FloatVector.fromArray(F, v, r1 + 2 * lanes).fma(s1, b2);
        b3 = FloatVector.fromArray(F, v, r1 + 3 * lanes).fma(s1, b3);
      }
      if (p < count) {
        FloatVector s0 = FloatVector.broadcast(F, scores[p]);
        int r0 = p * d + i;
        a0 = FloatVector.fromArray(F, v, r0).fma(s0, a0);
        a1 = FloatVector.fromArray(F, v, r0 + lanes).fma(s0, a1);
        a2 = FloatVector.fromArray(F, v, r0 + 2 * lanes).fma(s0, a2);
        a3 = FloatVector.fromArray(F, v, r0 + 3 * lanes).fma(s0, a3);
      }
      a0.add(b0).intoArray(acc, base + i);
      a1.add(b1).intoArray(acc, base + i + lanes);
      a2.add(b2).intoArray(acc, base + i + 2 * lanes);
      a3.add(b3).intoArray(acc, base + i + 3 * lanes);
    }
    int dBound = F.loopBound(d);
    for (; i < dBound; i += lanes) {
      FloatVector a0 = FloatVector.fromArray(F, acc, base + i).mul(rescale);
      FloatVector a1 = FloatVector.zero(F);
      FloatVector a2 = FloatVector.zero(F);
      FloatVector a3 = FloatVector.zero(F);
      int p = 0;
      for (; p + 3 < count; p += 4) {
        a0 = FloatVector.fromArray(F, v, p * d + i).fma(FloatVector.broadcast(F, scores[p]), a0);
        a1 = FloatVector.fromArray(F, v, (p + 1) * d + i).fma(FloatVector.broadcast(F, scores[p + 1]), a1);
        a2 = FloatVector.fromArray(F, v, (p + 2) * d + i).fma(FloatVector.broadcast(F, scores[p + 2]), a2);
        a3 = FloatVector.fromArray(F, v, (p + 3) * d + i).fma(FloatVector.broadcast(F, scores[p + 3]), a3);
      }
      for (; p < count; p++) {
        a0 = FloatVector.fromArray(F, v, p * d + i).fma(FloatVector.broadcast(F, scores[p]), a0);
      }
      a0.add(a1).add(a2.add(a3)).intoArray(acc, base + i);
    }
    for (; i < d; i++) {
      float a = acc[base + i] * rescale;
      for (int p = 0; p < count; p++) {
        a += scores[p] * v[p * d + i];
      }
      acc[base + i] = a;
    }
  }

  /**
   * Replaces {@code scores[0 … count)} by their exponentials relative to the running max of {@code
   * slot}, updates its max and sum, and returns the factor the slot's accumulated values must be
   * scaled by (0 on the first tile, whose old max is -inf).
   */
  private static float softmaxTile(float[] scores, int count, float[] m, float[] l, int slot) {
    int lanes = F.length();
    float max = m[slot];
    int bound = F.loopBound(count);
    int t = 0;
    if (bound > 0) {
      FloatVector mx = FloatVector.fromArray(F, scores, 0);
      for (t = lanes; t < bound; t += lanes) {
        mx = mx.max(FloatVector.fromArray(F, scores, t));
      }
      max = Math.max(max, mx.reduceLanes(VectorOperators.MAX));
    }
    for (; t < count; t++) {
      max = Math.max(max, scores[t]);
    }
    float rescale = (float) Math.exp(m[slot] - max);
    float sum = 0;
    for (t = 0; t < bound; t += lanes) {
      FloatVector e = FloatVector.fromArray(F, scores, t).sub(max).lanewise(VectorOperators.EXP);
      e.intoArray(scores, t);
      sum += e.reduceLanes(VectorOperators.ADD);
    }
    for (; t < count; t++) {
      scores[t] = (float) Math.exp(scores[t] - max);
      sum += scores[t];
    }
    m[slot] = max;
    l[slot] = l[slot] * rescale + sum;
    return rescale;
  }

  /**
   * {@link #fold} for two query heads of the same KV head at once (64-wide heads with 512-bit
   * vectors): each key and value vector loaded feeds two FMAs, halving the loads per FMA.
   */
  void fold2(float[] q, int qa, int qb, float[] kt, float[] v, int count, float[] sa, float[] sb,
      float[] m, float[] l, float[] acc, int slotA, int slotB) {
    int d = c.headDim();
    int lanes = F.length();
    for (int t = 0; t < TILE; t += 4 * lanes) {
      FloatVector a0 = FloatVector.zero(F);
      FloatVector a1 = FloatVector.zero(F);
      FloatVector a2 = FloatVector.zero(F);
      FloatVector a3 = FloatVector.zero(F);
      FloatVector b0 = FloatVector.zero(F);
      FloatVector b1 = FloatVector.zero(F);
      FloatVector b2 = FloatVector.zero(F);
      FloatVector b3 = FloatVector.zero(F);
      for (int i = 0; i < d; i++) {
        FloatVector x = FloatVector.broadcast(F, q[qa + i]);
        FloatVector y = FloatVector.broadcast(F, q[qb + i]);
        int row = i * TILE + t;
        FloatVector k0 = FloatVector.fromArray(F, kt, row);
        FloatVector k1 = FloatVector.fromArray(F, kt, row + lanes);
        FloatVector k2 = FloatVector.fromArray(F, kt, row + 2 * lanes);
        FloatVector k3 = FloatVector.fromArray(F, kt, row + 3 * lanes);
        a0 = k0.fma(x, a0);
        a1 = k1.fma(x, a1);
        a2 = k2.fma(x, a2);
        a3 = k3.fma(x, a3);
        b0 = k0.fma(y, b0);
        b1 = k1.fma(y, b1);
        b2 = k2.fma(y, b2);
        b3 = k3.fma(y, b3);
      }
      a0.mul(scale).intoArray(sa, t);
      a1.mul(scale).intoArray(sa, t + lanes);
      a2.mul(scale).intoArray(sa, t + 2 * lanes);
      a3.mul(scale).intoArray(sa, t + 3 * lanes);
      b0.mul(scale).intoArray(sb, t);
      b1.mul(scale).intoArray(sb, t + lanes);
      b2.mul(scale).intoArray(sb, t + 2 * lanes);
      b3.mul(scale).intoArray(sb, t + 3 * lanes);
    }
    float ra = softmaxTile(sa, count, m, l, slotA);
    float rb = softmaxTile(sb, count, m, l, slotB);
    int ba = slotA * d;
    int bb = slotB * d;
    FloatVector a0 = FloatVector.fromArray(F, acc, ba).mul(ra);
    FloatVector a1 = FloatVector.fromArray(F, acc, ba + lanes).mul(ra);
    FloatVector a2 = FloatVector.fromArray(F, acc, ba + 2 * lanes).mul(ra);
    FloatVector a3 = FloatVector.fromArray(F, acc, ba + 3 * lanes).mul(ra);
    FloatVector b0 = FloatVector.fromArray(F, acc, bb).mul(rb);
    FloatVector b1 = FloatVector.fromArray(F, acc, bb + lanes).mul(rb);
    FloatVector b2 = FloatVector.fromArray(F, acc, bb + 2 * lanes).mul(rb);
    FloatVector b3 = FloatVector.fromArray(F, acc, bb + 3 * lanes).mul(rb);
    for (int p = 0; p < count; p++) {
      FloatVector x = FloatVector.broadcast(F, sa[p]);
      FloatVector y = FloatVector.broadcast(F, sb[p]);
      int r = p * d;
      FloatVector v0 = FloatVector.fromArray(F, v, r);
      FloatVector v1 = FloatVector.fromArray(F, v, r + lanes);
      FloatVector v2 = FloatVector.fromArray(F, v, r + 2 * lanes);
      FloatVector v3 = FloatVector.fromArray(F, v, r + 3 * lanes);
      a0 = v0.fma(x, a0);
      a1 = v1.fma(x, a1);
      a2 = v2.fma(x, a2);
      a3 = v3.fma(x, a3);
      b0 = v0.fma(y, b0);
      b1 = v1.fma(y, b1);
      b2 = v2.fma(y, b2);
      b3 = v3.fma(y, b3);
    }
    a0.intoArray(acc, ba);
    a1.intoArray(acc, ba + lanes);
    a2.intoArray(acc, ba + 2 * lanes);
    a3.intoArray(acc, ba + 3 * lanes);
    b0.intoArray(acc, bb);
    b1.intoArray(acc, bb + lanes);
    b2.intoArray(acc, bb + 2 * lanes);
    b3.intoArray(acc, bb + 3 * lanes);
  }
}
