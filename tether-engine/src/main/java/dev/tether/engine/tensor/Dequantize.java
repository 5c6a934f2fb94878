package dev.tether.engine.tensor;

import dev.tether.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The scalar reference decoders of the block formats: plain loops written straight from the block
 * structs of ggml's {@code ggml-common.h} and the {@code dequantize_row_*} functions of {@code
 * ggml-quants.c}. Every fast kernel is tested against these.
 */
final class Dequantize {

  static final ValueLayout.OfShort SHORT =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfFloat FLOAT =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /** Bytes of {@code block_q4_K}/{@code block_q5_K} before the 12 packed scale bytes. */
  static final int K_SCALES = 4;

  private Dequantize() {}

  /** The eight types the kernels compute with. */
  static boolean supports(GgmlType type) {
    return switch (type) {
      case F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q5_K, Q6_K -> true;
      default -> false;
    };
  }

  /** Throws the error the kernels give for a tensor of a type they cannot compute with. */
  static void requireSupported(WeightMatrix w) {
    if (!supports(w.type())) {
      throw new IllegalArgumentException("tensor " + w.name() + " has type " + w.type()
          + ", which the kernels do not support (supported: F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q5_K,"
          + " Q6_K)");
    }
  }

  /**
   * Decodes {@code count} values (a whole number of blocks) starting at byte {@code offset} of
   * {@code data} into {@code out[outOffset …]}.
   */
  static void decode(
      GgmlType type, MemorySegment data, long offset, float[] out, int outOffset, int count) {
    switch (type) {
      case F32 -> {
        for (int i = 0; i < count; i++) {
          out[outOffset + i] = data.get(FLOAT, offset + 4L * i);
        }
      }
      case F16 -> {
        for (int i = 0; i < count; i++) {
          out[outOffset + i] = Float.float16ToFloat(data.get(SHORT, offset + 2L * i));
        }
      }
      case BF16 -> {
        for (int i = 0; i < count; i++) {
          out[outOffset + i] = bf16(data.get(SHORT, offset + 2L * i));
        }
      }
      case Q8_0 -> forBlocks(data, offset, out, outOffset, count, 32, 34, Dequantize::q8_0);
      case Q4_0 -> forBlocks(data, offset, out, outOffset, count, 32, 18, Dequantize::q4_0);
      case Q4_K -> forBlocks(data, offset, out, outOffset, count, 256, 144, Dequantize::q4K);
      case Q5_K -> forBlocks(data, offset, out, outOffset, count, 256, 176, Dequantize::q5K);
      case Q6_K -> forBlocks(data, offset, out, outOffset, count, 256, 210, Dequantize::q6K);
      default -> throw new IllegalArgumentException("no decoder for " + type);
    }
  }

  /** BF16 is the top half of an f32. */
  static float bf16(short bits) {
    return Float.intBitsToFloat(bits << 16);
  }

  static float f16(MemorySegment data, long offset) {
    return Float.float16ToFloat(data.get(SHORT, offset));
  }

  static int u8(MemorySegment data, long offset) {
    return data.get(ValueLayout.JAVA_BYTE, offset) & 0xFF;
  }

  /**
   * The 6-bit scale of sub-block {@code j} (0…7) of a Q4_K/Q5_K block, from the 12 packed bytes at
   * {@code scales} (ggml's {@code get_scale_min_k4}): sub-blocks 0–3 keep scale and min in the low 6
   * bits of bytes j and j+4; sub-blocks 4–7 take their low 4 bits from a nibble of byte j+4 and their
   * top 2 bits from the spare top bits of bytes j−4 (scale) and j (min).
   */
  static int kScale(MemorySegment data, long scales, int j) {
    if (j < 4) {
      return u8(data, scales + j) & 63;
    }
    return (u8(data, scales + j + 4) & 0xF) | ((u8(data, scales + j - 4) >>> 6) << 4);
  }

  /** The 6-bit min of sub-block {@code j}; see {@link #kScale}. */
  static int kMin(MemorySegment data, long scales, int j) {
    if (j < 4) {
      return u8(data, scales + j + 4) & 63;
    }
    return (u8(data, scales + j + 4) >>> 4) | ((u8(data, scales + j) >>> 6) << 4);
  }

  @FunctionalInterface
  private interface BlockDecoder {
    void decode(MemorySegment data, long block, float[] out, int o);
  }

  private static void forBlocks(MemorySegment data, long offset, float[] out, int outOffset,
      int count, int blockSize, int typeSize, BlockDecoder decoder) {
    for (int b = 0; b < count / blockSize; b++) {
      decoder.decode(data, offset + (long) b * typeSize, out, outOffset + b * blockSize);
    }
  }

  /** {@code block_q8_0}: f16 d, int8 qs[32]; x = q·d. */
  private static void q8_0(MemorySegment data, long block, float[] out, int o) {
    float d = f16(data, block);
    for (int i = 0; i < 32; i++) {
      out[o + i] = data.get(ValueLayout.JAVA_BYTE, block + 2 + i) * d;
    }
  }

  /** {@code block_q4_0}: f16 d, uint8 qs[16]; low nibbles are x[0…15], high ones x[16…31], (q−8)·d. */
  private static void q4_0(MemorySegment data, long block, float[] out, int o) {
    float d = f16(data, block);
    for (int i = 0; i < 16; i++) {
      int q = u8(data, block + 2 + i);
      out[o + i] = ((q & 0xF) - 8) * d;
      out[o + i + 16] = ((q >>> 4) - 8) * d;
    }
  }

  /**
   * {@code block_q4_K}: f16 d, f16 dmin, scales[12], qs[128]. Four 64-value chunks; chunk c's 32 qs
   * bytes hold sub-block 2c in their low nibbles and 2c+1 in their high ones; x = d·sc·q − dmin·m.
   */
  private static void q4K(MemorySegment data, long block, float[] out, int o) {
    float d = f16(data, block);
    float dmin = f16(data, block + 2);
    long scales = block + K_SCALES;
    long qs = block + 16;
    for (int c = 0; c < 4; c++) {
      float d1 = d * kScale(data, scales, 2 * c);
      float m1 = dmin * kMin(data, scales, 2 * c);
      float d2 = d * kScale(data, scales, 2 * c + 1);
      float m2 = dmin * kMin(data, scales, 2 * c + 1);
      for (int l = 0; l < 32; l++) {
        int q = u8(data, qs + 32 * c + l);
        out[o + 64 * c + l] = d1 * (q & 0xF) - m1;
        out[o + 64 * c + 32 + l] = d2 * (q >>> 4) - m2;
      }
    }
  }

  /**
   * {@code block_q5_K}: f16 d, f16 dmin, scales[12], qh[32], qs[128]. As Q4_K, with a fifth bit per
   * value: for value l of chunk c, bit 2c of qh[l] (low-nibble half) or bit 2c+1 (high half).
   */
  private static void q5K(MemorySegment data, long block, float[] out, int o) {
    float d = f16(data, block);
    float dmin = f16(data, block + 2);
    long scales = block + K_SCALES;
    long qh = block + 16;
    long qs = block + 48;
    for (int c = 0; c < 4; c++) {
      float d1 = d * kScale(data, scales, 2 * c);
      float m1 = dmin * kMin(data, scales, 2 * c);
      float d2 = d * kScale(data, scales, 2 * c + 1);
      float m2 = dmin * kMin(data, scales, 2 * c + 1);
      for (int l = 0; l < 32; l++) {
        int q = u8(data, qs + 32 * c + l);
        int h = u8(data, qh + l) >>> (2 * c);
        out[o + 64 * c + l] = d1 * ((q & 0xF) | ((h & 1) << 4)) - m1;
        out[o + 64 * c + 32 + l] = d2 * ((q >>> 4) | ((h & 2) << 3)) - m2;
      }
    }
  }

  /**
   * {@code block_q6_K}: ql[128], qh[64], int8 scales[16], f16 d. Two 128-value halves, each using
   * 64 ql bytes, 32 qh bytes and 8 scales; for l in 0…31 the four values l, l+32, l+64, l+96 take
   * the low nibble of ql[l], of ql[l+32], the high nibble of ql[l], of ql[l+32], and bit pairs 0–1,
   * 2–3, 4–5, 6–7 of qh[l] as their top two bits; x = d·scale·(q − 32), one scale per 16 values.
   */
  private static void q6K(MemorySegment data, long block, float[] out, int o) {
    float d = f16(data, block + 208);
    for (int half = 0; half < 2; half++) {
      long ql = block + 64 * half;
      long qh = block + 128 + 32 * half;
      long sc = block + 192 + 8 * half;
      int y = o + 128 * half;
      for (int l = 0; l < 32; l++) {
        int lo = u8(data, ql + l);
        int hi = u8(data, ql + l + 32);
        int h = u8(data, qh + l);
        int s = l / 16;
        out[y + l] = d * data.get(ValueLayout.JAVA_BYTE, sc + s) * (((lo & 0xF) | ((h & 3) << 4)) - 32);
        out[y + l + 32] =
            d * data.get(ValueLayout.JAVA_BYTE, sc + s + 2) * (((hi & 0xF) | ((h >>> 2 & 3) << 4)) - 32);
        out[y + l + 64] =
            d * data.get(ValueLayout.JAVA_BYTE, sc + s + 4) * (((lo >>> 4) | ((h >>> 4 & 3) << 4)) - 32);
        out[y + l + 96] =
            d * data.get(ValueLayout.JAVA_BYTE, sc + s + 6) * (((hi >>> 4) | ((h >>> 6) << 4)) - 32);
      }
    }
  }
}
