package dev.tether.engine.tensor;

import dev.tether.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A 2-D weight tensor as GGUF stores it: {@code rows} rows of {@code cols} values each, every row a
 * run of whole blocks of {@code type} (ggml's {@code ne[0]} is {@code cols}, {@code ne[1]} is
 * {@code rows}). The data stays in the mapped file; nothing is copied or dequantised up front.
 *
 * @param name the tensor's name, for messages
 * @param type the block format
 * @param rows output dimension
 * @param cols input dimension; a multiple of the type's block size
 * @param data exactly {@code rows × rowBytes()} bytes
 */
public record WeightMatrix(String name, GgmlType type, int rows, int cols, MemorySegment data) {

  public WeightMatrix {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
    if (rows <= 0 || cols <= 0 || cols % type.blockSize() != 0) {
      throw new IllegalArgumentException(
          name + ": " + rows + "×" + cols + " is not a whole number of " + type + " blocks per row");
    }
    if (data.byteSize() != (long) rows * (cols / type.blockSize()) * type.typeSize()) {
      throw new IllegalArgumentException(name + ": " + data.byteSize() + " bytes do not hold "
          + rows + "×" + cols + " " + type);
    }
  }

  /** Bytes per row. */
  public long rowBytes() {
    return (long) (cols / type.blockSize()) * type.typeSize();
  }
}
