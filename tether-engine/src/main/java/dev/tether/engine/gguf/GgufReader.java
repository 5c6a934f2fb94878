package dev.tether.engine.gguf;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Parses the header of a GGUF file held in a memory segment: magic, version, counts, metadata and
 * tensor table, then the data section's offset. Every read is bounds-checked first, and every count
 * is checked against the bytes that remain before anything is allocated for it, so a file of n bytes
 * costs O(n) time and memory whatever it claims.
 *
 * <p>Layout (ggml docs/gguf.md): {@code "GGUF"}, {@code uint32 version}, {@code uint64
 * tensor_count}, {@code uint64 metadata_kv_count}, the key/value pairs, the tensor infos ({@code
 * string name, uint32 n_dims, uint64 dims[n_dims], uint32 type, uint64 offset}), padding to {@code
 * general.alignment}, the tensor data.
 */
final class GgufReader {
  private static final ValueLayout.OfShort U16 =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfInt U32 =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfLong U64 =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final int MAGIC = 0x46554747; // "GGUF" read as a little-endian uint32
  /** The spec limits keys to 65535 bytes. */
  private static final int MAX_KEY_BYTES = 65_535;
  /** Deeper nesting than any real file uses; the limit keeps a hostile file from exhausting the stack. */
  static final int MAX_ARRAY_DEPTH = 8;
  /**
   * The most elements a metadata array may have. Counts are first checked against the bytes left, but
   * a UINT8 element takes one byte in the file and eight in a {@code long[]}; this cap keeps a large
   * hostile file from turning into gigabytes of heap. Real vocabularies have under a million entries.
   */
  static final int MAX_ARRAY_ELEMENTS = 1 << 24;
  /** The smallest tensor info: empty name (8), n_dims (4), one dim (8), type (4), offset (8). */
  private static final int MIN_TENSOR_INFO_BYTES = 32;

  private final MemorySegment data;
  private final String file;
  private final long size;
  private long pos;

  private GgufReader(MemorySegment data, String file) {
    this.data = data;
    this.file = file;
    this.size = data.byteSize();
  }

  /**
   * Parses the header.
   *
   * @param keep which metadata keys to decode; the values of others are validated and skipped
   */
  static GgufHeader read(
      MemorySegment data, String file, java.nio.file.Path path, Predicate<String> keep) {
    return new GgufReader(data, file).header(path, keep);
  }

  private GgufHeader header(java.nio.file.Path path, Predicate<String> keep) {
    need(4, "the magic number");
    if (data.get(U32, 0) != MAGIC) {
      throw error(0, "not a GGUF file: the magic number is " + hex(data.get(U32, 0)) + ", not \"GGUF\"");
    }
    pos = 4;
    long versionAt = pos;
    long version = u32("the version");
    if (version != 2 && version != 3) {
      String why =
          version == 1
              ? "GGUF version 1 is not supported (convert the file with a current llama.cpp)"
              : (version & 0xFFFF) == 0 && Integer.reverseBytes((int) version) <= 3
                  ? "big-endian GGUF files are not supported"
                  : "unsupported GGUF version " + version + " (2 and 3 are supported)";
      throw error(versionAt, why);
    }
    long tensorCountAt = pos;
    long tensorCount = u64("the tensor count");
    long kvCountAt = pos;
    long kvCount = u64("the metadata count");
    checkCount(kvCountAt, kvCount, 8 + 4 + 1, "metadata entries");

    Map<String, GgufValue> metadata = new LinkedHashMap<>();
    Map<String, Long> offsets = new HashMap<>();
    for (long i = 0; i < kvCount; i++) {
      long keyAt = pos;
      String key = string("metadata key " + i, MAX_KEY_BYTES);
      if (offsets.containsKey(key)) {
        throw error(keyAt, "duplicate metadata key '" + key + "'");
      }
      long valueAt = pos;
      offsets.put(key, valueAt);
      GgufType type = valueType("the value of '" + key + "'");
      if (keep.test(key)) {
        metadata.put(key, value(type, "the value of '" + key + "'", key, 0));
      } else {
        skip(type, "the value of '" + key + "'", key, 0);
      }
    }

    int alignment = GgufHeader.DEFAULT_ALIGNMENT;
    if (offsets.containsKey(GgufHeader.ALIGNMENT_KEY)) {
      long at = offsets.get(GgufHeader.ALIGNMENT_KEY);
      GgufValue v = metadata.get(GgufHeader.ALIGNMENT_KEY);
      if (!(v instanceof GgufValue.IntValue(GgufType t, long a)) || t != GgufType.UINT32) {
        throw error(at, GgufHeader.ALIGNMENT_KEY + " must be a UINT32");
      }
      if (a == 0 || Long.bitCount(a) != 1 || a > 1 << 30) {
        throw error(at, GgufHeader.ALIGNMENT_KEY + " must be a power of two, not " + a);
      }
      alignment = (int) a;
    }

    checkCount(tensorCountAt, tensorCount, MIN_TENSOR_INFO_BYTES, "tensor infos");
    List<GgufTensorInfo> tensors = new ArrayList<>(); // grows with what is really there
    Map<String, Long> tensorAt = new HashMap<>();
    for (long i = 0; i < tensorCount; i++) {
      long at = pos;
      GgufTensorInfo t = tensorInfo(i, alignment);
      if (tensorAt.putIfAbsent(t.name(), at) != null) {
        throw error(at, "duplicate tensor name '" + t.name() + "'");
      }
      tensors.add(t);
    }

    long dataOffset = align(pos, alignment);
    checkTensorData(tensors, tensorAt, dataOffset);
    return new GgufHeader(
        path, file, (int) version, metadata, offsets, tensors, alignment, dataOffset, size);
  }

  private GgufTensorInfo tensorInfo(long index, int alignment) {
    long nameAt = pos;
    String name = string("the name of tensor " + index, MAX_KEY_BYTES);
    String what = "tensor '" + name + "'";
    long dimsAt = pos;
    long nDims = u32("the dimension count of " + what);
    if (nDims < 1 || nDims > GgufTensorInfo.MAX_DIMS) {
      throw error(dimsAt, what + " has " + nDims + " dimensions; 1 to 4 are allowed");
    }
    long[] dims = new long[(int) nDims];
    long count = 1;
    for (int d = 0; d < nDims; d++) {
      long at = pos;
      dims[d] = u64("dimension " + d + " of " + what);
      if (dims[d] < 0) {
        throw error(at, what + " has dimension " + Long.toUnsignedString(dims[d]));
      }
      try {
        count = Math.multiplyExact(count, dims[d]);
      } catch (ArithmeticException e) {
        throw error(at, "the element count of " + what + " overflows 64 bits");
      }
    }
    long typeAt = pos;
    long typeId = u32("the type of " + what);
    GgmlType type = GgmlType.byId(typeId);
    if (type == null) {
      throw error(typeAt, what + " has unknown or removed ggml type " + typeId);
    }
    if (dims[0] % type.blockSize() != 0) {
      throw error(
          dimsAt,
          what + " has first dimension " + dims[0] + ", not a multiple of the " + type
              + " block size " + type.blockSize());
    }
    try {
      type.byteSize(count);
    } catch (ArithmeticException e) {
      throw error(dimsAt, "the byte size of " + what + " overflows 64 bits");
    }
    long offsetAt = pos;
    long offset = u64("the data offset of " + what);
    if (offset < 0 || offset % alignment != 0) {
      throw error(
          offsetAt,
          what + " has data offset " + Long.toUnsignedString(offset) + ", not a multiple of the alignment "
              + alignment);
    }
    assert nameAt < pos;
    return new GgufTensorInfo(name, dims, type, offset);
  }

  /** Every tensor's bytes lie inside the file, and no two tensors overlap. */
  private void checkTensorData(List<GgufTensorInfo> tensors, Map<String, Long> at, long dataOffset) {
    if (tensors.isEmpty()) {
      return;
    }
    if (dataOffset > size) {
      throw error(size, "the file ends before its data section, which starts at " + dataOffset);
    }
    long room = size - dataOffset;
    GgufTensorInfo[] byOffset = tensors.toArray(GgufTensorInfo[]::new);
    Arrays.sort(byOffset, Comparator.comparingLong(GgufTensorInfo::offset));
    long previousEnd = 0;
    String previous = null;
    for (GgufTensorInfo t : byOffset) {
      long bytes = t.byteSize();
      if (t.offset() > room || bytes > room - t.offset()) {
        throw error(
            at.get(t.name()),
            "the data of tensor '" + t.name() + "' (" + bytes + " bytes at data offset " + t.offset()
                + ") extends past the end of the file (" + size + " bytes, data section from "
                + dataOffset + ")");
      }
      if (t.offset() < previousEnd) {
        throw error(
            at.get(t.name()),
            "the data of tensor '" + t.name() + "' overlaps that of tensor '" + previous + "'");
      }
      previousEnd = t.offset() + bytes;
      previous = t.name();
    }
  }

  private GgufType valueType(String what) {
    long at = pos;
    long id = u32("the type of " + what);
    GgufType type = GgufType.byId(id);
    if (type == null) {
      throw error(at, "unknown value type " + id + " for " + what);
    }
    return type;
  }

  /**
   * Decodes one value.
   *
   * @param what the value, for messages ("the value of 'x'")
   * @param key the key it belongs to, for messages
   */
  private GgufValue value(GgufType type, String what, String key, int depth) {
    return switch (type) {
      case UINT8, INT8, UINT16, INT16, UINT32, INT32, UINT64, INT64 ->
          new GgufValue.IntValue(type, integer(type, what));
      case FLOAT32 -> new GgufValue.FloatValue(type, Float.intBitsToFloat((int) u32(what)));
      case FLOAT64 -> new GgufValue.FloatValue(type, Double.longBitsToDouble(u64(what)));
      case BOOL -> new GgufValue.BoolValue(bool(what));
      case STRING -> new GgufValue.StringValue(string(what, Long.MAX_VALUE));
      case ARRAY -> array(key, depth);
    };
  }

  private long integer(GgufType type, String what) {
    return switch (type) {
      case UINT8 -> Byte.toUnsignedLong(u8(what));
      case INT8 -> u8(what);
      case UINT16 -> Short.toUnsignedLong(u16(what));
      case INT16 -> u16(what);
      case UINT32 -> u32(what);
      case INT32 -> (int) u32(what);
      case UINT64, INT64 -> u64(what);
      case FLOAT32, FLOAT64, BOOL, STRING, ARRAY -> throw new AssertionError(type);
    };
  }

  private GgufValue.ArrayValue array(String key, int depth) {
    long at = pos;
    if (depth >= MAX_ARRAY_DEPTH) {
      throw error(at, "arrays nested deeper than " + MAX_ARRAY_DEPTH + " in '" + key + "'");
    }
    GgufType type = valueType("the elements of '" + key + "'");
    long countAt = pos;
    int n = arrayCount(countAt, type, key);
    String what = "an element of '" + key + "'";
    List<GgufValue> elements =
        switch (type) {
          case UINT8, INT8, UINT16, INT16, UINT32, INT32, UINT64, INT64 -> {
            long[] values = new long[n];
            for (int i = 0; i < n; i++) {
              values[i] = integer(type, what);
            }
            yield new CompactList.Longs(type, values);
          }
          case FLOAT32, FLOAT64 -> {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
              values[i] =
                  type == GgufType.FLOAT32
                      ? Float.intBitsToFloat((int) u32(what))
                      : Double.longBitsToDouble(u64(what));
            }
            yield new CompactList.Doubles(type, values);
          }
          case BOOL -> {
            boolean[] values = new boolean[n];
            for (int i = 0; i < n; i++) {
              values[i] = bool(what);
            }
            yield new CompactList.Bools(values);
          }
          case STRING -> {
            String[] values = new String[n];
            for (int i = 0; i < n; i++) {
              values[i] = string(what, Long.MAX_VALUE);
            }
            yield new CompactList.Strings(values);
          }
          case ARRAY -> {
            List<GgufValue> values = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
              values.add(array(key, depth + 1));
            }
            yield values;
          }
        };
    return new GgufValue.ArrayValue(type, elements);
  }

  /** Walks over a value without decoding it, with the same checks as {@link #value}. */
  private void skip(GgufType type, String what, String key, int depth) {
    switch (type) {
      case BOOL -> bool(what);
      case STRING -> skipBytes(u64Length(what, Long.MAX_VALUE));
      case ARRAY -> {
        if (depth >= MAX_ARRAY_DEPTH) {
          throw error(pos, "arrays nested deeper than " + MAX_ARRAY_DEPTH + " in '" + key + "'");
        }
        GgufType elementType = valueType("the elements of '" + key + "'");
        int n = arrayCount(pos, elementType, key);
        String element = "an element of '" + key + "'";
        if (elementType == GgufType.STRING || elementType == GgufType.ARRAY || elementType == GgufType.BOOL) {
          for (int i = 0; i < n; i++) {
            skip(elementType, element, key, depth + 1);
          }
        } else {
          skipBytes((long) n * elementType.minSize()); // arrayCount checked that these bytes exist
        }
      }
      case UINT8, INT8, UINT16, INT16, UINT32, INT32, FLOAT32, UINT64, INT64, FLOAT64 ->
          skipBytes(need(type.minSize(), what));
    }
  }

  private int arrayCount(long at, GgufType type, String key) {
    long n = u64("the element count of '" + key + "'");
    checkCount(at, n, type.minSize(), "elements of type " + type + " in '" + key + "'");
    if (n > MAX_ARRAY_ELEMENTS) {
      throw error(
          at, "'" + key + "' has " + n + " elements, more than the " + MAX_ARRAY_ELEMENTS + " allowed");
    }
    return (int) n;
  }

  /** Rejects a count whose smallest encoding does not fit in the bytes left. */
  private void checkCount(long at, long count, int minBytesEach, String what) {
    long remaining = size - pos;
    if (count < 0 || count > remaining / minBytesEach) {
      throw error(
          at,
          "claims " + Long.toUnsignedString(count) + " " + what + ", but only " + remaining
              + " bytes remain (at least " + minBytesEach + " needed for each)");
    }
  }

  private String string(String what, long maxBytes) {
    long n = u64Length(what, maxBytes);
    byte[] bytes = new byte[(int) n];
    MemorySegment.copy(data, ValueLayout.JAVA_BYTE, pos, bytes, 0, (int) n);
    pos += n;
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Reads a string's length and checks that the bytes are there. */
  private long u64Length(String what, long maxBytes) {
    long at = pos;
    long n = u64("the length of " + what);
    long remaining = size - pos;
    if (n < 0 || n > remaining) {
      throw error(
          at,
          "the length of " + what + " is " + Long.toUnsignedString(n) + " bytes, but only " + remaining
              + " remain");
    }
    if (n > maxBytes || n > Integer.MAX_VALUE - 8) {
      throw error(at, "the length of " + what + " is " + n + " bytes, more than the allowed " + maxBytes);
    }
    return n;
  }

  private boolean bool(String what) {
    long at = pos;
    byte b = u8(what);
    if (b != 0 && b != 1) {
      throw error(at, what + " is a BOOL of " + Byte.toUnsignedInt(b) + ", not 0 or 1");
    }
    return b == 1;
  }

  private byte u8(String what) {
    need(1, what);
    return data.get(ValueLayout.JAVA_BYTE, pos++);
  }

  private short u16(String what) {
    need(2, what);
    short v = data.get(U16, pos);
    pos += 2;
    return v;
  }

  private long u32(String what) {
    need(4, what);
    long v = Integer.toUnsignedLong(data.get(U32, pos));
    pos += 4;
    return v;
  }

  private long u64(String what) {
    need(8, what);
    long v = data.get(U64, pos);
    pos += 8;
    return v;
  }

  private long need(long bytes, String what) {
    if (bytes > size - pos) {
      throw error(
          pos,
          "the file ends in " + what + " (needs " + bytes + " bytes, " + (size - pos) + " remain)");
    }
    return bytes;
  }

  private void skipBytes(long bytes) {
    need(bytes, "a skipped value");
    pos += bytes;
  }

  static long align(long offset, long alignment) {
    return (offset + alignment - 1) / alignment * alignment;
  }

  private GgufFormatException error(long at, String problem) {
    return new GgufFormatException(file, at, problem);
  }

  private static String hex(int v) {
    return String.format("0x%08x", v);
  }
}
