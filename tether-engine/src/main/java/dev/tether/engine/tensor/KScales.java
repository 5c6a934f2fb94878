package dev.tether.engine.tensor;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The per-row scalar pass of the blocked K-quant matrix × vector ({@link BlockedMatvec}): unpacks
 * every block's sub-block scales once into plain floats (already multiplied by the block's d), and
 * for Q4_K folds the sub-block mins into one number per row, so the vector loop only broadcasts.
 * It reads the scale bytes of rows the vector loop reads next, which also brings them into cache.
 */
final class KScales {

  private KScales() {}

  /**
   * Q4_K row at {@code o} with {@code nb} blocks: {@code s[so + 8b + j] = d·scale_j} of block b,
   * and returns {@code Σ_b dmin·Σ_j min_j·xsum[8b + j]}, what the mins take off the row's dot.
   *
   * <p>The 12 packed bytes hold 6-bit scales and mins: bytes 0–3 scales 0–3 (low 6 bits), 4–7 mins
   * 0–3, 8–11 the low 4 bits of scales 4–7 (low nibble) and mins 4–7 (high nibble), whose top 2
   * bits are the top bits of bytes 0–3 (scales) and 4–7 (mins). Unpacked as 8 bytes in a long each,
   * four lanes at a time.
   */
  static float q4K(MemorySegment m, long o, int nb, float[] xsum, float[] s, int so) {
    FloatVector acc = FloatVector.zero(S8);
    for (int b = 0; b < nb; b++) {
      long bo = o + 144L * b;
      long lo = m.get(VectorMatvec.LONG, bo + Dequantize.K_SCALES);
      long hi = m.get(VectorMatvec.INT, bo + Dequantize.K_SCALES + 8) & 0xFFFF_FFFFL;
      long top = (lo & 0xC0C0_C0C0_C0C0_C0C0L) >>> 2;
      long sc = (lo & 0x3F3F_3F3FL) | ((hi & 0x0F0F_0F0FL) | (top & 0x3030_3030L)) << 32;
      long mn = (lo >>> 32 & 0x3F3F_3F3FL) | ((hi >>> 4 & 0x0F0F_0F0FL) | (top >>> 32)) << 32;
      float d = Dequantize.f16(m, bo);
      float dmin = Dequantize.f16(m, bo + 2);
      // Eight lanes at once: a scalar loop here was as slow as the whole vector kernel, mostly
      // its serial chain of min·xsum additions.
      eight(sc).mul(d).intoArray(s, so + 8 * b);
      acc = eight(mn).mul(FloatVector.fromArray(S8, xsum, 8 * b))
          .fma(FloatVector.broadcast(S8, dmin), acc);
    }
    return acc.reduceLanes(VectorOperators.ADD);
  }

  private static final VectorSpecies<Float> S8 = FloatVector.SPECIES_256;

  /** The eight bytes of {@code packed} (each below 128) as eight float lanes. */
  private static FloatVector eight(long packed) {
    return (FloatVector) LongVector.broadcast(LongVector.SPECIES_128, packed).reinterpretAsBytes()
        .convertShape(VectorOperators.B2F, S8, 0);
  }
}
