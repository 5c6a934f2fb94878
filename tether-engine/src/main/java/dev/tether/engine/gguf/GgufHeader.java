package dev.tether.engine.gguf;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Everything in a GGUF file before the tensor data: version, metadata, tensor table, alignment and
 * where the data section starts. Validated on reading (see {@link GgufReader}); holds no reference to
 * the file, so it stays usable after the file is closed.
 *
 * <p>The typed getters ({@link #string}, {@link #integer}, …) return empty for an absent key and
 * throw a {@link GgufFormatException} pointing at the value when the key holds another type.
 */
public final class GgufHeader {
  /** The key of the data alignment. */
  public static final String ALIGNMENT_KEY = "general.alignment";

  /** The alignment when the file does not set {@value #ALIGNMENT_KEY}. */
  public static final int DEFAULT_ALIGNMENT = 32;

  /** The large tokenizer arrays, which model discovery does not need. */
  public static final Set<String> VOCABULARY_KEYS =
      Set.of(
          "tokenizer.ggml.tokens",
          "tokenizer.ggml.scores",
          "tokenizer.ggml.token_type",
          "tokenizer.ggml.merges");

  /**
   * For {@link #read(Path, Predicate)}: keeps everything but {@link #VOCABULARY_KEYS}, so the header
   * of a model with a 150,000-token vocabulary reads in about a millisecond and a few kilobytes.
   */
  public static final Predicate<String> WITHOUT_VOCABULARY = key -> !VOCABULARY_KEYS.contains(key);

  private final Path path;
  private final String file;
  private final int version;
  private final Map<String, GgufValue> metadata;
  private final Map<String, Long> valueOffsets;
  private final List<GgufTensorInfo> tensors;
  private final Map<String, GgufTensorInfo> tensorsByName;
  private final int alignment;
  private final long dataOffset;
  private final long fileSize;

  GgufHeader(
      Path path,
      String file,
      int version,
      Map<String, GgufValue> metadata,
      Map<String, Long> valueOffsets,
      List<GgufTensorInfo> tensors,
      int alignment,
      long dataOffset,
      long fileSize) {
    this.path = path;
    this.file = file;
    this.version = version;
    this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    this.valueOffsets = Map.copyOf(valueOffsets);
    this.tensors = List.copyOf(tensors);
    Map<String, GgufTensorInfo> byName = new LinkedHashMap<>();
    for (GgufTensorInfo t : tensors) {
      byName.put(t.name(), t);
    }
    this.tensorsByName = Collections.unmodifiableMap(byName);
    this.alignment = alignment;
    this.dataOffset = dataOffset;
    this.fileSize = fileSize;
  }

  /**
   * Reads and validates the header of a GGUF file, decoding every metadata value.
   *
   * @throws GgufFormatException if the file is not valid GGUF
   * @throws IOException if the file cannot be read
   */
  public static GgufHeader read(Path path) throws IOException {
    return read(path, key -> true);
  }

  /**
   * Reads and validates the header of a GGUF file, decoding only the metadata values whose key {@code
   * keep} accepts (the others are still validated). {@code read(path, WITHOUT_VOCABULARY)} is what
   * model discovery wants.
   *
   * @throws GgufFormatException if the file is not valid GGUF
   * @throws IOException if the file cannot be read
   */
  public static GgufHeader read(Path path, Predicate<String> keep) throws IOException {
    try (Arena arena = Arena.ofConfined();
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      MemorySegment data = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
      return GgufReader.read(data, path.toString(), path, keep);
    }
  }

  /**
   * Parses a header from bytes in memory (tests, and files that arrive over the network).
   *
   * @param name what to call the bytes in error messages
   * @throws GgufFormatException if the bytes are not valid GGUF
   */
  public static GgufHeader parse(MemorySegment bytes, String name) {
    return GgufReader.read(bytes, name, null, key -> true);
  }

  /** The file read, or {@code null} when parsed from memory. */
  public Path path() {
    return path;
  }

  /** The file's name as used in error messages. */
  public String file() {
    return file;
  }

  /** The format version, 2 or 3. */
  public int version() {
    return version;
  }

  /** All decoded metadata in file order, unmodifiable. */
  public Map<String, GgufValue> metadata() {
    return metadata;
  }

  /** The tensor table in file order. */
  public List<GgufTensorInfo> tensors() {
    return tensors;
  }

  /** The tensor with this name. */
  public Optional<GgufTensorInfo> tensor(String name) {
    return Optional.ofNullable(tensorsByName.get(name));
  }

  /** The data alignment in bytes: {@value #ALIGNMENT_KEY}, or 32. */
  public int alignment() {
    return alignment;
  }

  /** The file offset of the data section, where tensor offsets count from. */
  public long dataOffset() {
    return dataOffset;
  }

  /** The file's size in bytes. */
  public long fileSize() {
    return fileSize;
  }

  /** The number of values in all tensors: the model's parameter count. */
  public long parameterCount() {
    long n = 0;
    for (GgufTensorInfo t : tensors) {
      n += t.elementCount();
    }
    return n;
  }

  /** The value of a key. */
  public Optional<GgufValue> get(String key) {
    return Optional.ofNullable(metadata.get(key));
  }

  /** A string value; throws if the key holds another type. */
  public Optional<String> string(String key) {
    return switch (metadata.get(key)) {
      case null -> Optional.empty();
      case GgufValue.StringValue s -> Optional.of(s.value());
      case GgufValue v -> throw wrongType(key, v, "a STRING");
    };
  }

  /** An integer value of any integer type; throws if the key holds another type. */
  public OptionalLong integer(String key) {
    return switch (metadata.get(key)) {
      case null -> OptionalLong.empty();
      case GgufValue.IntValue i -> OptionalLong.of(i.value());
      case GgufValue v -> throw wrongType(key, v, "an integer");
    };
  }

  /** A float or integer value as a double; throws if the key holds another type. */
  public OptionalDouble real(String key) {
    return switch (metadata.get(key)) {
      case null -> OptionalDouble.empty();
      case GgufValue.FloatValue f -> OptionalDouble.of(f.value());
      case GgufValue.IntValue i -> OptionalDouble.of(i.value());
      case GgufValue v -> throw wrongType(key, v, "a number");
    };
  }

  /** A bool value; throws if the key holds another type. */
  public Optional<Boolean> bool(String key) {
    return switch (metadata.get(key)) {
      case null -> Optional.empty();
      case GgufValue.BoolValue b -> Optional.of(b.value());
      case GgufValue v -> throw wrongType(key, v, "a BOOL");
    };
  }

  /** An array value; throws if the key holds another type. */
  public Optional<GgufValue.ArrayValue> array(String key) {
    return switch (metadata.get(key)) {
      case null -> Optional.empty();
      case GgufValue.ArrayValue a -> Optional.of(a);
      case GgufValue v -> throw wrongType(key, v, "an ARRAY");
    };
  }

  /** The file offset of a key's value (its type field), or -1 when the key is absent. */
  public long offsetOf(String key) {
    Long at = valueOffsets.get(key);
    return at != null ? at : -1;
  }

  /** A format exception about the value of {@code key}, pointing at its offset. */
  public GgufFormatException error(String key, String problem) {
    return new GgufFormatException(file, Math.max(0, offsetOf(key)), problem);
  }

  private GgufFormatException wrongType(String key, GgufValue v, String wanted) {
    String got =
        v instanceof GgufValue.ArrayValue a ? "an ARRAY of " + a.elementType() : "a " + v.type();
    return error(key, "'" + key + "' is " + got + ", expected " + wanted);
  }

  @Override
  public String toString() {
    return "GGUF v" + version + " " + file + ": " + metadata.size() + " metadata entries, "
        + tensors.size() + " tensors, data at " + dataOffset;
  }
}
