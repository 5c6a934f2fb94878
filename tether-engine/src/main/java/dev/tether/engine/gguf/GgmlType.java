package dev.tether.engine.gguf;

/**
 * The ggml tensor types a GGUF file may store, with the ids {@code enum ggml_type} gives them and the
 * block layout that fixes a tensor's byte size: {@link #blockSize()} elements are stored in {@link
 * #typeSize()} bytes. Ids 4, 5 and 31 to 33, 36 to 38 belong to types ggml has removed; files using
 * them are rejected.
 *
 * <p>Sizes follow the block structs of {@code ggml-common.h} (for example {@code block_q4_K}: two
 * {@code f16} scales, 12 bytes of 6-bit sub-block scales and 128 bytes of 4-bit quants = 144 bytes
 * per 256 weights).
 */
public enum GgmlType {
  F32(0, 1, 4),
  F16(1, 1, 2),
  Q4_0(2, 32, 18),
  Q4_1(3, 32, 20),
  Q5_0(6, 32, 22),
  Q5_1(7, 32, 24),
  Q8_0(8, 32, 34),
  Q8_1(9, 32, 36),
  Q2_K(10, 256, 84),
  Q3_K(11, 256, 110),
  Q4_K(12, 256, 144),
  Q5_K(13, 256, 176),
  Q6_K(14, 256, 210),
  Q8_K(15, 256, 292),
  IQ2_XXS(16, 256, 66),
  IQ2_XS(17, 256, 74),
  IQ3_XXS(18, 256, 98),
  IQ1_S(19, 256, 50),
  IQ4_NL(20, 32, 18),
  IQ3_S(21, 256, 110),
  IQ2_S(22, 256, 82),
  IQ4_XS(23, 256, 136),
  I8(24, 1, 1),
  I16(25, 1, 2),
  I32(26, 1, 4),
  I64(27, 1, 8),
  F64(28, 1, 8),
  IQ1_M(29, 256, 56),
  BF16(30, 1, 2),
  TQ1_0(34, 256, 54),
  TQ2_0(35, 256, 66),
  MXFP4(39, 32, 17);

  private static final GgmlType[] BY_ID = new GgmlType[40];

  static {
    for (GgmlType t : values()) {
      BY_ID[t.id] = t;
    }
  }

  private final int id;
  private final int blockSize;
  private final int typeSize;

  GgmlType(int id, int blockSize, int typeSize) {
    this.id = id;
    this.blockSize = blockSize;
    this.typeSize = typeSize;
  }

  /** The id written in files. */
  public int id() {
    return id;
  }

  /** Elements per block; a tensor's first dimension must be a multiple of it. */
  public int blockSize() {
    return blockSize;
  }

  /** Bytes per block. */
  public int typeSize() {
    return typeSize;
  }

  /** Whether the values are stored in blocks with shared scales (everything but plain numbers). */
  public boolean isQuantized() {
    return blockSize > 1;
  }

  /**
   * The bytes that {@code elements} values of this type take.
   *
   * @throws IllegalArgumentException if the count is negative or not a whole number of blocks
   * @throws ArithmeticException if the size does not fit in a {@code long}
   */
  public long byteSize(long elements) {
    if (elements < 0 || elements % blockSize != 0) {
      throw new IllegalArgumentException(
          elements + " elements is not a whole number of " + this + " blocks of " + blockSize);
    }
    return Math.multiplyExact(elements / blockSize, (long) typeSize);
  }

  /** The type with this id, or {@code null} for an unknown or removed id. */
  public static GgmlType byId(long id) {
    return id >= 0 && id < BY_ID.length ? BY_ID[(int) id] : null;
  }
}
