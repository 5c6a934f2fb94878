package dev.tether.engine.tensor;

import static dev.tether.engine.tensor.Simd.F;
import static dev.tether.engine.tensor.Simd.L;
import static dev.tether.engine.tensor.Simd.bytes;
import static dev.tether.engine.tensor.Simd.toFloat;

import dev.tether.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Matrix × vector with the Vector API, reading the weights in place: the generation path, which
 * must stream weights at memory bandwidth. Each block is widened from its stored bytes straight into
 * float lanes and its scale applied once per block (or sub-block) rather than per value.
 *
 * <p>Per-vector precomputation shared by all rows ({@code aux}): for Q4_0, Q4_K and Q5_K the sums of
 * {@code x} over each 32 values, so the −8 offset and the sub-block mins come off as
 * {@code d·8·Σx} and {@code dmin·m·Σx}; for F16 and BF16 the activations in the even/odd order of
 * 32-bit loads.
 */
final class VectorMatvec {

  private VectorMatvec() {}

  /** Whether {@link #row} needs {@link #groupSums} in {@code aux}. */
  static boolean needsSums(GgmlType type) {
    return type == GgmlType.Q4_0 || type == GgmlType.Q4_K || type == GgmlType.Q5_K;
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

  /** Whether {@link #row} needs {@code aux} to hold the activations split by {@link #pairSplit}. */
  static boolean needsPairs(GgmlType type) {
    return type == GgmlType.F16 || type == GgmlType.BF16;
  }

  /**
   * The activations reordered for 16-bit weights, which are loaded as 32-bit lanes each holding two
   * values (even in the low half, odd in the high half): within every group of 2·L values, the even
   * ones first, then the odd ones. Values past the last whole group stay where they are.
   */
  static void pairSplit(float[] x, int xo, int cols, float[] out) {
    int group = 2 * L;
    int full = cols - cols % group;
    for (int g = 0; g < full; g += group) {
      for (int i = 0; i < L; i++) {
        out[g + i] = x[xo + g + 2 * i];
        out[g + L + i] = x[xo + g + 2 * i + 1];
      }
    }
    System.arraycopy(x, xo + full, out, full, cols - full);
  }

  /**
   * Row {@code r} of {@code w} dotted with {@code x[xo …]}. {@code aux} holds {@link #groupSums}
   * for Q4_0, Q4_K and Q5_K, {@link #pairSplit} for F16 and BF16, and is unused otherwise.
   *
   * <p>One row per call, and every loop written out in one method: a FloatVector passed to or
   * returned from a method C2 does not inline gets boxed (10× slower), and methods that inline too
   * many Vector API calls hit C2's inlining budget, so the kernels stay small and return floats.
   */
  static float row(WeightMatrix w, int r, float[] x, int xo, float[] aux) {
    MemorySegment m = w.data();
    long o = r * w.rowBytes();
    int cols = w.cols();
    return switch (w.type()) {
      case F32 -> f32(m, o, cols, x, xo);
      case F16 -> half(false, w, m, o, cols, aux);
      case BF16 -> half(true, w, m, o, cols, aux);
      case Q8_0 -> q8_0(m, o, cols / 32, x, xo);
      case Q4_0 -> q4_0(m, o, cols / 32, x, xo, aux);
      case Q4_K -> q4K(m, o, cols / 256, x, xo, aux);
      case Q5_K -> q5K(m, o, cols / 256, x, xo, aux);
      case Q6_K -> q6K(m, o, cols / 256, x, xo);
      default -> throw new IllegalArgumentException("no vector kernel for " + w.type());
    };
  }

  private static FloatVector bcast(float v) {
    return FloatVector.broadcast(F, v);
  }

  private static float f32(MemorySegment m, long o, int cols, float[] x, int xo) {
    FloatVector a0 = FloatVector.zero(F);
    FloatVector a1 = a0;
    int c = 0;
    for (; c + 2 * L <= cols; c += 2 * L) {
      a0 = Simd.f32(m, o + 4L * c).fma(Simd.x(x, xo + c), a0);
      a1 = Simd.f32(m, o + 4L * (c + L)).fma(Simd.x(x, xo + c + L), a1);
    }
    float s = a0.add(a1).reduceLanes(VectorOperators.ADD);
    for (; c < cols; c++) {
      s += m.get(Dequantize.FLOAT, o + 4L * c) * x[xo + c];
    }
    return s;
  }

  private static float half(boolean brain, WeightMatrix w, MemorySegment m, long o, int cols,
      float[] xs) {
    FloatVector a0 = FloatVector.zero(F);
    FloatVector a1 = a0;
    int c = 0;
    for (; c + 2 * L <= cols; c += 2 * L) {
      IntVector v = IntVector.fromMemorySegment(Simd.I, m, o + 2L * c, Simd.LE);
      IntVector lo = v.lanewise(VectorOperators.LSHL, 16);
      IntVector hi = v.and(0xFFFF_0000);
      FloatVector fl;
      FloatVector fh;
      if (brain) {
        fl = lo.reinterpretAsFloats();
        fh = hi.reinterpretAsFloats();
      } else {
        // Half bits in the top 16: sign stays, exponent+mantissa move down 3 into f32 position,
        // and ×2^112 re-biases the exponent (see Simd.f16 for why this is exact).
        fl = lo.and(0x8000_0000).or(lo.and(0x7FFF_0000).lanewise(VectorOperators.LSHR, 3))
            .reinterpretAsFloats().mul(0x1p112f);
        fh = hi.and(0x8000_0000).or(hi.and(0x7FFF_0000).lanewise(VectorOperators.LSHR, 3))
            .reinterpretAsFloats().mul(0x1p112f);
      }
      a0 = fl.fma(Simd.x(xs, c), a0);
      a1 = fh.fma(Simd.x(xs, c + L), a1);
    }
    float s = a0.add(a1).reduceLanes(VectorOperators.ADD);
    if (c < cols) {
      float[] tail = new float[cols - c];
      Dequantize.decode(w.type(), m, o + 2L * c, tail, 0, tail.length);
      for (int i = 0; i < tail.length; i++) {
        s += tail[i] * xs[c + i];
      }
    }
    return s;
  }

  /** Two blocks per step into two accumulators, so consecutive blocks' FMAs do not wait on each other. */
  private static float q8_0(MemorySegment m, long o, int nb, float[] x, int xo) {
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = acc0;
    int b = 0;
    for (; b + 1 < nb; b += 2) {
      long bo = o + 34L * b;
      int xb = xo + 32 * b;
      FloatVector t0 = toFloat(bytes(m, bo + 2)).mul(Simd.x(x, xb));
      FloatVector t1 = toFloat(bytes(m, bo + 36)).mul(Simd.x(x, xb + 32));
      for (int p = L; p < 32; p += L) {
        t0 = toFloat(bytes(m, bo + 2 + p)).fma(Simd.x(x, xb + p), t0);
        t1 = toFloat(bytes(m, bo + 36 + p)).fma(Simd.x(x, xb + 32 + p), t1);
      }
      acc0 = t0.fma(bcast(Dequantize.f16(m, bo)), acc0);
      acc1 = t1.fma(bcast(Dequantize.f16(m, bo + 34)), acc1);
    }
    if (b < nb) {
      long bo = o + 34L * b;
      int xb = xo + 32 * b;
      FloatVector t = toFloat(bytes(m, bo + 2)).mul(Simd.x(x, xb));
      for (int p = L; p < 32; p += L) {
        t = toFloat(bytes(m, bo + 2 + p)).fma(Simd.x(x, xb + p), t);
      }
      acc0 = t.fma(bcast(Dequantize.f16(m, bo)), acc0);
    }
    return acc0.add(acc1).reduceLanes(VectorOperators.ADD);
  }

  /** Σ (q − 8)·d·x = d·(Σ q·x − 8·Σx), with Σx per block from {@code xsum}. */
  private static float q4_0(MemorySegment m, long o, int nb, float[] x, int xo, float[] xsum) {
    FloatVector acc = FloatVector.zero(F);
    float offset = 0;
    for (int b = 0; b < nb; b++) {
      long bo = o + 18L * b;
      int xb = xo + 32 * b;
      FloatVector t = FloatVector.zero(F);
      for (int p = 0; p < 16; p += L) {
        ByteVector v = bytes(m, bo + 2 + p);
        t = toFloat(v.and((byte) 0xF)).fma(Simd.x(x, xb + p), t);
        t = toFloat(Simd.highNibble(v)).fma(Simd.x(x, xb + 16 + p), t);
      }
      float d = Dequantize.f16(m, bo);
      acc = t.fma(bcast(d), acc);
      offset += d * xsum[b];
    }
    return acc.reduceLanes(VectorOperators.ADD) - 8 * offset;
  }

  // The 12 packed scale bytes of a Q4_K/Q5_K block are read as one long (bytes 0–7) and one int
  // (bytes 8–11) and unpacked with shifts: a segment read per byte costs a bounds check each.

  static final java.lang.foreign.ValueLayout.OfLong LONG =
      java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED.withOrder(Simd.LE);
  static final java.lang.foreign.ValueLayout.OfInt INT =
      java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED.withOrder(Simd.LE);

  /** Byte {@code k} (0–11) of the packed scales, unsigned. */
  private static int kByte(long lo, int hi, int k) {
    return (int) (k < 8 ? lo >>> (8 * k) : hi >>> (8 * (k - 8))) & 0xFF;
  }

  /** As {@link Dequantize#kScale}, from the packed bytes. */
  static int kScale(long lo, int hi, int j) {
    return j < 4 ? kByte(lo, hi, j) & 63
        : (kByte(lo, hi, j + 4) & 0xF) | ((kByte(lo, hi, j - 4) >>> 6) << 4);
  }

  /** As {@link Dequantize#kMin}, from the packed bytes. */
  static int kMin(long lo, int hi, int j) {
    return j < 4 ? kByte(lo, hi, j + 4) & 63
        : (kByte(lo, hi, j + 4) >>> 4) | ((kByte(lo, hi, j) >>> 6) << 4);
  }

  /** {@code dmin · Σ_j m_j · xsum[g + j]}: what the sub-block mins take off a Q4_K/Q5_K block's dot. */
  private static float kMins(MemorySegment m, long o, long lo, int hi, float[] xsum, int g) {
    float s = 0;
    for (int j = 0; j < 8; j++) {
      s += kMin(lo, hi, j) * xsum[g + j];
    }
    return Dequantize.f16(m, o + 2) * s;
  }

  private static float q4K(MemorySegment m, long o, int nb, float[] x, int xo, float[] xsum) {
    FloatVector acc = FloatVector.zero(F);
    float mins = 0;
    for (int b = 0; b < nb; b++) {
      long bo = o + 144L * b;
      int xb = xo + 256 * b;
      float d = Dequantize.f16(m, bo);
      long lo8 = m.get(LONG, bo + Dequantize.K_SCALES);
      int hi4 = m.get(INT, bo + Dequantize.K_SCALES + 8);
      for (int c = 0; c < 4; c++) {
        long q = bo + 16 + 32 * c;
        int xc = xb + 64 * c;
        FloatVector lo = FloatVector.zero(F);
        FloatVector hi = lo;
        for (int p = 0; p < 32; p += L) {
          ByteVector v = bytes(m, q + p);
          lo = toFloat(v.and((byte) 0xF)).fma(Simd.x(x, xc + p), lo);
          hi = toFloat(Simd.highNibble(v)).fma(Simd.x(x, xc + 32 + p), hi);
        }
        acc = lo.fma(bcast(d * kScale(lo8, hi4, 2 * c)), acc);
        acc = hi.fma(bcast(d * kScale(lo8, hi4, 2 * c + 1)), acc);
      }
      mins += kMins(m, bo, lo8, hi4, xsum, 8 * b);
    }
    return acc.reduceLanes(VectorOperators.ADD) - mins;
  }

  private static float q5K(MemorySegment m, long o, int nb, float[] x, int xo, float[] xsum) {
    FloatVector acc = FloatVector.zero(F);
    float mins = 0;
    for (int b = 0; b < nb; b++) {
      long bo = o + 176L * b;
      int xb = xo + 256 * b;
      float d = Dequantize.f16(m, bo);
      long lo8 = m.get(LONG, bo + Dequantize.K_SCALES);
      int hi4 = m.get(INT, bo + Dequantize.K_SCALES + 8);
      for (int c = 0; c < 4; c++) {
        long q = bo + 48 + 32 * c;
        int xc = xb + 64 * c;
        FloatVector lo = FloatVector.zero(F);
        FloatVector hi = lo;
        for (int p = 0; p < 32; p += L) {
          ByteVector v = bytes(m, q + p);
          // A 16-bit shift: bits it moves across bytes land at 2 or above, which the masks clear.
          ByteVector h = Simd.shrClear(bytes(m, bo + 16 + p), 2 * c);
          ByteVector v0 = v.and((byte) 0xF).or(Simd.shlClear(h.and((byte) 1), 4));
          ByteVector v1 = Simd.highNibble(v).or(Simd.shlClear(h.and((byte) 2), 3));
          lo = toFloat(v0).fma(Simd.x(x, xc + p), lo);
          hi = toFloat(v1).fma(Simd.x(x, xc + 32 + p), hi);
        }
        acc = lo.fma(bcast(d * kScale(lo8, hi4, 2 * c)), acc);
        acc = hi.fma(bcast(d * kScale(lo8, hi4, 2 * c + 1)), acc);
      }
      mins += kMins(m, bo, lo8, hi4, xsum, 8 * b);
    }
    return acc.reduceLanes(VectorOperators.ADD) - mins;
  }

  /**
   * Q6_K in two passes over the row, the low-nibble quarters then the high-nibble ones: one pass
   * doing all four inlines more Vector API calls than C2's budget allows, and the second pass reads
   * the row from cache.
   */
  private static float q6K(MemorySegment m, long o, int nb, float[] x, int xo) {
    return q6KLow(m, o, nb, x, xo) + q6KHigh(m, o, nb, x, xo);
  }

  private static float q6KLow(MemorySegment m, long o, int nb, float[] x, int xo) {
    FloatVector acc = FloatVector.zero(F);
    for (int b = 0; b < nb; b++) {
      long bo = o + 210L * b;
      int xb = xo + 256 * b;
      float d = Dequantize.f16(m, bo + 208);
      for (int half = 0; half < 2; half++) {
        long ql = bo + 64 * half;
        long qh = bo + 128 + 32 * half;
        long sc = m.get(LONG, bo + 192 + 8 * half);
        int xh = xb + 128 * half;
        for (int p = 0; p < 32; p += L) {
          ByteVector h = bytes(m, qh + p);
          int s = p / 16;
          ByteVector q1 = bytes(m, ql + p).and((byte) 0xF).or(Simd.shlClear(h.and((byte) 3), 4));
          ByteVector q2 = bytes(m, ql + 32 + p).and((byte) 0xF)
              .or(Simd.shlClear(h.and((byte) 0xC), 2));
          acc = toFloat(q1.sub((byte) 32)).mul(Simd.x(x, xh + p)).fma(bcast(d * scale(sc, s)), acc);
          acc = toFloat(q2.sub((byte) 32)).mul(Simd.x(x, xh + 32 + p)).fma(bcast(d * scale(sc, s + 2)), acc);
        }
      }
    }
    return acc.reduceLanes(VectorOperators.ADD);
  }

  private static float q6KHigh(MemorySegment m, long o, int nb, float[] x, int xo) {
    FloatVector acc = FloatVector.zero(F);
    for (int b = 0; b < nb; b++) {
      long bo = o + 210L * b;
      int xb = xo + 256 * b;
      float d = Dequantize.f16(m, bo + 208);
      for (int half = 0; half < 2; half++) {
        long ql = bo + 64 * half;
        long qh = bo + 128 + 32 * half;
        long sc = m.get(LONG, bo + 192 + 8 * half);
        int xh = xb + 128 * half;
        for (int p = 0; p < 32; p += L) {
          ByteVector h = bytes(m, qh + p);
          int s = p / 16;
          ByteVector q3 = Simd.highNibble(bytes(m, ql + p)).or(h.and((byte) 0x30));
          ByteVector q4 = Simd.highNibble(bytes(m, ql + 32 + p))
              .or(Simd.shrClear(h.and((byte) 0xC0), 2));
          acc = toFloat(q3.sub((byte) 32)).mul(Simd.x(x, xh + 64 + p)).fma(bcast(d * scale(sc, s + 4)), acc);
          acc = toFloat(q4.sub((byte) 32)).mul(Simd.x(x, xh + 96 + p)).fma(bcast(d * scale(sc, s + 6)), acc);
        }
      }
    }
    return acc.reduceLanes(VectorOperators.ADD);
  }

  /** Signed byte {@code k} (0–7) of eight Q6_K scales read as one long. */
  static float scale(long scales, int k) {
    return (byte) (scales >>> (8 * k));
  }
}
