package dev.tether.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector shapes the kernels use and the loads that turn stored weights into float lanes. {@link
 * #F} has {@link #L} = 16 float lanes where the CPU has 512-bit vectors (AVX-512), else 8; byte and
 * short loads take exactly {@link #L} lanes so one conversion yields one float vector. Every block
 * size (32, 256) and sub-block (16, 32) is a multiple of {@link #L}.
 */
final class Simd {

  static final VectorSpecies<Float> F =
      FloatVector.SPECIES_PREFERRED.length() >= 16 ? FloatVector.SPECIES_512 : FloatVector.SPECIES_256;
  static final int L = F.length();
  static final VectorSpecies<Byte> B = L == 16 ? ByteVector.SPECIES_128 : ByteVector.SPECIES_64;
  static final VectorSpecies<Short> S = L == 16 ? ShortVector.SPECIES_256 : ShortVector.SPECIES_128;
  static final VectorSpecies<Integer> I = L == 16 ? IntVector.SPECIES_512 : IntVector.SPECIES_256;
  static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

  private Simd() {}

  /** {@link #L} signed bytes at {@code offset}. */
  static ByteVector bytes(MemorySegment data, long offset) {
    return ByteVector.fromMemorySegment(B, data, offset, LE);
  }

  /** Byte lanes (read as signed) widened to floats. */
  static FloatVector toFloat(ByteVector v) {
    return (FloatVector) v.convertShape(VectorOperators.B2F, F, 0);
  }

  /** {@link #L} f32 values at {@code offset}. */
  static FloatVector f32(MemorySegment data, long offset) {
    return FloatVector.fromMemorySegment(F, data, offset, LE);
  }

  /**
   * {@link #L} f16 values at {@code offset}. The JDK 25 Vector API has no half-float conversion, so
   * the bits are moved into an f32: sign to bit 31, exponent and mantissa shifted up by 13, then a
   * multiply by 2^112 re-biases the exponent (15 → 127). That is exact for every finite half,
   * subnormals included (they land on f32 subnormals, which the multiply scales exactly); infinities
   * and NaNs, which weights do not hold, come out as large finite values.
   */
  static FloatVector f16(MemorySegment data, long offset) {
    ShortVector h = ShortVector.fromMemorySegment(S, data, offset, LE);
    IntVector i = (IntVector) h.convertShape(VectorOperators.S2I, I, 0);
    IntVector bits = i.and(0x8000_0000).or(i.and(0x7fff).lanewise(VectorOperators.LSHL, 13));
    return bits.reinterpretAsFloats().mul(0x1p112f);
  }

  /** {@link #L} bf16 values at {@code offset}: the top halves of f32s. */
  static FloatVector bf16(MemorySegment data, long offset) {
    ShortVector h = ShortVector.fromMemorySegment(S, data, offset, LE);
    IntVector i = (IntVector) h.convertShape(VectorOperators.S2I, I, 0);
    return i.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
  }

  /** {@link #L} floats of {@code x} from {@code offset}. */
  static FloatVector x(float[] x, int offset) {
    return FloatVector.fromArray(F, x, offset);
  }

  /**
   * {@code v << n} per byte, for bytes whose top {@code n} bits are clear. x86 has no byte-lane
   * shift (a ByteVector shift becomes a widen/shift/narrow sequence), so this shifts 16-bit lanes,
   * which is the same when no bit crosses into the next byte.
   */
  static ByteVector shlClear(ByteVector v, int n) {
    return v.reinterpretAsShorts().lanewise(VectorOperators.LSHL, n).reinterpretAsBytes();
  }

  /**
   * {@code v >>> n} per byte (unsigned), for bytes whose low {@code n} bits are clear, as {@link
   * #shlClear}.
   */
  static ByteVector shrClear(ByteVector v, int n) {
    return v.reinterpretAsShorts().lanewise(VectorOperators.LSHR, n).reinterpretAsBytes();
  }

  /** The high nibble of each byte: {@code (v >>> 4) & 0xF} via a 16-bit shift. */
  static ByteVector highNibble(ByteVector v) {
    return v.reinterpretAsShorts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes().and((byte) 0xF);
  }
}
