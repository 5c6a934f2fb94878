package dev.tether.engine.tensor;

import java.nio.ByteBuffer;

/**
 * The encoders of the 256-value "K" super-blocks (Q4_K, Q5_K, Q6_K). Each sub-block gets its own
 * scale (and, for Q4_K/Q5_K, min) from its range; those are then quantised to 6 or 8 bits against
 * the super-block's f16 scales, and the values are rounded against the scales as decoders will see
 * them.
 */
final class KQuants {

  private KQuants() {}

  static void q4K(float[] x, int o, ByteBuffer out) {
    int[] q = new int[256];
    writeScalesAndMins(x, o, 15, q, out);
    for (int c = 0; c < 4; c++) {
      for (int l = 0; l < 32; l++) {
        out.put((byte) (q[64 * c + l] | q[64 * c + 32 + l] << 4));
      }
    }
  }

  static void q5K(float[] x, int o, ByteBuffer out) {
    int[] q = new int[256];
    writeScalesAndMins(x, o, 31, q, out);
    byte[] qh = new byte[32];
    for (int c = 0; c < 4; c++) {
      for (int l = 0; l < 32; l++) {
        qh[l] |= (byte) ((q[64 * c + l] >>> 4) << (2 * c) | (q[64 * c + 32 + l] >>> 4) << (2 * c + 1));
      }
    }
    out.put(qh);
    for (int c = 0; c < 4; c++) {
      for (int l = 0; l < 32; l++) {
        out.put((byte) ((q[64 * c + l] & 0xF) | (q[64 * c + 32 + l] & 0xF) << 4));
      }
    }
  }

  /**
   * Writes d, dmin and the 12 packed scale bytes of a Q4_K/Q5_K block and fills {@code q} with the
   * unsigned quants 0…{@code levels}. A sub-block covers [min(0, lo), hi] in {@code levels} steps.
   */
  private static void writeScalesAndMins(float[] x, int o, int levels, int[] q, ByteBuffer out) {
    float[] scale = new float[8];
    float[] min = new float[8];
    float maxScale = 0;
    float maxMin = 0;
    for (int j = 0; j < 8; j++) {
      float lo = 0;
      float hi = -Float.MAX_VALUE;
      for (int i = 0; i < 32; i++) {
        lo = Math.min(lo, x[o + 32 * j + i]);
        hi = Math.max(hi, x[o + 32 * j + i]);
      }
      scale[j] = Math.max(0, hi - lo) / levels;
      min[j] = -lo;
      maxScale = Math.max(maxScale, scale[j]);
      maxMin = Math.max(maxMin, min[j]);
    }
    float d = Quantizer.roundedHalf(maxScale / 63);
    float dmin = Quantizer.roundedHalf(maxMin / 63);
    int[] sc = new int[8];
    int[] m = new int[8];
    for (int j = 0; j < 8; j++) {
      sc[j] = d == 0 ? 0 : Quantizer.clamp(Math.round(scale[j] / d), 0, 63);
      m[j] = dmin == 0 ? 0 : Quantizer.clamp(Math.round(min[j] / dmin), 0, 63);
      float s = d * sc[j];
      float mn = dmin * m[j];
      for (int i = 0; i < 32; i++) {
        q[32 * j + i] = s == 0 ? 0 : Quantizer.clamp(Math.round((x[o + 32 * j + i] + mn) / s), 0, levels);
      }
    }
    out.putShort(Float.floatToFloat16(d));
    out.putShort(Float.floatToFloat16(dmin));
    out.put(packScales(sc, m));
  }

  /** The inverse of {@link Dequantize#kScale}/{@link Dequantize#kMin}. */
  static byte[] packScales(int[] sc, int[] m) {
    byte[] b = new byte[12];
    for (int j = 0; j < 4; j++) {
      b[j] = (byte) sc[j];
      b[j + 4] = (byte) m[j];
    }
    for (int j = 4; j < 8; j++) {
      b[j + 4] = (byte) ((sc[j] & 0xF) | (m[j] & 0xF) << 4);
      b[j - 4] |= (byte) ((sc[j] >>> 4) << 6);
      b[j] |= (byte) ((m[j] >>> 4) << 6);
    }
    return b;
  }

  /**
   * Q6_K: sixteen 16-value sub-blocks, each scaled so its value of largest magnitude maps to −32;
   * the scales are stored as int8 against one f16 d.
   */
  static void q6K(float[] x, int o, ByteBuffer out) {
    float[] scale = new float[16];
    float maxAbs = 0;
    for (int k = 0; k < 16; k++) {
      float max = 0;
      for (int i = 0; i < 16; i++) {
        float v = x[o + 16 * k + i];
        if (Math.abs(v) > Math.abs(max)) {
          max = v;
        }
      }
      scale[k] = max == 0 ? 0 : max / -32;
      maxAbs = Math.max(maxAbs, Math.abs(scale[k]));
    }
    float d = Quantizer.roundedHalf(maxAbs / 127);
    byte[] sc = new byte[16];
    int[] q = new int[256];
    for (int k = 0; k < 16; k++) {
      sc[k] = (byte) (d == 0 ? 0 : Quantizer.clamp(Math.round(scale[k] / d), -127, 127));
      float s = d * sc[k];
      for (int i = 0; i < 16; i++) {
        int v = s == 0 ? 0 : Quantizer.clamp(Math.round(x[o + 16 * k + i] / s), -32, 31);
        q[16 * k + i] = v + 32;
      }
    }
    byte[] ql = new byte[128];
    byte[] qh = new byte[64];
    for (int half = 0; half < 2; half++) {
      for (int l = 0; l < 32; l++) {
        int base = 128 * half + l;
        int q1 = q[base];
        int q2 = q[base + 32];
        int q3 = q[base + 64];
        int q4 = q[base + 96];
        ql[64 * half + l] = (byte) ((q1 & 0xF) | (q3 & 0xF) << 4);
        ql[64 * half + l + 32] = (byte) ((q2 & 0xF) | (q4 & 0xF) << 4);
        qh[32 * half + l] = (byte) ((q1 >>> 4) | (q2 >>> 4) << 2 | (q3 >>> 4) << 4 | (q4 >>> 4) << 6);
      }
    }
    out.put(ql);
    out.put(qh);
    out.put(sc);
    out.putShort(Float.floatToFloat16(d));
  }
}
