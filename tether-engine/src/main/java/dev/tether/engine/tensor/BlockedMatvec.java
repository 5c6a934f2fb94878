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
 * Matrix × vector over {@link #R} = 4 rows per call: each activation vector is loaded once and used
 * by several rows, and the rows' accumulators are independent dependency chains, so the FMA latency
 * is hidden and the core keeps several weight streams in flight. Q6_K and Q5_K have no blocked
 * kernel and go row by row through {@link VectorMatvec}.
 *
 * <p>Structure that C2 compiles well: no vector crosses a method boundary that C2 may not inline
 * (such a vector is boxed, 10× slower), and no method inlines more Vector API calls than C2's
 * per-compilation node budget ({@code NodeCountInliningCutoff}, a develop flag that cannot be
 * raised): past it the remaining calls stay calls and box. That is why F32, F16 and Q8_0 take four
 * rows per method, while BF16, Q4_0 and Q4_K, whose decode needs more operations per vector, take
 * two rows per method, called twice. The Q4_K sub-block scales and mins are unpacked by a scalar
 * pass per row ({@link KScales}) into plain floats that the vector loop broadcasts from memory.
 * Nibbles are split in 32-bit lanes after one sign extension: x86 has no byte-lane shift, so a
 * ByteVector shift is a widen/shift/narrow sequence.
 */
final class BlockedMatvec {

  /** Rows per call. */
  static final int R = 4;

  /**
   * F16 activations are pre-scaled by this (exactly, a power of two) so that the weights' half bits
   * can be moved into f32 position without the ×2^112 re-bias per vector; {@link #F16_UNSCALE}
   * takes the remaining 2^56 off each row's sum.
   */
  static final float F16_PRESCALE = 0x1p56f;

  static final float F16_UNSCALE = 0x1p56f;

  private BlockedMatvec() {}

  /** Whether {@link #rows} has a blocked kernel for {@code type}. */
  static boolean supports(GgmlType type) {
    return switch (type) {
      case F32, F16, BF16, Q8_0, Q4_0, Q4_K -> true;
      default -> false;
    };
  }

  /** Floats of scratch {@link #rows} needs for rows of {@code cols} values (Q4_K scales, mins). */
  static int scratchSize(int cols) {
    return R * (cols / 32) + R;
  }

  /**
   * Rows {@code r … r+3} of {@code w} dotted with the activations, into {@code y[yo + r …]}. {@code
   * aux}: {@link VectorMatvec#groupSums} for Q4_0 and Q4_K, the activations split by {@link
   * VectorMatvec#pairSplit} for BF16 and additionally scaled by {@link #F16_PRESCALE} for F16.
   */
  static void rows(WeightMatrix w, int r, float[] x, int xo, float[] aux, float[] y, int yo,
      float[] scratch) {
    MemorySegment m = w.data();
    long rb = w.rowBytes();
    long o = r * rb;
    int cols = w.cols();
    switch (w.type()) {
      case F32 -> f32(m, o, rb, cols, x, xo, y, yo + r);
      case F16 -> f16(m, o, rb, cols, aux, y, yo + r);
      case BF16 -> {
        bf16(m, o, rb, cols, aux, y, yo + r);
        bf16(m, o + 2 * rb, rb, cols, aux, y, yo + r + 2);
      }
      case Q8_0 -> q8_0(m, o, rb, cols / 32, x, xo, y, yo + r);
      case Q4_0 -> {
        q4_0(m, o, rb, cols / 32, x, xo, aux, y, yo + r);
        q4_0(m, o + 2 * rb, rb, cols / 32, x, xo, aux, y, yo + r + 2);
      }
      case Q4_K -> {
        int nb = cols / 256;
        for (int k = 0; k < R; k++) {
          scratch[R * 8 * nb + k] = KScales.q4K(m, o + k * rb, nb, aux, scratch, 8 * nb * k);
        }
        q4K(m, o, rb, nb, x, xo, scratch, 0, y, yo + r);
        q4K(m, o + 2 * rb, rb, nb, x, xo, scratch, 2, y, yo + r + 2);
      }
      default -> throw new IllegalArgumentException("no blocked kernel for " + w.type());
    }
  }

  private static FloatVector bcast(float v) {
    return FloatVector.broadcast(F, v);
  }

  private static float sum(FloatVector v) {
    return v.reduceLanes(VectorOperators.ADD);
  }

  private static void f32(MemorySegment m, long o, long rb, int cols, float[] x, int xo, float[] y,
      int yo) {
    FloatVector a0 = FloatVector.zero(F);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    int c = 0;
    for (; c + L <= cols; c += L) {
      FloatVector xv = Simd.x(x, xo + c);
      long p = o + 4L * c;
      a0 = Simd.f32(m, p).fma(xv, a0);
      a1 = Simd.f32(m, p + rb).fma(xv, a1);
      a2 = Simd.f32(m, p + 2 * rb).fma(xv, a2);
      a3 = Simd.f32(m, p + 3 * rb).fma(xv, a3);
    }
    float s0 = sum(a0);
    float s1 = sum(a1);
    float s2 = sum(a2);
    float s3 = sum(a3);
    for (; c < cols; c++) {
      float xc = x[xo + c];
      long p = o + 4L * c;
      s0 += m.get(Dequantize.FLOAT, p) * xc;
      s1 += m.get(Dequantize.FLOAT, p + rb) * xc;
      s2 += m.get(Dequantize.FLOAT, p + 2 * rb) * xc;
      s3 += m.get(Dequantize.FLOAT, p + 3 * rb) * xc;
    }
    y[yo] = s0;
    y[yo + 1] = s1;
    y[yo + 2] = s2;
    y[yo + 3] = s3;
  }

  /**
   * F16, 16-bit weights loaded as 32-bit lanes holding an even (low half) and an odd (high half)
   * value, against activations split in that order ({@link VectorMatvec#pairSplit}). An arithmetic
   * shift right by 3 moves exponent and mantissa into f32 position while the sign stays in bit 31,
   * and the mask clears the sign's copies: the f32 is the half's value × 2^−112 (exact, subnormals
   * included), which the activations' 2^56 and each row's final 2^56 undo.
   */
  private static void f16(MemorySegment m, long o, long rb, int cols, float[] xs, float[] y,
      int yo) {
    FloatVector a0 = FloatVector.zero(F);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    int c = 0;
    for (; c + 2 * L <= cols; c += 2 * L) {
      FloatVector xl = Simd.x(xs, c);
      FloatVector xh = Simd.x(xs, c + L);
      long p = o + 2L * c;
      IntVector v0 = IntVector.fromMemorySegment(Simd.I, m, p, Simd.LE);
      IntVector v1 = IntVector.fromMemorySegment(Simd.I, m, p + rb, Simd.LE);
      IntVector v2 = IntVector.fromMemorySegment(Simd.I, m, p + 2 * rb, Simd.LE);
      IntVector v3 = IntVector.fromMemorySegment(Simd.I, m, p + 3 * rb, Simd.LE);
      a0 = halfHi(v0).fma(xh, halfLo(v0).fma(xl, a0));
      a1 = halfHi(v1).fma(xh, halfLo(v1).fma(xl, a1));
      a2 = halfHi(v2).fma(xh, halfLo(v2).fma(xl, a2));
      a3 = halfHi(v3).fma(xh, halfLo(v3).fma(xl, a3));
    }
    float s0 = sum(a0) * F16_UNSCALE;
    float s1 = sum(a1) * F16_UNSCALE;
    float s2 = sum(a2) * F16_UNSCALE;
    float s3 = sum(a3) * F16_UNSCALE;
    // The tail is in true units; the activations carry 2^56, taken off here.
    for (; c < cols; c++) {
      float xc = xs[c] / F16_PRESCALE;
      long p = o + 2L * c;
      s0 += Dequantize.f16(m, p) * xc;
      s1 += Dequantize.f16(m, p + rb) * xc;
      s2 += Dequantize.f16(m, p + 2 * rb) * xc;
      s3 += Dequantize.f16(m, p + 3 * rb) * xc;
    }
    y[yo] = s0;
    y[yo + 1] = s1;
    y[yo + 2] = s2;
    y[yo + 3] = s3;
  }

  private static FloatVector halfLo(IntVector v) {
    return v.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 3).and(0x8FFF_E000)
        .reinterpretAsFloats();
  }

  private static FloatVector halfHi(IntVector v) {
    return v.lanewise(VectorOperators.ASHR, 3).and(0x8FFF_E000).reinterpretAsFloats();
  }

  /** BF16, two rows, loaded as {@link #f16} does; a bf16 is the top half of an f32. */
  private static void bf16(MemorySegment m, long o, long rb, int cols, float[] xs, float[] y,
      int yo) {
    FloatVector a0 = FloatVector.zero(F);
    FloatVector a1 = a0;
    int c = 0;
    for (; c + 2 * L <= cols; c += 2 * L) {
      FloatVector xl = Simd.x(xs, c);
      FloatVector xh = Simd.x(xs, c + L);
      long p = o + 2L * c;
      IntVector v0 = IntVector.fromMemorySegment(Simd.I, m, p, Simd.LE);
      IntVector v1 = IntVector.fromMemorySegment(Simd.I, m, p + rb, Simd.LE);
      a0 = v0.and(0xFFFF_0000).reinterpretAsFloats().fma(xh,
          v0.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().fma(xl, a0));
      a1 = v1.and(0xFFFF_0000).reinterpretAsFloats().fma(xh,
          v1.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().fma(xl, a1));
    }
    float s0 = sum(a0);
    float s1 = sum(a1);
    for (; c < cols; c++) {
      float xc = xs[c];
      long p = o + 2L * c;
      s0 += Float.intBitsToFloat(m.get(Dequantize.SHORT, p) << 16) * xc;
      s1 += Float.intBitsToFloat(m.get(Dequantize.SHORT, p + rb) << 16) * xc;
    }
    y[yo] = s0;
    y[yo + 1] = s1;
  }

  private static void q8_0(MemorySegment m, long o, long rb, int nb, float[] x, int xo, float[] y,
      int yo) {
    FloatVector z = FloatVector.zero(F);
    FloatVector a0 = z;
    FloatVector a1 = z;
    FloatVector a2 = z;
    FloatVector a3 = z;
    for (int b = 0; b < nb; b++) {
      long p0 = o + 34L * b;
      long p1 = p0 + rb;
      long p2 = p1 + rb;
      long p3 = p2 + rb;
      int xb = xo + 32 * b;
      FloatVector t0 = z;
      FloatVector t1 = z;
      FloatVector t2 = z;
      FloatVector t3 = z;
      for (int p = 0; p < 32; p += L) {
        FloatVector xv = Simd.x(x, xb + p);
        t0 = toFloat(bytes(m, p0 + 2 + p)).fma(xv, t0);
        t1 = toFloat(bytes(m, p1 + 2 + p)).fma(xv, t1);
        t2 = toFloat(bytes(m, p2 + 2 + p)).fma(xv, t2);
        t3 = toFloat(bytes(m, p3 + 2 + p)).fma(xv, t3);
      }
      a0 = t0.fma(bcast(Dequantize.f16(m, p0)), a0);
      a1 = t1.fma(bcast(Dequantize.f16(m, p1)), a1);
      a2 = t2.fma(bcast(Dequantize.f16(m, p2)), a2);
      a3 = t3.fma(bcast(Dequantize.f16(m, p3)), a3);
    }
    y[yo] = sum(a0);
    y[yo + 1] = sum(a1);
    y[yo + 2] = sum(a2);
    y[yo + 3] = sum(a3);
  }

  /** Two rows: Σ (q − 8)·d·x = d·(Σ q·x − 8·Σx), with Σx per block from {@code xsum}. */
  private static void q4_0(MemorySegment m, long o, long rb, int nb, float[] x, int xo,
      float[] xsum, float[] y, int yo) {
    FloatVector z = FloatVector.zero(F);
    FloatVector a0 = z;
    FloatVector a1 = z;
    float f0 = 0;
    float f1 = 0;
    for (int b = 0; b < nb; b++) {
      long p0 = o + 18L * b;
      long p1 = p0 + rb;
      int xb = xo + 32 * b;
      FloatVector t0 = z;
      FloatVector t1 = z;
      for (int p = 0; p < 16; p += L) {
        FloatVector xl = Simd.x(x, xb + p);
        FloatVector xh = Simd.x(x, xb + 16 + p);
        ByteVector v0 = bytes(m, p0 + 2 + p);
        ByteVector v1 = bytes(m, p1 + 2 + p);
        IntVector i0 = ints(v0);
        IntVector i1 = ints(v1);
        t0 = highNibbles(i0).fma(xh, lowNibbles(i0).fma(xl, t0));
        t1 = highNibbles(i1).fma(xh, lowNibbles(i1).fma(xl, t1));
      }
      float d0 = Dequantize.f16(m, p0);
      float d1 = Dequantize.f16(m, p1);
      a0 = t0.fma(bcast(d0), a0);
      a1 = t1.fma(bcast(d1), a1);
      f0 += d0 * xsum[b];
      f1 += d1 * xsum[b];
    }
    y[yo] = sum(a0) - 8 * f0;
    y[yo + 1] = sum(a1) - 8 * f1;
  }

  /** Byte lanes sign-extended to ints; one extension serves both nibbles. */
  private static IntVector ints(ByteVector v) {
    return (IntVector) v.convertShape(VectorOperators.B2I, Simd.I, 0);
  }

  private static FloatVector lowNibbles(IntVector v) {
    return (FloatVector) v.and(0xF).convert(VectorOperators.I2F, 0);
  }

  private static FloatVector highNibbles(IntVector v) {
    return (FloatVector) v.lanewise(VectorOperators.ASHR, 4).and(0xF).convert(VectorOperators.I2F, 0);
  }

  /**
   * Q4_K, two rows, {@code k} and {@code k+1} of the four: {@code s[8·nb·k + 8b + j]} holds d·scale
   * of row k's sub-block j of block b and {@code s[4·8·nb + k]} row k's min term, both from {@link
   * KScales#q4K}.
   */
  private static void q4K(MemorySegment m, long o, long rb, int nb, float[] x, int xo, float[] s,
      int k, float[] y, int yo) {
    FloatVector z = FloatVector.zero(F);
    FloatVector a0 = z;
    FloatVector a1 = z;
    int rs = 8 * nb;
    int s0 = k * rs;
    int s1 = s0 + rs;
    for (int j = 0; j < 4 * nb; j++) {
      // Chunk j: 32 bytes whose low nibbles are sub-block 2j and high nibbles sub-block 2j+1.
      long p0 = o + 144L * (j >> 2) + 16 + 32 * (j & 3);
      long p1 = p0 + rb;
      int xc = xo + 64 * j;
      FloatVector l0 = z;
      FloatVector l1 = z;
      FloatVector h0 = z;
      FloatVector h1 = z;
      for (int p = 0; p < 32; p += L) {
        FloatVector xl = Simd.x(x, xc + p);
        FloatVector xh = Simd.x(x, xc + 32 + p);
        ByteVector v0 = bytes(m, p0 + p);
        ByteVector v1 = bytes(m, p1 + p);
        IntVector i0 = ints(v0);
        IntVector i1 = ints(v1);
        l0 = lowNibbles(i0).fma(xl, l0);
        h0 = highNibbles(i0).fma(xh, h0);
        l1 = lowNibbles(i1).fma(xl, l1);
        h1 = highNibbles(i1).fma(xh, h1);
      }
      int sj = 2 * j;
      a0 = h0.fma(bcast(s[s0 + sj + 1]), l0.fma(bcast(s[s0 + sj]), a0));
      a1 = h1.fma(bcast(s[s1 + sj + 1]), l1.fma(bcast(s[s1 + sj]), a1));
    }
    int mins = R * rs + k;
    y[yo] = sum(a0) - s[mins];
    y[yo + 1] = sum(a1) - s[mins + 1];
  }
}
