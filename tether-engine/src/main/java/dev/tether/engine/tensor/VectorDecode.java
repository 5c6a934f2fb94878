package dev.tether.engine.tensor;

import static dev.tether.engine.tensor.Simd.F;
import static dev.tether.engine.tensor.Simd.L;
import static dev.tether.engine.tensor.Simd.bytes;
import static dev.tether.engine.tensor.Simd.toFloat;

import dev.tether.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Vector decoders of whole blocks into floats, for the GEMM's weight tiles: the same arithmetic as
 * {@link Dequantize} ({@code d·q}, {@code d·sc·q − dmin·m} with the same operation order, so results
 * match it to the last bit except where noted), a vector of values at a time instead of one.
 */
final class VectorDecode {

  private VectorDecode() {}

  /** As {@link Dequantize#decode}: {@code count} values (whole blocks) from byte {@code offset}. */
  static void decode(GgmlType type, MemorySegment m, long offset, float[] out, int o, int count) {
    switch (type) {
      case F32, F16, BF16 -> plain(type, m, offset, out, o, count);
      case Q8_0 -> {
        for (int b = 0; b < count / 32; b++) {
          q8_0(m, offset + 34L * b, out, o + 32 * b);
        }
      }
      case Q4_0 -> {
        for (int b = 0; b < count / 32; b++) {
          q4_0(m, offset + 18L * b, out, o + 32 * b);
        }
      }
      case Q4_K -> {
        for (int b = 0; b < count / 256; b++) {
          k(false, m, offset + 144L * b, out, o + 256 * b);
        }
      }
      case Q5_K -> {
        for (int b = 0; b < count / 256; b++) {
          k(true, m, offset + 176L * b, out, o + 256 * b);
        }
      }
      case Q6_K -> {
        for (int b = 0; b < count / 256; b++) {
          q6K(m, offset + 210L * b, out, o + 256 * b);
        }
      }
      default -> throw new IllegalArgumentException("no decoder for " + type);
    }
  }

  private static void plain(GgmlType type, MemorySegment m, long offset, float[] out, int o, int count) {
    int end = count - count % L;
    switch (type) {
      case F32 -> {
        for (int c = 0; c < end; c += L) {
          Simd.f32(m, offset + 4L * c).intoArray(out, o + c);
        }
      }
      case F16 -> {
        for (int c = 0; c < end; c += L) {
          Simd.f16(m, offset + 2L * c).intoArray(out, o + c);
        }
      }
      default -> {
        for (int c = 0; c < end; c += L) {
          Simd.bf16(m, offset + 2L * c).intoArray(out, o + c);
        }
      }
    }
    int size = type == GgmlType.F32 ? 4 : 2;
    Dequantize.decode(type, m, offset + (long) size * end, out, o + end, count - end);
  }

  private static void q8_0(MemorySegment m, long bo, float[] out, int o) {
    float d = Dequantize.f16(m, bo);
    for (int p = 0; p < 32; p += L) {
      toFloat(bytes(m, bo + 2 + p)).mul(d).intoArray(out, o + p);
    }
  }

  private static void q4_0(MemorySegment m, long bo, float[] out, int o) {
    float d = Dequantize.f16(m, bo);
    for (int p = 0; p < 16; p += L) {
      ByteVector v = bytes(m, bo + 2 + p);
      toFloat(v.and((byte) 0xF).sub((byte) 8)).mul(d).intoArray(out, o + p);
      toFloat(v.lanewise(VectorOperators.LSHR, 4).sub((byte) 8)).mul(d).intoArray(out, o + 16 + p);
    }
  }

  private static void k(boolean five, MemorySegment m, long bo, float[] out, int o) {
    float d = Dequantize.f16(m, bo);
    float dmin = Dequantize.f16(m, bo + 2);
    long lo8 = m.get(VectorMatvec.LONG, bo + Dequantize.K_SCALES);
    int hi4 = m.get(VectorMatvec.INT, bo + Dequantize.K_SCALES + 8);
    long qs = bo + (five ? 48 : 16);
    for (int c = 0; c < 4; c++) {
      float d1 = d * VectorMatvec.kScale(lo8, hi4, 2 * c);
      float m1 = dmin * VectorMatvec.kMin(lo8, hi4, 2 * c);
      float d2 = d * VectorMatvec.kScale(lo8, hi4, 2 * c + 1);
      float m2 = dmin * VectorMatvec.kMin(lo8, hi4, 2 * c + 1);
      for (int p = 0; p < 32; p += L) {
        ByteVector v = bytes(m, qs + 32 * c + p);
        ByteVector v0 = v.and((byte) 0xF);
        ByteVector v1 = v.lanewise(VectorOperators.LSHR, 4);
        if (five) {
          ByteVector h = bytes(m, bo + 16 + p).lanewise(VectorOperators.LSHR, 2 * c);
          v0 = v0.or(h.and((byte) 1).lanewise(VectorOperators.LSHL, 4));
          v1 = v1.or(h.and((byte) 2).lanewise(VectorOperators.LSHL, 3));
        }
        toFloat(v0).mul(d1).sub(m1).intoArray(out, o + 64 * c + p);
        toFloat(v1).mul(d2).sub(m2).intoArray(out, o + 64 * c + 32 + p);
      }
    }
  }

  /** Q6_K; the reference computes {@code (d·sc)·q}, and so does this. */
  private static void q6K(MemorySegment m, long bo, float[] out, int o) {
    float d = Dequantize.f16(m, bo + 208);
    for (int half = 0; half < 2; half++) {
      long ql = bo + 64 * half;
      long qh = bo + 128 + 32 * half;
      long sc = m.get(VectorMatvec.LONG, bo + 192 + 8 * half);
      int y = o + 128 * half;
      for (int p = 0; p < 32; p += L) {
        ByteVector a = bytes(m, ql + p);
        ByteVector c = bytes(m, ql + 32 + p);
        ByteVector h = bytes(m, qh + p);
        int s = p / 16;
        ByteVector q1 = a.and((byte) 0xF).or(h.and((byte) 3).lanewise(VectorOperators.LSHL, 4));
        ByteVector q2 = c.and((byte) 0xF).or(h.and((byte) 0xC).lanewise(VectorOperators.LSHL, 2));
        ByteVector q3 = a.lanewise(VectorOperators.LSHR, 4).or(h.and((byte) 0x30));
        ByteVector q4 = c.lanewise(VectorOperators.LSHR, 4)
            .or(h.lanewise(VectorOperators.LSHR, 6).lanewise(VectorOperators.LSHL, 4));
        toFloat(q1.sub((byte) 32)).mul(d * VectorMatvec.scale(sc, s)).intoArray(out, y + p);
        toFloat(q2.sub((byte) 32)).mul(d * VectorMatvec.scale(sc, s + 2)).intoArray(out, y + 32 + p);
        toFloat(q3.sub((byte) 32)).mul(d * VectorMatvec.scale(sc, s + 4)).intoArray(out, y + 64 + p);
        toFloat(q4.sub((byte) 32)).mul(d * VectorMatvec.scale(sc, s + 6)).intoArray(out, y + 96 + p);
      }
    }
  }
}
