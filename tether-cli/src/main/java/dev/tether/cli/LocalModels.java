package dev.tether.cli;

import dev.tether.cli.config.Config;
import dev.tether.cli.config.Schema;
import dev.tether.cli.config.Units;
import dev.tether.cli.models.ModelDiscovery;
import dev.tether.cli.models.ModelEntry;
import dev.tether.engine.gguf.GgufFormatException;
import dev.tether.engine.runtime.EngineOptions;
import dev.tether.engine.runtime.InferenceEngine;
import dev.tether.engine.runtime.LoadProgress;
import dev.tether.engine.runtime.ModelLoadException;
import dev.tether.engine.tensor.Kernels;
import dev.tether.gateway.backend.local.LocalBackend;
import dev.tether.gateway.backend.local.LocalBackendOptions;
import dev.tether.gateway.backend.local.PrefillListener;
import dev.tether.gateway.backend.local.SamplingDefaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Models run in-process: which file a {@code --model} names, the engine options the configuration
 * asks for, and loading with progress, every failure turned into one line for the user.
 */
final class LocalModels {
  /** Loads an engine; {@link InferenceEngine#load} except in tests. */
  @FunctionalInterface
  interface EngineLoader {
    InferenceEngine load(Path file, EngineOptions options, LoadProgress progress) throws IOException, ModelLoadException;
  }

  /** The loader in use; tests put a scripted engine here. */
  static volatile EngineLoader loader = InferenceEngine::load;

  private LocalModels() {}

  /** Whether a model spec names a file rather than a model name. */
  static boolean isFile(String spec) {
    return spec.toLowerCase(Locale.ROOT).endsWith(".gguf") || (!spec.isBlank() && Files.isRegularFile(Path.of(spec)));
  }

  /**
   * The model file {@code spec} names: a {@code .gguf} path, or (when {@code byName}) a model found
   * on disk. Empty when the spec is blank, or a name and not {@code byName}.
   *
   * @throws UserError when the file is missing or unreadable, or no model has that name
   */
  static Optional<ModelEntry> resolve(String spec, TetherHome home, Config config, boolean byName) {
    if (spec.isBlank()) {
      return Optional.empty();
    }
    if (isFile(spec)) {
      return Optional.of(describe(Path.of(spec.replaceFirst("^~(?=/|$)", System.getProperty("user.home")))));
    }
    if (!byName) {
      return Optional.empty();
    }
    List<ModelEntry> found = ModelsCommand.discover(home, config);
    ModelEntry entry = ModelDiscovery.find(found, spec).orElseThrow(() -> new UserError("no model named '" + spec + "'"
        + (found.isEmpty() ? "; none were found (see tether models)" : "; found: "
            + String.join(", ", found.stream().map(ModelEntry::name).toList()))
        + ". Give a .gguf file, or --upstream URL to use a server such as Ollama."));
    if (entry.path() == null) {
      throw new UserError("model '" + entry.name() + "' has no local file to run");
    }
    return Optional.of(checked(entry));
  }

  /** A model file described by its header, or a one-line error. */
  static ModelEntry describe(Path file) {
    if (!Files.exists(file)) {
      throw new UserError("model file not found: " + file.toAbsolutePath());
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new UserError("cannot read the model file " + file.toAbsolutePath());
    }
    return checked(ModelDiscovery.describe(file));
  }

  private static ModelEntry checked(ModelEntry entry) {
    if (entry.problem() != null) {
      throw new UserError("cannot load " + entry.path() + ": " + entry.problem());
    }
    return entry;
  }

  /** The engine options of the configuration; the context is the model's own capped by --max-context. */
  static EngineOptions options(Config config, TetherHome home, ModelEntry model) {
    int threads = config.integer(Schema.MODEL_THREADS);
    if (threads < 0) {
      throw new UserError("--threads must be 0 (one per core) or more, not " + threads);
    }
    int slots = config.integer(Schema.MODEL_KV_SLOTS);
    if (slots < 1) {
      throw new UserError("--kv-slots must be at least 1, not " + slots);
    }
    int cap = config.tokens(Schema.MODEL_MAX_CONTEXT);
    int own = model.contextLength();
    int context = own > 0 && cap > 0 ? Math.min(own, cap) : Math.max(own, cap);
    long diskCache = config.bytes(Schema.MODEL_DISK_CACHE);
    String dir = config.string(Schema.MODEL_CACHE_DIR);
    Path cacheDir = dir.isBlank() ? home.root().resolve("cache")
        : Path.of(dir.replaceFirst("^~(?=/|$)", System.getProperty("user.home")));
    return new EngineOptions(threads == 0 ? Runtime.getRuntime().availableProcessors() : threads, context, slots,
        config.bytes(Schema.MODEL_MEMORY_CAP), diskCache > 0 ? Optional.of(cacheDir) : Optional.empty(), diskCache,
        Kernels.Mode.VECTOR);
  }

  /**
   * Loads a model with a progress bar (or line) on stderr.
   *
   * @throws UserError for every failure the user can act on: a corrupt file (named with the offset),
   *     an unsupported architecture or tensor type, a model that does not fit the memory cap
   */
  static InferenceEngine load(ModelEntry model, EngineOptions options, ConsoleProgress progress) {
    try {
      return loader.load(model.path(), options, progress.load(model.name()));
    } catch (ModelLoadException e) {
      throw new UserError("cannot load " + model.path() + ": " + e.getMessage());
    } catch (GgufFormatException e) {
      throw new UserError(e.getMessage());
    } catch (IOException e) {
      throw new UserError("cannot read " + model.path() + ": " + e.getMessage());
    } catch (UnsupportedOperationException e) {
      throw new UserError("running models in-process is not in this build yet: serve " + model.path()
          + " with llama-server and use --upstream http://localhost:8080/v1");
    }
  }

  /** The local backend over a loaded model. */
  static LocalBackend backend(Config config, InferenceEngine engine, ModelEntry model, PrefillListener prefill) {
    int depth = config.integer(Schema.MODEL_QUEUE_DEPTH);
    if (depth < 0) {
      throw new UserError("--queue-depth must be 0 or more, not " + depth);
    }
    return new LocalBackend(engine, new LocalBackendOptions("local", model.name(), depth, SamplingDefaults.STANDARD,
        prefill));
  }

  /** Resolves, loads and wraps a model: what serve and the launcher share. */
  static LocalBackend open(Config config, TetherHome home, ModelEntry model, boolean prefillProgress) {
    EngineOptions options = options(config, home, model);
    ConsoleProgress progress = ConsoleProgress.stderr();
    InferenceEngine engine = load(model, options, progress);
    try {
      return backend(config, engine, model, prefillProgress ? progress.prefill() : PrefillListener.NONE);
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  /** A short description of what is served, for the startup summary. */
  static String describe(LocalBackend backend) {
    InferenceEngine engine = backend.engine();
    return "local (" + engine.file().getFileName() + ", context " + Units.formatTokens(engine.contextLength()) + ")";
  }
}
