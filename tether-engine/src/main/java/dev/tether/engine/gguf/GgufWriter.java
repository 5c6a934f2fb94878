package dev.tether.engine.gguf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes GGUF files (version 3 by default, or 2) with any metadata and tensors. It is the basis of
 * the engine's tests, which cannot download real models, and of {@code tether model make-tiny}.
 *
 * <pre>{@code
 * new GgufWriter()
 *     .put("general.architecture", GgufValue.string("llama"))
 *     .put("llama.context_length", GgufValue.uint32(4096))
 *     .addTensor("output_norm.weight", new long[] {64}, new float[64])
 *     .write(path);
 * }</pre>
 *
 * <p>Metadata is written in insertion order, then the tensor infos, then the tensor data, each
 * tensor starting at a multiple of the alignment ({@value GgufHeader#ALIGNMENT_KEY} if put, else 32).
 * Not thread-safe.
 */
public final class GgufWriter {
  private record Tensor(String name, long[] dims, GgmlType type, long size, TensorData data) {}

  /**
   * A tensor's bytes, produced when the file is written rather than held in memory, so a writer
   * can describe a model larger than the heap (one tensor, or one chunk of one, at a time).
   */
  @FunctionalInterface
  public interface TensorData {
    /** Writes exactly the tensor's byte size, in the type's layout. */
    void writeTo(OutputStream out) throws IOException;
  }

  private int version = 3;
  private final Map<String, GgufValue> metadata = new LinkedHashMap<>();
  private final Map<String, Tensor> tensors = new LinkedHashMap<>();

  /** Sets the version written, 2 or 3 (their little-endian layouts are identical). */
  public GgufWriter version(int version) {
    if (version != 2 && version != 3) {
      throw new IllegalArgumentException("GGUF version must be 2 or 3, not " + version);
    }
    this.version = version;
    return this;
  }

  /**
   * Adds or replaces a metadata entry; a replaced entry keeps its place.
   *
   * @throws IllegalArgumentException for {@value GgufHeader#ALIGNMENT_KEY} that is not a UINT32 power
   *     of two
   */
  public GgufWriter put(String key, GgufValue value) {
    if (key.getBytes(StandardCharsets.UTF_8).length > 65_535) {
      throw new IllegalArgumentException("metadata keys are at most 65535 bytes");
    }
    if (key.equals(GgufHeader.ALIGNMENT_KEY)
        && !(value instanceof GgufValue.IntValue(GgufType t, long a)
            && t == GgufType.UINT32
            && a > 0
            && Long.bitCount(a) == 1)) {
      throw new IllegalArgumentException(key + " must be a UINT32 power of two: " + value);
    }
    metadata.put(key, value);
    return this;
  }

  /** Removes a metadata entry if present. */
  public GgufWriter remove(String key) {
    metadata.remove(key);
    return this;
  }

  /** The metadata put so far, in order, unmodifiable. */
  public Map<String, GgufValue> metadata() {
    return java.util.Collections.unmodifiableMap(metadata);
  }

  /**
   * Adds a tensor with raw data already in the given type's layout.
   *
   * @param dims the shape in ggml order (innermost first)
   * @throws IllegalArgumentException if the name is taken, or the data size does not match shape
   *     and type
   */
  public GgufWriter addTensor(String name, GgmlType type, long[] dims, byte[] data) {
    if (tensors.containsKey(name)) {
      throw new IllegalArgumentException("duplicate tensor name " + name);
    }
    GgufTensorInfo info = new GgufTensorInfo(name, dims, type, 0); // validates the shape
    if (info.byteSize() != data.length) {
      throw new IllegalArgumentException(
          name + ": " + type + " " + java.util.Arrays.toString(dims) + " takes " + info.byteSize()
              + " bytes, not " + data.length);
    }
    byte[] copy = data.clone();
    tensors.put(name, new Tensor(name, dims.clone(), type, copy.length, out -> out.write(copy)));
    return this;
  }

  /**
   * Adds a tensor whose bytes {@code data} writes when the file is written (it must write exactly
   * the byte size of {@code type} and {@code dims}, which {@link #writeTo} checks).
   */
  public GgufWriter addTensor(String name, GgmlType type, long[] dims, TensorData data) {
    if (tensors.containsKey(name)) {
      throw new IllegalArgumentException("duplicate tensor name " + name);
    }
    GgufTensorInfo info = new GgufTensorInfo(name, dims, type, 0); // validates the shape
    tensors.put(name, new Tensor(name, dims.clone(), type, info.byteSize(), java.util.Objects.requireNonNull(data)));
    return this;
  }

  /** Adds an F32 tensor. */
  public GgufWriter addTensor(String name, long[] dims, float[] values) {
    return addTensor(name, GgmlType.F32, dims, values);
  }

  /**
   * Adds a tensor from float values, converting them to {@code type}: F32, F16 (round to nearest
   * even) or BF16 (round to nearest even, as ggml's {@code ggml_fp32_to_bf16}).
   *
   * @throws IllegalArgumentException for other types (the writer does not quantise) or a count that
   *     does not match the shape
   */
  public GgufWriter addTensor(String name, GgmlType type, long[] dims, float[] values) {
    ByteBuffer out =
        ByteBuffer.allocate(values.length * (type == GgmlType.F32 ? 4 : 2))
            .order(ByteOrder.LITTLE_ENDIAN);
    switch (type) {
      case F32 -> {
        for (float v : values) {
          out.putFloat(v);
        }
      }
      case F16 -> {
        for (float v : values) {
          out.putShort(Float.floatToFloat16(v));
        }
      }
      case BF16 -> {
        for (float v : values) {
          out.putShort(toBf16(v));
        }
      }
      default -> throw new IllegalArgumentException("cannot convert floats to " + type);
    }
    return addTensor(name, type, dims, out.array());
  }

  /** Writes the file, replacing any existing one. */
  public void write(Path path) throws IOException {
    try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(path), 1 << 20)) {
      writeTo(out);
    }
  }

  /** The file's bytes. */
  public byte[] toByteArray() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writeTo(out);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out.toByteArray();
  }

  /** Writes the file to a stream. */
  public void writeTo(OutputStream out) throws IOException {
    int alignment =
        metadata.get(GgufHeader.ALIGNMENT_KEY) instanceof GgufValue.IntValue a
            ? (int) a.value()
            : GgufHeader.DEFAULT_ALIGNMENT;
    Encoder header = new Encoder();
    header.bytes(new byte[] {'G', 'G', 'U', 'F'});
    header.u32(version);
    header.u64(tensors.size());
    header.u64(metadata.size());
    for (Map.Entry<String, GgufValue> e : metadata.entrySet()) {
      header.string(e.getKey());
      header.u32(e.getValue().type().id());
      header.value(e.getValue());
    }
    List<Long> offsets = new ArrayList<>();
    long offset = 0;
    for (Tensor t : tensors.values()) {
      header.string(t.name);
      header.u32(t.dims.length);
      for (long d : t.dims) {
        header.u64(d);
      }
      header.u32(t.type.id());
      header.u64(offset);
      offsets.add(offset);
      offset = GgufReader.align(offset + t.size, alignment);
    }
    long dataStart = GgufReader.align(header.size(), alignment);
    header.zeros(dataStart - header.size());
    header.writeTo(out);
    long written = 0;
    for (Tensor t : tensors.values()) {
      CountingStream counted = new CountingStream(out);
      t.data.writeTo(counted);
      if (counted.count != t.size) {
        throw new IllegalStateException(t.name + ": wrote " + counted.count + " bytes, not " + t.size);
      }
      written += t.size;
      long padded = GgufReader.align(written, alignment);
      out.write(new byte[(int) (padded - written)]);
      written = padded;
    }
    assert written == offset;
  }

  /** Counts what a tensor writes, to catch a {@link TensorData} of the wrong size. */
  private static final class CountingStream extends java.io.FilterOutputStream {
    long count;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    @Override
    public void close() {}
  }

  private static short toBf16(float v) {
    int bits = Float.floatToRawIntBits(v);
    if ((bits & 0x7fffffff) > 0x7f800000) {
      return (short) ((bits >>> 16) | 64); // quiet NaN
    }
    return (short) ((bits + (0x7fff + ((bits >>> 16) & 1))) >>> 16);
  }

  /** A little-endian byte sink for the header. */
  private static final class Encoder {
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

    long size() {
      return buf.size();
    }

    void bytes(byte[] b) {
      buf.writeBytes(b);
    }

    void zeros(long n) {
      buf.writeBytes(new byte[(int) n]);
    }

    void u8(long v) {
      buf.write((int) v);
    }

    void u16(long v) {
      buf.write(scratch.clear().putShort((short) v).array(), 0, 2);
    }

    void u32(long v) {
      buf.write(scratch.clear().putInt((int) v).array(), 0, 4);
    }

    void u64(long v) {
      buf.write(scratch.clear().putLong(v).array(), 0, 8);
    }

    void string(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      u64(b.length);
      buf.writeBytes(b);
    }

    void value(GgufValue v) {
      switch (v) {
        case GgufValue.IntValue(GgufType t, long x) -> {
          switch (t.minSize()) {
            case 1 -> u8(x);
            case 2 -> u16(x);
            case 4 -> u32(x);
            default -> u64(x);
          }
        }
        case GgufValue.FloatValue(GgufType t, double x) -> {
          if (t == GgufType.FLOAT32) {
            u32(Float.floatToRawIntBits((float) x));
          } else {
            u64(Double.doubleToRawLongBits(x));
          }
        }
        case GgufValue.BoolValue(boolean b) -> u8(b ? 1 : 0);
        case GgufValue.StringValue(String s) -> string(s);
        case GgufValue.ArrayValue a -> {
          u32(a.elementType().id());
          u64(a.size());
          for (GgufValue e : a.elements()) {
            value(e);
          }
        }
      }
    }

    void writeTo(OutputStream out) throws IOException {
      buf.writeTo(out);
    }
  }
}
