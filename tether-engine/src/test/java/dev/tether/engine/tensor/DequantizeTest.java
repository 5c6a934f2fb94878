package dev.tether.engine.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * Hand-built blocks of every type, decoded to values worked out by hand from the block structs of
 * ggml's {@code ggml-common.h} (the expected numbers are in the comments).
 */
class DequantizeTest {

  private static final short ONE = 0x3C00; // f16 1.0
  private static final short HALF = 0x3800; // f16 0.5
  private static final short TWO = 0x4000; // f16 2.0
  private static final short QUARTER = 0x3400; // f16 0.25

  private static ByteBuffer block(GgmlType type) {
    return ByteBuffer.allocate(type.typeSize()).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static float[] decode(GgmlType type, ByteBuffer bytes) {
    float[] out = new float[type.blockSize() + 3];
    Dequantize.decode(type, MemorySegment.ofArray(bytes.array()), 0, out, 3, type.blockSize());
    return java.util.Arrays.copyOfRange(out, 3, out.length);
  }

  @Test
  void plainFloatTypesDecodeToTheirValues() {
    ByteBuffer f32 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2f);
    float[] out = new float[2];
    Dequantize.decode(GgmlType.F32, MemorySegment.ofArray(f32.array()), 0, out, 0, 2);
    assertThat(out).containsExactly(1.5f, -2f);

    ByteBuffer f16 = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN)
        .putShort((short) 0xC000).putShort((short) 0x0001).putShort(HALF);
    out = new float[3];
    Dequantize.decode(GgmlType.F16, MemorySegment.ofArray(f16.array()), 0, out, 0, 3);
    assertThat(out).containsExactly(-2f, 0x1p-24f, 0.5f); // sign, smallest subnormal, 0.5

    ByteBuffer bf16 = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
        .putShort((short) 0x3FC0).putShort((short) 0xC2F7);
    out = new float[2];
    Dequantize.decode(GgmlType.BF16, MemorySegment.ofArray(bf16.array()), 0, out, 0, 2);
    assertThat(out).containsExactly(1.5f, -123.5f); // 0x3FC00000, 0xC2F70000
  }

  @Test
  void q8_0IsTheSignedByteTimesTheScale() {
    ByteBuffer b = block(GgmlType.Q8_0).putShort(HALF);
    b.put(2, (byte) -128).put(3, (byte) -1).put(5, (byte) 1).put(33, (byte) 127);
    float[] x = decode(GgmlType.Q8_0, b);
    assertThat(x[0]).isEqualTo(-64f);
    assertThat(x[1]).isEqualTo(-0.5f);
    assertThat(x[2]).isEqualTo(0f);
    assertThat(x[3]).isEqualTo(0.5f);
    assertThat(x[31]).isEqualTo(63.5f);
  }

  @Test
  void q4_0KeepsTheFirstHalfInLowNibblesAndTheSecondInHighOnes() {
    ByteBuffer b = block(GgmlType.Q4_0).putShort(TWO);
    b.put(2, (byte) 0x1F).put(3, (byte) 0x80);
    for (int i = 2; i < 16; i++) {
      b.put(2 + i, (byte) 0x88);
    }
    float[] x = decode(GgmlType.Q4_0, b);
    assertThat(x[0]).isEqualTo(14f); // (15 − 8)·2
    assertThat(x[16]).isEqualTo(-14f); // (1 − 8)·2
    assertThat(x[1]).isEqualTo(-16f); // (0 − 8)·2
    assertThat(x[17]).isEqualTo(0f); // (8 − 8)·2
    assertThat(x[5]).isEqualTo(0f);
  }

  /** Scales and mins: sub-block 0 = (3, 2), 1 = (1, 7), 5 = (50, 21) via the packed top bits. */
  private static ByteBuffer kScales(GgmlType type) {
    ByteBuffer b = block(type).putShort(ONE).putShort(HALF);
    b.put(4, (byte) 3); // scale 0
    b.put(5, (byte) 0b11_000001); // scale 1 = 1; top bits 3 → scale 5 high bits
    b.put(8, (byte) 2); // min 0
    b.put(9, (byte) 0b01_000111); // min 1 = 7; top bits 1 → min 5 high bits
    b.put(13, (byte) 0x52); // byte 9: scale 5 low = 2, min 5 low = 5
    return b;
  }

  @Test
  void q4KUnpacksSixBitScalesAndMins() {
    ByteBuffer b = kScales(GgmlType.Q4_K);
    int qs = 16;
    b.put(qs, (byte) 0x09); // value 0: q 9 (sub-block 0); value 32: q 0 (sub-block 1)
    b.put(qs + 1, (byte) 0x40); // value 1: q 0; value 33: q 4
    b.put(qs + 64 + 3, (byte) 0xA0); // value 163 = chunk 2, high nibble (sub-block 5), q 10
    float[] x = decode(GgmlType.Q4_K, b);
    assertThat(x[0]).isEqualTo(26f); // 1·3·9 − 0.5·2
    assertThat(x[1]).isEqualTo(-1f); // 1·3·0 − 0.5·2
    assertThat(x[32]).isEqualTo(-3.5f); // 1·1·0 − 0.5·7
    assertThat(x[33]).isEqualTo(0.5f); // 1·1·4 − 0.5·7
    assertThat(x[163]).isEqualTo(489.5f); // 1·50·10 − 0.5·21
    assertThat(x[128]).isEqualTo(0f); // sub-block 4: scale 0, min 0
  }

  @Test
  void q5KAddsTheFifthBitFromQh() {
    ByteBuffer b = kScales(GgmlType.Q5_K);
    int qh = 16;
    int qs = 48;
    b.put(qs, (byte) 0x09);
    b.put(qh, (byte) 0x01); // bit 0 of qh[0]: value 0 gets +16
    b.put(qs + 64 + 3, (byte) 0xA0);
    b.put(qh + 3, (byte) 0x20); // bit 5 of qh[3]: value 163 (chunk 2, high half) gets +16
    b.put(qh + 1, (byte) 0x02); // bit 1 of qh[1]: value 33 gets +16
    float[] x = decode(GgmlType.Q5_K, b);
    assertThat(x[0]).isEqualTo(74f); // 1·3·25 − 1
    assertThat(x[163]).isEqualTo(1289.5f); // 1·50·26 − 10.5
    assertThat(x[33]).isEqualTo(12.5f); // 1·1·16 − 3.5
    assertThat(x[1]).isEqualTo(-1f);
  }

  @Test
  void q6KCombinesNibblesWithBitPairsAndSixteenValueScales() {
    ByteBuffer b = block(GgmlType.Q6_K);
    b.putShort(208, QUARTER);
    int ql = 0;
    int qh = 128;
    int sc = 192;
    b.put(sc, (byte) 2).put(sc + 1, (byte) -3).put(sc + 4, (byte) 1).put(sc + 6, (byte) 4);
    b.put(sc + 11, (byte) -1);
    b.put(ql, (byte) 0x0F).put(qh, (byte) 0b10_00_00_11);
    b.put(ql + 32, (byte) 0x70);
    b.put(ql + 17, (byte) 0x05);
    b.put(ql + 64 + 32 + 20, (byte) 0x03).put(qh + 32 + 20, (byte) 0b00_00_01_00);
    float[] x = decode(GgmlType.Q6_K, b);
    assertThat(x[0]).isEqualTo(15.5f); // 0.25·2·(63 − 32)
    assertThat(x[64]).isEqualTo(-8f); // 0.25·1·(0 − 32)
    assertThat(x[96]).isEqualTo(7f); // 0.25·4·((7 | 2 << 4) − 32)
    assertThat(x[17]).isEqualTo(20.25f); // 0.25·(−3)·(5 − 32)
    assertThat(x[128 + 32 + 20]).isEqualTo(3.25f); // 0.25·(−1)·((3 | 1 << 4) − 32)
    assertThat(x[2]).isEqualTo(-16f); // 0.25·2·(0 − 32)
  }
}
