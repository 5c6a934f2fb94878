package dev.tether.engine.gguf;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An open, memory-mapped GGUF file: its validated {@link GgufHeader} and zero-copy views of its
 * tensors. The mapping lives in a shared arena, so tensor segments may be read from any thread until
 * {@link #close()}, after which touching them throws {@link IllegalStateException}.
 */
public final class GgufFile implements AutoCloseable {
  private final Arena arena;
  private final MemorySegment mapping;
  private final GgufHeader header;

  private GgufFile(Arena arena, MemorySegment mapping, GgufHeader header) {
    this.arena = arena;
    this.mapping = mapping;
    this.header = header;
  }

  /**
   * Maps and validates a GGUF file.
   *
   * @throws GgufFormatException if the file is not valid GGUF
   * @throws IOException if the file cannot be read or mapped
   */
  public static GgufFile open(Path path) throws IOException {
    Arena arena = Arena.ofShared();
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      MemorySegment mapping = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
      GgufHeader header = GgufReader.read(mapping, path.toString(), path, key -> true);
      return new GgufFile(arena, mapping, header);
    } catch (IOException | RuntimeException e) {
      arena.close();
      throw e;
    }
  }

  /** The validated header. */
  public GgufHeader header() {
    return header;
  }

  /** The typed metadata; see {@link ModelMetadata#from}. */
  public ModelMetadata metadata() {
    return ModelMetadata.from(header);
  }

  /** The data of a tensor: a read-only slice of the mapping, {@link GgufTensorInfo#byteSize()} long. */
  public MemorySegment tensorData(GgufTensorInfo tensor) {
    if (header.tensor(tensor.name()).filter(tensor::equals).isEmpty()) {
      throw new IllegalArgumentException("not a tensor of " + header.file() + ": " + tensor);
    }
    return mapping.asSlice(header.dataOffset() + tensor.offset(), tensor.byteSize());
  }

  /**
   * The data of the tensor with this name.
   *
   * @throws IllegalArgumentException if the file has no such tensor
   */
  public MemorySegment tensorData(String name) {
    return tensorData(
        header
            .tensor(name)
            .orElseThrow(() -> new IllegalArgumentException(header.file() + " has no tensor " + name)));
  }

  /** Unmaps the file; segments obtained from it become inaccessible. */
  @Override
  public void close() {
    arena.close();
  }
}
