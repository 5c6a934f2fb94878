package dev.tether.engine.gguf;

/**
 * The type of a metadata value, as {@code gguf_metadata_value_type} in the GGUF spec numbers them.
 * Integers are little-endian; strings are a {@code uint64} byte length and UTF-8 bytes; arrays are an
 * element type, a {@code uint64} count and the elements.
 */
public enum GgufType {
  UINT8(0, 1),
  INT8(1, 1),
  UINT16(2, 2),
  INT16(3, 2),
  UINT32(4, 4),
  INT32(5, 4),
  FLOAT32(6, 4),
  BOOL(7, 1),
  /** Length-prefixed UTF-8; at least the 8-byte length. */
  STRING(8, 8),
  /** Element type, count, elements; at least the 12-byte header. */
  ARRAY(9, 12),
  UINT64(10, 8),
  INT64(11, 8),
  FLOAT64(12, 8);

  private static final GgufType[] BY_ID = values();

  private final int id;
  private final int minSize;

  GgufType(int id, int minSize) {
    this.id = id;
    this.minSize = minSize;
  }

  /** The id written in files. */
  public int id() {
    return id;
  }

  /**
   * The fewest bytes a value of this type takes in a file: its exact size for numbers and bools, the
   * length or array header for strings and arrays. The reader uses it to reject counts that cannot
   * fit in what is left of the file before it allocates anything.
   */
  public int minSize() {
    return minSize;
  }

  /** Whether this is one of the eight integer types. */
  public boolean isInteger() {
    return switch (this) {
      case UINT8, INT8, UINT16, INT16, UINT32, INT32, UINT64, INT64 -> true;
      case FLOAT32, FLOAT64, BOOL, STRING, ARRAY -> false;
    };
  }

  /** Whether this is {@link #FLOAT32} or {@link #FLOAT64}. */
  public boolean isFloat() {
    return this == FLOAT32 || this == FLOAT64;
  }

  /** The type with this id, or {@code null} when the id is not one the spec defines. */
  public static GgufType byId(long id) {
    return id >= 0 && id < BY_ID.length ? BY_ID[(int) id] : null;
  }
}
