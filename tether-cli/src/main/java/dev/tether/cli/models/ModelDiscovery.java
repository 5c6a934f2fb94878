package dev.tether.cli.models;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.api.json.Json;
import dev.tether.engine.gguf.GgufFormatException;
import dev.tether.engine.gguf.GgufHeader;
import dev.tether.engine.gguf.ModelMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds GGUF models in the stores and describes each from its header alone (no tensor data is
 * read, the vocabulary is skipped), so hundreds of files take well under a second. A file whose
 * header is corrupt is listed with the problem rather than hidden.
 */
public final class ModelDiscovery {
  private static final Pattern SHARD = Pattern.compile("(.*)-(\\d{5})-of-(\\d{5})\\.gguf", Pattern.CASE_INSENSITIVE);
  private static final String OLLAMA_MODEL_LAYER = "application/vnd.ollama.image.model";
  private static final String OLLAMA_DEFAULT_REGISTRY = "registry.ollama.ai";

  private ModelDiscovery() {}

  /** A file to describe and the name it is listed under. */
  private record Candidate(String name, Path path, ModelSource source, long sizeBytes) {}

  /** Every model in the stores, sorted by source then name; the same file is listed once. */
  public static List<ModelEntry> discover(ModelStores stores) {
    List<Candidate> candidates = new ArrayList<>();
    for (ModelStores.Store store : stores.stores()) {
      if (!Files.isDirectory(store.root())) {
        continue;
      }
      try {
        candidates.addAll(switch (store.source()) {
          case OLLAMA -> ollama(store.root());
          case HUGGING_FACE -> huggingFace(store.root());
          case TETHER, LM_STUDIO, LLAMA_CPP, BACKEND -> files(store.root(), store.source(), 5);
        });
      } catch (IOException | RuntimeException e) {
        // An unreadable store is skipped; the others still count.
      }
    }
    Set<Path> seen = new HashSet<>();
    List<Candidate> unique = new ArrayList<>();
    for (Candidate c : candidates) {
      if (seen.add(realPath(c.path()))) {
        unique.add(c);
      }
    }
    return unique.parallelStream().map(ModelDiscovery::describe)
        .sorted(Comparator.comparing(ModelEntry::source).thenComparing(ModelEntry::name))
        .toList();
  }

  /** Describes one GGUF file (a {@code --model FILE.gguf}). */
  public static ModelEntry describe(Path file) {
    return describe(new Candidate(stem(file.getFileName().toString()), file, ModelSource.TETHER, shardSize(file)));
  }

  /**
   * The model {@code wanted} names: an exact name, a path to a file, or a case-insensitive part of
   * exactly one name.
   */
  public static Optional<ModelEntry> find(List<ModelEntry> models, String wanted) {
    for (ModelEntry m : models) {
      if (m.name().equals(wanted)) {
        return Optional.of(m);
      }
    }
    String lower = wanted.toLowerCase(Locale.ROOT);
    List<ModelEntry> partial = models.stream().filter(m -> m.name().toLowerCase(Locale.ROOT).contains(lower)).toList();
    return partial.size() == 1 ? Optional.of(partial.getFirst()) : Optional.empty();
  }

  private static ModelEntry describe(Candidate c) {
    try {
      GgufHeader header = GgufHeader.read(c.path(), GgufHeader.WITHOUT_VOCABULARY);
      ModelMetadata meta = ModelMetadata.from(header);
      return new ModelEntry(c.name(), c.path(), c.source(), meta.architecture(), header.parameterCount(),
          meta.fileTypeName().orElse(""), c.sizeBytes(), meta.contextLength().orElse(0), null);
    } catch (GgufFormatException e) {
      return new ModelEntry(c.name(), c.path(), c.source(), "", 0, "", c.sizeBytes(), 0, e.getMessage());
    } catch (IOException | RuntimeException e) {
      return new ModelEntry(c.name(), c.path(), c.source(), "", 0, "", c.sizeBytes(), 0,
          "cannot read " + c.path() + ": " + e.getMessage());
    }
  }

  /** Plain {@code .gguf} files under a root, named by their path below it without the extension. */
  private static List<Candidate> files(Path root, ModelSource source, int depth) throws IOException {
    List<Candidate> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root, depth)) {
      walk.filter(p -> isModelFile(p.getFileName().toString()) && Files.isRegularFile(p)).forEach(p -> {
        String relative = root.relativize(p).toString().replace('\\', '/');
        out.add(new Candidate(stem(relative), p, source, shardSize(p)));
      });
    }
    return out;
  }

  /**
   * Ollama: {@code manifests/REGISTRY/NAMESPACE/MODEL/TAG} JSON files whose model layer's digest
   * names a blob {@code blobs/sha256-HEX}. Listed as Ollama names them: {@code MODEL:TAG} for the
   * default library, else {@code NAMESPACE/MODEL:TAG} (with the registry when not the default).
   */
  private static List<Candidate> ollama(Path root) throws IOException {
    Path manifests = root.resolve("manifests");
    List<Candidate> out = new ArrayList<>();
    if (!Files.isDirectory(manifests)) {
      return out;
    }
    try (Stream<Path> walk = Files.walk(manifests, 4)) {
      for (Path manifest : walk.filter(Files::isRegularFile).toList()) {
        Path rel = manifests.relativize(manifest);
        if (rel.getNameCount() != 4) {
          continue;
        }
        try {
          JsonNode json = Json.MAPPER.readTree(manifest.toFile());
          for (JsonNode layer : json.path("layers")) {
            if (OLLAMA_MODEL_LAYER.equals(layer.path("mediaType").asText())) {
              Path blob = root.resolve("blobs").resolve(layer.path("digest").asText().replace(':', '-'));
              if (Files.isRegularFile(blob)) {
                out.add(new Candidate(ollamaName(rel), blob, ModelSource.OLLAMA, Files.size(blob)));
              }
            }
          }
        } catch (IOException e) {
          // Not a manifest we understand.
        }
      }
    }
    return out;
  }

  private static String ollamaName(Path rel) {
    String registry = rel.getName(0).toString();
    String namespace = rel.getName(1).toString();
    String model = rel.getName(2).toString() + ":" + rel.getName(3);
    if (!registry.equals(OLLAMA_DEFAULT_REGISTRY)) {
      return registry + "/" + namespace + "/" + model;
    }
    return namespace.equals("library") ? model : namespace + "/" + model;
  }

  /**
   * The Hugging Face hub cache: {@code models--ORG--REPO/snapshots/REVISION/FILE.gguf} (links into
   * {@code blobs/}), listed as {@code ORG/REPO:FILE}.
   */
  private static List<Candidate> huggingFace(Path root) throws IOException {
    List<Candidate> out = new ArrayList<>();
    try (Stream<Path> repos = Files.list(root)) {
      for (Path repo : repos.filter(p -> p.getFileName().toString().startsWith("models--")).toList()) {
        Path snapshots = repo.resolve("snapshots");
        if (!Files.isDirectory(snapshots)) {
          continue;
        }
        String repoName = repo.getFileName().toString().substring("models--".length()).replace("--", "/");
        for (Candidate c : files(snapshots, ModelSource.HUGGING_FACE, 4)) {
          String inRevision = c.name().substring(c.name().indexOf('/') + 1);
          out.add(new Candidate(repoName + ":" + inRevision, c.path(), c.source(), c.sizeBytes()));
        }
      }
    }
    return out;
  }

  /** A {@code .gguf} that is a model: not a vision projector, and the first shard of a split one. */
  private static boolean isModelFile(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (!lower.endsWith(".gguf") || lower.startsWith(".") || lower.contains("mmproj")) {
      return false;
    }
    Matcher shard = SHARD.matcher(name);
    return !shard.matches() || Integer.parseInt(shard.group(2)) == 1;
  }

  /** The bytes of a file, or of all shards of a split model given its first. */
  private static long shardSize(Path file) {
    try {
      Matcher shard = SHARD.matcher(file.getFileName().toString());
      if (!shard.matches()) {
        return Files.size(file);
      }
      long total = 0;
      int count = Integer.parseInt(shard.group(3));
      for (int i = 1; i <= count; i++) {
        Path part = file.resolveSibling(String.format(Locale.ROOT, "%s-%05d-of-%s.gguf", shard.group(1), i, shard.group(3)));
        if (Files.isRegularFile(part)) {
          total += Files.size(part);
        }
      }
      return total;
    } catch (IOException e) {
      return 0;
    }
  }

  private static String stem(String name) {
    Matcher shard = SHARD.matcher(name);
    if (shard.matches()) {
      return shard.group(1);
    }
    return name.toLowerCase(Locale.ROOT).endsWith(".gguf") ? name.substring(0, name.length() - 5) : name;
  }

  private static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath();
    }
  }
}
