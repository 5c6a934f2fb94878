package dev.tether.engine.model;

/** Small element-wise operations of the forward pass. */
final class Ops {
  private Ops() {}

  /**
   * {@code out[o + i] = in[s + i] / sqrt(mean(in²) + eps) · weight[i]} for {@code i < n}; in and out
   * may be the same array and offset.
   */
  static void rmsNorm(float[] in, int s, float[] out, int o, float[] weight, int n, float eps) {
    double ss = 0;
    for (int i = 0; i < n; i++) {
      ss += (double) in[s + i] * in[s + i];
    }
    float scale = (float) (1 / Math.sqrt(ss / n + eps));
    for (int i = 0; i < n; i++) {
      out[o + i] = in[s + i] * scale * weight[i];
    }
  }

  /** Adds {@code bias} (if not null) to {@code a[off …]}. */
  static void addBias(float[] a, int off, float[] bias) {
    if (bias != null) {
      for (int i = 0; i < bias.length; i++) {
        a[off + i] += bias[i];
      }
    }
  }

  /** {@code a[i] += b[i]} for {@code i < n}. */
  static void add(float[] a, float[] b, int n) {
    for (int i = 0; i < n; i++) {
      a[i] += b[i];
    }
  }
}
