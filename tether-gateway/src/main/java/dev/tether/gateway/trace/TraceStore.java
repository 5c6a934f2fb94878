package dev.tether.gateway.trace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.api.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The traces directory: {@code ID.json} per request (0600, in a 0700 directory) and replay results
 * under {@code replays/}. Headers that carry credentials are redacted, and anything shaped like an
 * API key or bearer token elsewhere in the file too.
 */
public final class TraceStore implements TraceSink {
  private static final Logger LOG = LoggerFactory.getLogger(TraceStore.class);
  private static final Pattern SECRET_HEADER = Pattern.compile("(?i).*(authorization|api-key|token|secret|cookie|key).*");
  /** Anthropic/OpenAI style keys and bearer tokens inside text. */
  private static final Pattern SECRET_TEXT = Pattern.compile(
      "(sk-(?:ant-)?[A-Za-z0-9_\\-]{16,})|((?i:bearer)\\s+[A-Za-z0-9._~+/=\\-]{8,})");
  public static final String REDACTED = "<redacted>";

  private final Path dir;

  public TraceStore(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  @Override
  public void record(Trace trace) {
    try {
      Map<String, List<String>> headers = new TreeMap<>();
      trace.headers().forEach((name, values) ->
          headers.put(name, SECRET_HEADER.matcher(name).matches() ? List.of(REDACTED) : values));
      Trace safe = new Trace(trace.id(), trace.time(), trace.backend(), trace.model(), trace.routedModel(), headers,
          trace.request(), trace.response(), trace.error(), trace.ttftMs(), trace.totalMs());
      write(dir.resolve(fileName(trace.id())), redact(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(safe)));
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot write trace {} under {}: {}", trace.id(), dir, e.toString());
    }
  }

  /** Writes a file privately and atomically. */
  public void write(Path file, String text) throws IOException {
    createPrivateDirectory(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), ".trace", ".tmp");
    try {
      Files.writeString(tmp, text);
      setMode(tmp, "rw-------");
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Every trace file, newest first. */
  public List<Path> list() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".json"))
          .sorted(Comparator.comparing(TraceStore::modified).reversed()).toList();
    }
  }

  /**
   * The trace whose id is {@code idOrPrefix} or starts with it.
   *
   * @throws IllegalArgumentException when none or several match (naming them)
   */
  public Path find(String idOrPrefix) throws IOException {
    List<Path> matches = new ArrayList<>();
    for (Path p : list()) {
      String id = p.getFileName().toString().replaceFirst("\\.json$", "");
      if (id.equals(idOrPrefix)) {
        return p;
      }
      if (id.startsWith(idOrPrefix)) {
        matches.add(p);
      }
    }
    if (matches.size() == 1) {
      return matches.getFirst();
    }
    throw new IllegalArgumentException(matches.isEmpty() ? "no trace '" + idOrPrefix + "' in " + dir
        : "'" + idOrPrefix + "' matches several traces: " + String.join(", ",
            matches.stream().limit(10).map(p -> p.getFileName().toString()).toList()));
  }

  public JsonNode read(Path file) throws IOException {
    return Json.MAPPER.readTree(file.toFile());
  }

  /** Deletes traces (and replays) older than {@code keep}; returns how many. */
  public int prune(Duration keep) {
    if (keep.isZero() || !Files.isDirectory(dir)) {
      return 0;
    }
    Instant cutoff = Instant.now().minus(keep);
    int deleted = 0;
    try (Stream<Path> files = Files.walk(dir, 2)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
          Files.deleteIfExists(p);
          deleted++;
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot prune traces in {}: {}", dir, e.toString());
    }
    return deleted;
  }

  static String redact(String text) {
    return SECRET_TEXT.matcher(text).replaceAll(REDACTED);
  }

  private static String fileName(String id) {
    return id.replaceAll("[^A-Za-z0-9_.-]", "_") + ".json";
  }

  private static void createPrivateDirectory(Path d) throws IOException {
    if (!Files.isDirectory(d)) {
      Files.createDirectories(d);
      setMode(d, "rwx------");
    }
  }

  private static void setMode(Path p, String mode) throws IOException {
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    } catch (UnsupportedOperationException e) {
      // Not POSIX.
    }
  }

  private static Instant modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toInstant();
    } catch (IOException e) {
      return Instant.EPOCH;
    }
  }
}
