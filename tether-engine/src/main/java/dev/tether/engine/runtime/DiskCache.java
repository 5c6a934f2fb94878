package dev.tether.engine.runtime;

import dev.tether.engine.model.KvCache;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Saved prompt prefixes on disk, so the first request after a restart does not prefill a long
 * system prompt again. A prefix is saved at a length that is a multiple of {@link #ALIGN} tokens (so
 * later prompts that share it, whatever follows, find it), in a file named by the model's identity
 * (path, size, modification time) and a SHA-256 of the tokens. A file holds its tokens (checked
 * against the prompt on load), the F16 keys and values, and a CRC32; a file that fails any check is
 * deleted and ignored. Oldest files (by last use) are deleted when the directory exceeds its cap.
 */
final class DiskCache {
  /**
   * Saved prefixes are multiples of this many tokens: after a restart at most this many (plus the
   * new turn) are prefilled again; 64 keeps that to a fraction of a second at 4K-token prompts.
   */
  static final int ALIGN = 64;
  /** Shorter prompts are not worth a file. */
  static final int MIN_TOKENS = 512;

  private static final System.Logger LOG = System.getLogger(DiskCache.class.getName());
  private static final int MAGIC = 0x3156_4b54; // "TKV1" little-endian
  private static final String SUFFIX = ".kv";

  private final Path dir;
  private final String modelKey;
  private final long capBytes;
  private final int layers;
  private final int kvDim;

  DiskCache(Path dir, Path model, long capBytes, int layers, int kvDim) throws IOException {
    this.dir = dir;
    this.capBytes = capBytes;
    this.layers = layers;
    this.kvDim = kvDim;
    Path real = model.toAbsolutePath().normalize();
    this.modelKey = hex(sha256(real + "\n" + Files.size(real) + "\n"
        + Files.getLastModifiedTime(real).toMillis() + "\n" + layers + "x" + kvDim)).substring(0, 16);
  }

  /** The prefix length that a prompt of {@code n} tokens is saved at (0: not saved). */
  static int saveLength(int n) {
    int len = (n - 1) / ALIGN * ALIGN;
    return len >= MIN_TOKENS ? len : 0;
  }

  /** The file for a prefix. */
  Path file(int[] tokens, int n) {
    return file(prefixHash(tokens, n));
  }

  private Path file(byte[] prefixHash) {
    return dir.resolve(modelKey + "-" + hex(prefixHash).substring(0, 40) + SUFFIX);
  }

  /**
   * Restores into {@code cache} the longest saved prefix of {@code prompt} of at most {@code
   * maxLength} and more than {@code minLength} tokens; returns its length, or 0 when none was found.
   */
  int load(int[] prompt, int minLength, int maxLength, KvCache cache) {
    int top = Math.min(maxLength, prompt.length - 1) / ALIGN * ALIGN;
    if (top <= minLength || top < MIN_TOKENS) {
      return 0;
    }
    byte[][] hashes = prefixHashes(prompt, top);
    for (int n = top; n > minLength && n >= MIN_TOKENS; n -= ALIGN) {
      Path f = file(hashes[n / ALIGN]);
      if (!Files.isRegularFile(f)) {
        continue;
      }
      try {
        read(f, prompt, n, cache);
        Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis()));
        return n;
      } catch (IOException | RuntimeException e) {
        // read() checks everything before touching the cache, so the slot is unchanged
        LOG.log(Level.WARNING, "ignoring corrupt KV cache file " + f + ": " + e.getMessage());
        deleteQuietly(f);
      }
    }
    return 0;
  }

  /**
   * The hashes of {@code tokens[0 … k·ALIGN)} for every {@code k ≤ top / ALIGN} in one pass over the
   * tokens (a long prompt has hundreds of candidate lengths).
   */
  private static byte[][] prefixHashes(int[] tokens, int top) {
    byte[][] out = new byte[top / ALIGN + 1][];
    MessageDigest md = digest();
    ByteBuffer chunk = buffer(4L * ALIGN);
    for (int k = 1; k <= top / ALIGN; k++) {
      chunk.clear();
      chunk.asIntBuffer().put(tokens, (k - 1) * ALIGN, ALIGN);
      md.update(chunk);
      try {
        out[k] = ((MessageDigest) md.clone()).digest();
      } catch (CloneNotSupportedException e) {
        throw new IllegalStateException("SHA-256 digests can be cloned", e);
      }
    }
    return out;
  }

  /** Saves the first {@code n} positions of {@code cache} (holding {@code tokens}) unless saved. */
  void save(int[] tokens, int n, KvCache cache) {
    Path f = file(tokens, n);
    if (Files.exists(f)) {
      return;
    }
    Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
    try {
      Files.createDirectories(dir);
      write(tmp, tokens, n, cache);
      Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      evict();
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "could not save KV cache file " + f + ": " + e.getMessage());
      deleteQuietly(tmp);
    }
  }

  private void write(Path f, int[] tokens, int n, KvCache cache) throws IOException {
    CRC32 crc = new CRC32();
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer head = buffer(16 + 4L * n);
      head.putInt(MAGIC).putInt(layers).putInt(kvDim).putInt(n);
      head.asIntBuffer().put(tokens, 0, n);
      head.position(16 + 4 * n).flip();
      emit(ch, head, crc);
      ByteBuffer buf = buffer(1 << 20);
      for (int l = 0; l < layers; l++) {
        for (boolean k : new boolean[] {true, false}) {
          short[] data = cache.export(l, k, n);
          for (int off = 0; off < data.length; off += buf.capacity() / 2) {
            int len = Math.min(buf.capacity() / 2, data.length - off);
            buf.clear();
            buf.asShortBuffer().put(data, off, len);
            buf.limit(2 * len);
            emit(ch, buf, crc);
          }
        }
      }
      ByteBuffer tail = buffer(8).putLong(crc.getValue()).flip();
      while (tail.hasRemaining()) {
        ch.write(tail);
      }
    }
  }

  private void read(Path f, int[] prompt, int n, KvCache cache) throws IOException {
    long expected = 16 + 4L * n + 2L * 2 * layers * n * kvDim + 8;
    if (Files.size(f) != expected) {
      throw new IOException("size " + Files.size(f) + ", expected " + expected);
    }
    CRC32 crc = new CRC32();
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
      ByteBuffer head = take(ch, 16 + 4 * n, crc);
      if (head.getInt() != MAGIC || head.getInt() != layers || head.getInt() != kvDim || head.getInt() != n) {
        throw new IOException("header does not match");
      }
      for (int i = 0; i < n; i++) {
        if (head.getInt() != prompt[i]) {
          throw new IOException("tokens do not match (hash collision?)");
        }
      }
      short[][] keys = new short[layers][];
      short[][] values = new short[layers][];
      for (int l = 0; l < layers; l++) {
        keys[l] = shorts(ch, n * kvDim, crc);
        values[l] = shorts(ch, n * kvDim, crc);
      }
      long stored = take(ch, 8, null).getLong();
      if (stored != crc.getValue()) {
        throw new IOException("checksum mismatch");
      }
      cache.restore(n, keys, values);
    }
  }

  private static short[] shorts(FileChannel ch, int count, CRC32 crc) throws IOException {
    short[] out = new short[count];
    int chunk = 1 << 19;
    for (int off = 0; off < count; off += chunk) {
      int len = Math.min(chunk, count - off);
      take(ch, 2 * len, crc).asShortBuffer().get(out, off, len);
    }
    return out;
  }

  private static ByteBuffer take(FileChannel ch, int bytes, CRC32 crc) throws IOException {
    ByteBuffer b = buffer(bytes);
    while (b.hasRemaining()) {
      if (ch.read(b) < 0) {
        throw new IOException("truncated");
      }
    }
    b.flip();
    if (crc != null) {
      crc.update(b.duplicate());
    }
    return b;
  }

  private static void emit(FileChannel ch, ByteBuffer b, CRC32 crc) throws IOException {
    crc.update(b.duplicate());
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  private static ByteBuffer buffer(long bytes) {
    return ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Deletes the least recently used files until the directory fits the cap. */
  void evict() throws IOException {
    record Entry(Path path, long size, long time) {}
    List<Entry> entries = new ArrayList<>();
    long total = 0;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path p : ds) {
        long size = Files.size(p);
        entries.add(new Entry(p, size, Files.getLastModifiedTime(p).toMillis()));
        total += size;
      }
    }
    entries.sort(java.util.Comparator.comparingLong(Entry::time));
    for (Entry e : entries) {
      if (total <= capBytes) {
        break;
      }
      deleteQuietly(e.path());
      total -= e.size();
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // best effort: a file we cannot delete is retried at the next eviction
    }
  }

  private static byte[] prefixHash(int[] tokens, int n) {
    MessageDigest md = digest();
    ByteBuffer b = buffer(4L * n);
    b.asIntBuffer().put(tokens, 0, n);
    md.update(b);
    return md.digest();
  }

  private static byte[] sha256(String s) {
    return digest().digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  /** Where saved prefixes would be read, for tests. */
  Optional<Path> directory() {
    return Optional.of(dir);
  }
}
