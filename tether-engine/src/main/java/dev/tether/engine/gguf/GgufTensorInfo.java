package dev.tether.engine.gguf;

import java.util.Arrays;
import java.util.Objects;

/**
 * One entry of a GGUF file's tensor table.
 *
 * @param name the tensor's name, e.g. {@code blk.0.attn_q.weight}
 * @param dims the shape in ggml order: {@code dims[0]} is the innermost (contiguous) dimension, so a
 *     weight matrix {@code W} used as {@code y = W x} with {@code x} of length {@code n_in} has
 *     {@code dims = {n_in, n_out}}; 1 to 4 entries
 * @param type how the values are stored
 * @param offset where the data starts, relative to the file's data section ({@link
 *     GgufHeader#dataOffset()}); a multiple of the file's alignment
 */
public record GgufTensorInfo(String name, long[] dims, GgmlType type, long offset) {
  /** The most dimensions a ggml tensor has ({@code GGML_MAX_DIMS}). */
  public static final int MAX_DIMS = 4;

  /** Validates the fields and copies the shape. */
  public GgufTensorInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    dims = dims.clone();
    if (dims.length < 1 || dims.length > MAX_DIMS) {
      throw new IllegalArgumentException(name + ": a tensor has 1 to 4 dimensions, not " + dims.length);
    }
    long count = 1;
    for (long d : dims) {
      if (d < 0) {
        throw new IllegalArgumentException(name + ": negative dimension " + d);
      }
      count = Math.multiplyExact(count, d);
    }
    if (dims[0] % type.blockSize() != 0) {
      throw new IllegalArgumentException(
          name + ": first dimension " + dims[0] + " is not a multiple of the " + type + " block size "
              + type.blockSize());
    }
    type.byteSize(count); // throws if the byte size overflows
    if (offset < 0) {
      throw new IllegalArgumentException(name + ": negative offset " + offset);
    }
  }

  /** A copy of the shape. */
  @Override
  public long[] dims() {
    return dims.clone();
  }

  /** One dimension; {@code i} beyond the stored dimensions is 1, as in ggml. */
  public long dim(int i) {
    return i < dims.length ? dims[i] : 1;
  }

  /** The number of dimensions. */
  public int rank() {
    return dims.length;
  }

  /** The number of values. */
  public long elementCount() {
    long count = 1;
    for (long d : dims) {
      count *= d;
    }
    return count;
  }

  /** The bytes the data takes in the file. */
  public long byteSize() {
    return type.byteSize(elementCount());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GgufTensorInfo t
        && name.equals(t.name)
        && Arrays.equals(dims, t.dims)
        && type == t.type
        && offset == t.offset;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, Arrays.hashCode(dims), type, offset);
  }

  @Override
  public String toString() {
    return name + " " + type + " " + Arrays.toString(dims) + " @" + offset;
  }
}
