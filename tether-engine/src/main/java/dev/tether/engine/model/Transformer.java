package dev.tether.engine.model;

import dev.tether.engine.tensor.Kernels;

/**
 * The forward pass of the llama family (Llama 2/3, Mistral, SmolLM, Qwen2, Qwen3): per block,
 * RMSNorm → Q/K/V projections (+ biases, + per-head q/k RMSNorm) → RoPE → causal grouped-query
 * attention over the KV cache → output projection → residual; RMSNorm → SwiGLU feed-forward →
 * residual; final RMSNorm and the output projection.
 *
 * <p>A call processes a batch of consecutive tokens: every matmul multiplies the whole batch by the
 * weights, so a weight matrix streams from memory once per batch. Not thread-safe (one forward pass
 * at a time; the work inside is spread over the kernels' workers).
 */
public final class Transformer {
  private final ModelConfig c;
  private final ModelWeights w;
  private final Kernels kernels;
  private final int maxBatch;
  private final float[] invFreq;
  private final Attention attention;
  // Scratch, [maxBatch × width] each.
  private final float[] x;
  private final float[] xb;
  private final float[] q;
  private final float[] k;
  private final float[] v;
  private final float[] att;
  private final float[] o;
  private final float[] gate;
  private final float[] up;
  // RoPE rotations of the batch's positions, [maxBatch × ropeDims/2]: computed once per call, not
  // once per head and layer (which made sin/cos a visible cost).
  private final float[] ropeCos;
  private final float[] ropeSin;

  /** A forward pass over the given weights processing up to {@code maxBatch} tokens per call. */
  public Transformer(ModelConfig c, ModelWeights w, Kernels kernels, int maxBatch) {
    this.c = c;
    this.w = w;
    this.kernels = kernels;
    this.maxBatch = maxBatch;
    int pairs = c.ropeDims() / 2;
    invFreq = new float[pairs];
    for (int i = 0; i < pairs; i++) {
      double f = c.ropeFreqScale() * Math.pow(c.ropeBase(), -2.0 * i / c.ropeDims());
      if (w.ropeFreqFactors() != null) {
        f /= w.ropeFreqFactors()[i];
      }
      invFreq[i] = (float) f;
    }
    attention = new Attention(c, kernels);
    x = new float[maxBatch * c.dim()];
    xb = new float[maxBatch * Math.max(c.dim(), c.qDim())];
    q = new float[maxBatch * c.qDim()];
    k = new float[maxBatch * c.kvDim()];
    v = new float[maxBatch * c.kvDim()];
    att = new float[maxBatch * c.qDim()];
    o = new float[maxBatch * c.dim()];
    gate = new float[maxBatch * c.ffn()];
    up = new float[maxBatch * c.ffn()];
    ropeCos = new float[maxBatch * pairs];
    ropeSin = new float[maxBatch * pairs];
  }

  /** The configuration. */
  public ModelConfig config() {
    return c;
  }

  /** Tokens per call at most. */
  public int maxBatch() {
    return maxBatch;
  }

  /** A cache sized for this model. */
  public KvCache newCache(int capacity) {
    return new KvCache(c.layers(), c.kvDim(), capacity);
  }

  /**
   * Appends {@code n} tokens ({@code tokens[from …]}) to the sequence in {@code cache} and returns
   * the next-token logits: {@code [n × vocab]} when {@code allLogits}, else {@code [vocab]} for the
   * last token only.
   */
  public float[] forward(KvCache cache, int[] tokens, int from, int n, boolean allLogits) {
    if (n < 1 || n > maxBatch) {
      throw new IllegalArgumentException("batch of " + n + " tokens; 1 to " + maxBatch + " allowed");
    }
    int start = cache.length();
    cache.ensure(start + n);
    int dim = c.dim();
    for (int b = 0; b < n; b++) {
      int token = tokens[from + b];
      if (token < 0 || token >= c.vocab()) {
        throw new IllegalArgumentException("token id " + token + " is outside the vocabulary of " + c.vocab());
      }
      kernels.dequantizeRow(w.tokenEmbedding(), token, x, b * dim);
    }
    int pairs = c.ropeDims() / 2;
    for (int b = 0; b < n; b++) {
      for (int i = 0; i < pairs; i++) {
        double theta = (start + b) * (double) invFreq[i];
        ropeCos[b * pairs + i] = (float) Math.cos(theta);
        ropeSin[b * pairs + i] = (float) Math.sin(theta);
      }
    }
    for (int l = 0; l < c.layers(); l++) {
      block(l, w.layers().get(l), cache, start, n);
    }
    cache.setLength(start + n);
    int rows = allLogits ? n : 1;
    int first = n - rows;
    for (int r = 0; r < rows; r++) {
      Ops.rmsNorm(x, (first + r) * dim, xb, r * dim, w.outputNorm(), dim, c.eps());
    }
    float[] logits = new float[rows * c.vocab()];
    kernels.matmul(w.output(), xb, rows, logits);
    return logits;
  }

  private void block(int layer, LayerWeights lw, KvCache cache, int start, int n) {
    int dim = c.dim();
    int qDim = c.qDim();
    int kvDim = c.kvDim();
    rows(n, (from, to) -> {
      for (int b = from; b < to; b++) {
        Ops.rmsNorm(x, b * dim, xb, b * dim, lw.attnNorm(), dim, c.eps());
      }
    });
    kernels.matmul(lw.wq(), xb, n, q);
    kernels.matmul(lw.wk(), xb, n, k);
    kernels.matmul(lw.wv(), xb, n, v);
    short[] keys = cache.keys(layer);
    short[] values = cache.values(layer);
    rows(n, (from, to) -> {
      for (int b = from; b < to; b++) {
        Ops.addBias(q, b * qDim, lw.bq());
        Ops.addBias(k, b * kvDim, lw.bk());
        Ops.addBias(v, b * kvDim, lw.bv());
        int pos = start + b;
        for (int h = 0; h < c.heads(); h++) {
          int off = b * qDim + h * c.headDim();
          if (lw.qNorm() != null) {
            Ops.rmsNorm(q, off, q, off, lw.qNorm(), c.headDim(), c.eps());
          }
          rope(q, off, b);
        }
        for (int h = 0; h < c.kvHeads(); h++) {
          int off = b * kvDim + h * c.headDim();
          if (lw.kNorm() != null) {
            Ops.rmsNorm(k, off, k, off, lw.kNorm(), c.headDim(), c.eps());
          }
          rope(k, off, b);
        }
        int dst = pos * kvDim;
        for (int i = 0; i < kvDim; i++) {
          keys[dst + i] = Float.floatToFloat16(k[b * kvDim + i]);
          values[dst + i] = Float.floatToFloat16(v[b * kvDim + i]);
        }
      }
    });
    attention.compute(q, keys, values, att, start, n);
    kernels.matmul(lw.wo(), att, n, o);
    Ops.add(x, o, n * dim);
    rows(n, (from, to) -> {
      for (int b = from; b < to; b++) {
        Ops.rmsNorm(x, b * dim, xb, b * dim, lw.ffnNorm(), dim, c.eps());
      }
    });
    kernels.matmul(lw.wGate(), xb, n, gate);
    kernels.matmul(lw.wUp(), xb, n, up);
    int ffn = c.ffn();
    rows(n, (from, to) -> {
      for (int i = from * ffn; i < to * ffn; i++) {
        float g = gate[i];
        gate[i] = g / (1f + (float) Math.exp(-g)) * up[i];
      }
    });
    kernels.matmul(lw.wDown(), gate, n, o);
    Ops.add(x, o, n * dim);
  }

  /**
   * Per-row work of a batch: on the workers for a prefill batch, on the calling thread for the few
   * rows of generation (where handing out the work would cost more than doing it).
   */
  private void rows(int n, Kernels.RangeBody body) {
    if (n < 4) {
      body.run(0, n);
    } else {
      kernels.parallelFor(n, body);
    }
  }

  /** Rotates the first {@code ropeDims} values of one head at {@code off} by batch row {@code b}'s position. */
  private void rope(float[] a, int off, int b) {
    int pairs = c.ropeDims() / 2;
    boolean neox = c.ropeStyle() == ModelConfig.RopeStyle.NEOX;
    int t = b * pairs;
    for (int i = 0; i < pairs; i++) {
      float cos = ropeCos[t + i];
      float sin = ropeSin[t + i];
      int i0 = neox ? off + i : off + 2 * i;
      int i1 = neox ? off + i + pairs : i0 + 1;
      float a0 = a[i0];
      float a1 = a[i1];
      a[i0] = a0 * cos - a1 * sin;
      a[i1] = a0 * sin + a1 * cos;
    }
  }
}
