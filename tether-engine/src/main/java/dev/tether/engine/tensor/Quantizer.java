package dev.tether.engine.tensor;

import dev.tether.engine.gguf.GgmlType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Encodes float values into the GGUF block formats the kernels read: F32, F16, BF16, Q8_0, Q4_0,
 * Q4_K, Q5_K and Q6_K, with the block layouts of ggml's {@code ggml-common.h}, so that {@link
 * Kernels#dequantizeRow} decodes them back. Used to write test and benchmark models.
 *
 * <p>The scale searches are simple (max-magnitude scales, min/max ranges for the K types), not
 * llama.cpp's iterative error-minimising ones: the output is valid, a little less accurate.
 */
public final class Quantizer {

  private Quantizer() {}

  /**
   * The bytes of {@code values} stored as {@code type}.
   *
   * @throws IllegalArgumentException for a type the kernels do not read, a count that is not a
   *     whole number of blocks, or a value that is not finite
   */
  public static byte[] quantize(GgmlType type, float[] values) {
    if (!Dequantize.supports(type)) {
      throw new IllegalArgumentException("cannot quantise to " + type
          + " (supported: F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q5_K, Q6_K)");
    }
    if (values.length % type.blockSize() != 0) {
      throw new IllegalArgumentException(values.length + " values are not a whole number of " + type
          + " blocks of " + type.blockSize());
    }
    for (float v : values) {
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException("cannot quantise the non-finite value " + v);
      }
    }
    ByteBuffer out = ByteBuffer.allocate((int) type.byteSize(values.length))
        .order(ByteOrder.LITTLE_ENDIAN);
    int blocks = values.length / type.blockSize();
    for (int b = 0; b < blocks; b++) {
      int o = b * type.blockSize();
      switch (type) {
        case F32 -> out.putFloat(values[o]);
        case F16 -> out.putShort(Float.floatToFloat16(values[o]));
        case BF16 -> out.putShort(bf16(values[o]));
        case Q8_0 -> q8_0(values, o, out);
        case Q4_0 -> q4_0(values, o, out);
        case Q4_K -> KQuants.q4K(values, o, out);
        case Q5_K -> KQuants.q5K(values, o, out);
        case Q6_K -> KQuants.q6K(values, o, out);
        default -> throw new AssertionError(type);
      }
    }
    return out.array();
  }

  /** f32 → bf16 rounding to nearest even, as ggml's {@code ggml_fp32_to_bf16}. */
  static short bf16(float v) {
    int bits = Float.floatToRawIntBits(v);
    return (short) ((bits + (0x7fff + ((bits >>> 16) & 1))) >>> 16);
  }

  /** A scale as stored (f16) and read back, so quants are chosen against the scale decoders see. */
  static float roundedHalf(float v) {
    return Float.float16ToFloat(Float.floatToFloat16(v));
  }

  static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static void q8_0(float[] x, int o, ByteBuffer out) {
    float amax = 0;
    for (int i = 0; i < 32; i++) {
      amax = Math.max(amax, Math.abs(x[o + i]));
    }
    float d = roundedHalf(amax / 127);
    float id = d == 0 ? 0 : 1 / d;
    out.putShort(Float.floatToFloat16(d));
    for (int i = 0; i < 32; i++) {
      out.put((byte) clamp(Math.round(x[o + i] * id), -128, 127));
    }
  }

  /** The value of largest magnitude maps to −8, so the range −8…7 is used on the side that needs it. */
  private static void q4_0(float[] x, int o, ByteBuffer out) {
    float max = 0;
    for (int i = 0; i < 32; i++) {
      if (Math.abs(x[o + i]) > Math.abs(max)) {
        max = x[o + i];
      }
    }
    float d = max == 0 ? 0 : roundedHalf(max / -8);
    float id = d == 0 ? 0 : 1 / d;
    out.putShort(Float.floatToFloat16(d));
    for (int i = 0; i < 16; i++) {
      int lo = clamp(Math.round(x[o + i] * id) + 8, 0, 15);
      int hi = clamp(Math.round(x[o + 16 + i] * id) + 8, 0, 15);
      out.put((byte) (lo | hi << 4));
    }
  }
}
