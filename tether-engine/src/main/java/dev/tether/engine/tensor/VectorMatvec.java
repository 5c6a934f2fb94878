package dev.tether.engine.tensor;

import static dev.tether.engine.tensor.Simd.F;
import static dev.tether.engine.tensor.Simd.L;
import static dev.tether.engine.tensor.Simd.bytes;
import static dev.tether.engine.tensor.Simd.toFloat;

import dev.tether.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Matrix × vector with the Vector API, reading the weights in place: the generation path, which
 * must stream weights at memory bandwidth. Four rows are computed per pass (one accumulator chain
 * and one memory stream per row, the activations reused from L1), and each block is widened from
 * its stored bytes straight into float lanes, its scale applied once per block (or sub-block) rather
 * than per value.
 *
 * <p>Q4_K and Q5_K subtract {@code dmin·m·Σx} per 32-value sub-block; the sums of {@code x} over each
 * 32 values ({@code xsum}) are computed once per vector and shared by all rows.
 */
final class VectorMatvec {

  private VectorMatvec() {}

  /** Whether {@link #rows} needs {@code xsum}. */
  static boolean needsSums(GgmlType type) {
    return type == GgmlType.Q4_K || type == GgmlType.Q5_K;
  }

  /** {@code xsum[g] = Σ x[xo + 32g … xo + 32g + 31]} for the {@code cols / 32} groups. */
  static void groupSums(float[] x, int xo, int cols, float[] xsum) {
    for (int g = 0; g < cols / 32; g++) {
      FloatVector s = Simd.x(x, xo + 32 * g);
      for (int p = L; p < 32; p += L) {
        s = s.add(Simd.x(x, xo + 32 * g + p));
      }
      xsum[g] = s.reduceLanes(VectorOperators.ADD);
    }
  }

  /**
   * {@code y[yo + r + i] = W[r + i] · x[xo …]} for {@code i < n}, {@code 1 ≤ n ≤ 4}. Short groups
   * recompute the last row in the spare lanes of the pass rather than take a second code path.
   */
  static void rows(WeightMatrix w, float[] x, int xo, float[] xsum, float[] y, int yo, int r, int n) {
    MemorySegment m = w.data();
    long rb = w.rowBytes();
    long o0 = r * rb;
    long o1 = (r + Math.min(1, n - 1)) * rb;
    long o2 = (r + Math.min(2, n - 1)) * rb;
    long o3 = (r + Math.min(3, n - 1)) * rb;
    float[] s = switch (w.type()) {
      case F32, F16, BF16 -> plain(w.type(), m, w.cols(), o0, o1, o2, o3, x, xo);
      case Q8_0 -> q8_0(m, w.cols() / 32, o0, o1, o2, o3, x, xo);
      case Q4_0 -> q4_0(m, w.cols() / 32, o0, o1, o2, o3, x, xo);
      case Q4_K -> q4K(m, w.cols() / 256, o0, o1, o2, o3, x, xo, xsum);
      case Q5_K -> q5K(m, w.cols() / 256, o0, o1, o2, o3, x, xo, xsum);
      case Q6_K -> q6K(m, w.cols() / 256, o0, o1, o2, o3, x, xo);
      default -> throw new IllegalArgumentException("no vector kernel for " + w.type());
    };
    System.arraycopy(s, 0, y, yo + r, n);
  }

  private static float[] sums(FloatVector a0, FloatVector a1, FloatVector a2, FloatVector a3) {
    return new float[] {
      a0.reduceLanes(VectorOperators.ADD), a1.reduceLanes(VectorOperators.ADD),
      a2.reduceLanes(VectorOperators.ADD), a3.reduceLanes(VectorOperators.ADD)
    };
  }

  private static FloatVector load(GgmlType type, MemorySegment m, long offset) {
    return switch (type) {
      case F32 -> Simd.f32(m, offset);
      case F16 -> Simd.f16(m, offset);
      default -> Simd.bf16(m, offset);
    };
  }

  private static float[] plain(GgmlType type, MemorySegment m, int cols, long o0, long o1, long o2,
      long o3, float[] x, int xo) {
    int size = type == GgmlType.F32 ? 4 : 2;
    FloatVector a0 = FloatVector.zero(F);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    int end = cols - cols % L;
    for (int c = 0; c < end; c += L) {
      FloatVector xv = Simd.x(x, xo + c);
      long e = (long) size * c;
      a0 = load(type, m, o0 + e).fma(xv, a0);
      a1 = load(type, m, o1 + e).fma(xv, a1);
      a2 = load(type, m, o2 + e).fma(xv, a2);
      a3 = load(type, m, o3 + e).fma(xv, a3);
    }
    float[] s = sums(a0, a1, a2, a3);
    if (end < cols) {
      float[] tail = new float[cols - end];
      long[] offsets = {o0, o1, o2, o3};
      for (int i = 0; i < 4; i++) {
        Dequantize.decode(type, m, offsets[i] + (long) size * end, tail, 0, tail.length);
        for (int c = 0; c < tail.length; c++) {
          s[i] += tail[c] * x[xo + end + c];
        }
      }
    }
    return s;
  }

  private static FloatVector bcast(float v) {
    return FloatVector.broadcast(F, v);
  }

  private static float[] q8_0(MemorySegment m, int nb, long o0, long o1, long o2, long o3,
      float[] x, int xo) {
    FloatVector a0 = FloatVector.zero(F);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    for (int b = 0; b < nb; b++) {
      long bo = 34L * b;
      int xb = xo + 32 * b;
      a0 = q8_0Block(m, o0 + bo, x, xb, a0);
      a1 = q8_0Block(m, o1 + bo, x, xb, a1);
      a2 = q8_0Block(m, o2 + bo, x, xb, a2);
      a3 = q8_0Block(m, o3 + bo, x, xb, a3);
    }
    return sums(a0, a1, a2, a3);
  }

  private static FloatVector q8_0Block(MemorySegment m, long o, float[] x, int xb, FloatVector acc) {
    FloatVector t = toFloat(bytes(m, o + 2)).mul(Simd.x(x, xb));
    for (int p = L; p < 32; p += L) {
      t = toFloat(bytes(m, o + 2 + p)).fma(Simd.x(x, xb + p), t);
    }
    return t.fma(bcast(Dequantize.f16(m, o)), acc);
  }

  private static float[] q4_0(MemorySegment m, int nb, long o0, long o1, long o2, long o3,
      float[] x, int xo) {
    FloatVector a0 = FloatVector.zero(F);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    for (int b = 0; b < nb; b++) {
      long bo = 18L * b;
      int xb = xo + 32 * b;
      a0 = q4_0Block(m, o0 + bo, x, xb, a0);
      a1 = q4_0Block(m, o1 + bo, x, xb, a1);
      a2 = q4_0Block(m, o2 + bo, x, xb, a2);
      a3 = q4_0Block(m, o3 + bo, x, xb, a3);
    }
    return sums(a0, a1, a2, a3);
  }

  private static FloatVector q4_0Block(MemorySegment m, long o, float[] x, int xb, FloatVector acc) {
    FloatVector t = FloatVector.zero(F);
    for (int p = 0; p < 16; p += L) {
      ByteVector q = bytes(m, o + 2 + p);
      t = toFloat(q.and((byte) 0xF).sub((byte) 8)).fma(Simd.x(x, xb + p), t);
      t = toFloat(q.lanewise(VectorOperators.LSHR, 4).sub((byte) 8)).fma(Simd.x(x, xb + 16 + p), t);
    }
    return t.fma(bcast(Dequantize.f16(m, o)), acc);
  }

  private static float[] q4K(MemorySegment m, int nb, long o0, long o1, long o2, long o3,
      float[] x, int xo, float[] xsum) {
    FloatVector a0 = FloatVector.zero(F);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    float m0 = 0;
    float m1 = 0;
    float m2 = 0;
    float m3 = 0;
    for (int b = 0; b < nb; b++) {
      long bo = 144L * b;
      int xb = xo + 256 * b;
      a0 = q4KBlock(m, o0 + bo, x, xb, a0);
      a1 = q4KBlock(m, o1 + bo, x, xb, a1);
      a2 = q4KBlock(m, o2 + bo, x, xb, a2);
      a3 = q4KBlock(m, o3 + bo, x, xb, a3);
      m0 += kMins(m, o0 + bo, xsum, 8 * b);
      m1 += kMins(m, o1 + bo, xsum, 8 * b);
      m2 += kMins(m, o2 + bo, xsum, 8 * b);
      m3 += kMins(m, o3 + bo, xsum, 8 * b);
    }
    float[] s = sums(a0, a1, a2, a3);
    s[0] -= m0;
    s[1] -= m1;
    s[2] -= m2;
    s[3] -= m3;
    return s;
  }

  /** {@code dmin · Σ_j m_j · xsum[g + j]}: what the sub-block mins take off a Q4_K/Q5_K block's dot. */
  static float kMins(MemorySegment m, long o, float[] xsum, int g) {
    float s = 0;
    for (int j = 0; j < 8; j++) {
      s += Dequantize.kMin(m, o + Dequantize.K_SCALES, j) * xsum[g + j];
    }
    return Dequantize.f16(m, o + 2) * s;
  }

  private static FloatVector q4KBlock(MemorySegment m, long o, float[] x, int xb, FloatVector acc) {
    float d = Dequantize.f16(m, o);
    for (int c = 0; c < 4; c++) {
      long q = o + 16 + 32 * c;
      int xc = xb + 64 * c;
      FloatVector lo = FloatVector.zero(F);
      FloatVector hi = lo;
      for (int p = 0; p < 32; p += L) {
        ByteVector v = bytes(m, q + p);
        lo = toFloat(v.and((byte) 0xF)).fma(Simd.x(x, xc + p), lo);
        hi = toFloat(v.lanewise(VectorOperators.LSHR, 4)).fma(Simd.x(x, xc + 32 + p), hi);
      }
      acc = lo.fma(bcast(d * Dequantize.kScale(m, o + Dequantize.K_SCALES, 2 * c)), acc);
      acc = hi.fma(bcast(d * Dequantize.kScale(m, o + Dequantize.K_SCALES, 2 * c + 1)), acc);
    }
    return acc;
  }

  private static float[] q5K(MemorySegment m, int nb, long o0, long o1, long o2, long o3,
      float[] x, int xo, float[] xsum) {
    FloatVector a0 = FloatVector.zero(F);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    float m0 = 0;
    float m1 = 0;
    float m2 = 0;
    float m3 = 0;
    for (int b = 0; b < nb; b++) {
      long bo = 176L * b;
      int xb = xo + 256 * b;
      a0 = q5KBlock(m, o0 + bo, x, xb, a0);
      a1 = q5KBlock(m, o1 + bo, x, xb, a1);
      a2 = q5KBlock(m, o2 + bo, x, xb, a2);
      a3 = q5KBlock(m, o3 + bo, x, xb, a3);
      m0 += kMins(m, o0 + bo, xsum, 8 * b);
      m1 += kMins(m, o1 + bo, xsum, 8 * b);
      m2 += kMins(m, o2 + bo, xsum, 8 * b);
      m3 += kMins(m, o3 + bo, xsum, 8 * b);
    }
    float[] s = sums(a0, a1, a2, a3);
    s[0] -= m0;
    s[1] -= m1;
    s[2] -= m2;
    s[3] -= m3;
    return s;
  }

  private static FloatVector q5KBlock(MemorySegment m, long o, float[] x, int xb, FloatVector acc) {
    float d = Dequantize.f16(m, o);
    for (int c = 0; c < 4; c++) {
      long q = o + 48 + 32 * c;
      int xc = xb + 64 * c;
      FloatVector lo = FloatVector.zero(F);
      FloatVector hi = lo;
      for (int p = 0; p < 32; p += L) {
        ByteVector v = bytes(m, q + p);
        ByteVector h = bytes(m, o + 16 + p).lanewise(VectorOperators.LSHR, 2 * c);
        ByteVector v0 = v.and((byte) 0xF).or(h.and((byte) 1).lanewise(VectorOperators.LSHL, 4));
        ByteVector v1 = v.lanewise(VectorOperators.LSHR, 4)
            .or(h.and((byte) 2).lanewise(VectorOperators.LSHL, 3));
        lo = toFloat(v0).fma(Simd.x(x, xc + p), lo);
        hi = toFloat(v1).fma(Simd.x(x, xc + 32 + p), hi);
      }
      acc = lo.fma(bcast(d * Dequantize.kScale(m, o + Dequantize.K_SCALES, 2 * c)), acc);
      acc = hi.fma(bcast(d * Dequantize.kScale(m, o + Dequantize.K_SCALES, 2 * c + 1)), acc);
    }
    return acc;
  }

  private static float[] q6K(MemorySegment m, int nb, long o0, long o1, long o2, long o3,
      float[] x, int xo) {
    FloatVector a0 = FloatVector.zero(F);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    for (int b = 0; b < nb; b++) {
      long bo = 210L * b;
      int xb = xo + 256 * b;
      a0 = q6KBlock(m, o0 + bo, x, xb, a0);
      a1 = q6KBlock(m, o1 + bo, x, xb, a1);
      a2 = q6KBlock(m, o2 + bo, x, xb, a2);
      a3 = q6KBlock(m, o3 + bo, x, xb, a3);
    }
    return sums(a0, a1, a2, a3);
  }

  private static FloatVector q6KBlock(MemorySegment m, long o, float[] x, int xb, FloatVector acc) {
    float d = Dequantize.f16(m, o + 208);
    for (int half = 0; half < 2; half++) {
      long ql = o + 64 * half;
      long qh = o + 128 + 32 * half;
      long sc = o + 192 + 8 * half;
      int xh = xb + 128 * half;
      for (int p = 0; p < 32; p += L) {
        ByteVector a = bytes(m, ql + p);
        ByteVector b = bytes(m, ql + 32 + p);
        ByteVector h = bytes(m, qh + p);
        ByteVector q1 = a.and((byte) 0xF).or(h.and((byte) 3).lanewise(VectorOperators.LSHL, 4));
        ByteVector q2 = b.and((byte) 0xF)
            .or(h.lanewise(VectorOperators.LSHR, 2).and((byte) 3).lanewise(VectorOperators.LSHL, 4));
        ByteVector q3 = a.lanewise(VectorOperators.LSHR, 4)
            .or(h.lanewise(VectorOperators.LSHR, 4).and((byte) 3).lanewise(VectorOperators.LSHL, 4));
        ByteVector q4 = b.lanewise(VectorOperators.LSHR, 4)
            .or(h.lanewise(VectorOperators.LSHR, 6).lanewise(VectorOperators.LSHL, 4));
        long s = sc + p / 16;
        acc = toFloat(q1.sub((byte) 32)).mul(Simd.x(x, xh + p)).fma(bcast(d * scale(m, s)), acc);
        acc = toFloat(q2.sub((byte) 32)).mul(Simd.x(x, xh + 32 + p)).fma(bcast(d * scale(m, s + 2)), acc);
        acc = toFloat(q3.sub((byte) 32)).mul(Simd.x(x, xh + 64 + p)).fma(bcast(d * scale(m, s + 4)), acc);
        acc = toFloat(q4.sub((byte) 32)).mul(Simd.x(x, xh + 96 + p)).fma(bcast(d * scale(m, s + 6)), acc);
      }
    }
    return acc;
  }

  private static float scale(MemorySegment m, long offset) {
    return m.get(java.lang.foreign.ValueLayout.JAVA_BYTE, offset);
  }
}
