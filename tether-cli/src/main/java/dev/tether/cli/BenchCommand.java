package dev.tether.cli;

import dev.tether.api.json.Json;
import dev.tether.cli.config.Config;
import dev.tether.cli.models.ModelEntry;
import dev.tether.engine.runtime.EngineOptions;
import dev.tether.engine.runtime.InferenceEngine;
import dev.tether.engine.tensor.Kernels;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tether bench …}: benchmarks. With {@code --model FILE}, the in-process engine on that model
 * ({@link ModelBench}); the subcommands measure the gateway and the control plane.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {"Benchmarks. With --model: prompt tokens/s (pp), generation tokens/s (tg) and time to first"
        + " token, cold and with a cached prefix, of a .gguf model run in-process.",
        "The subcommands measure the gateway and the control plane as ratios against a baseline measured in the same run."},
    footer = {"", "Examples:", "  tether bench --model qwen2.5-0.5b-q8_0.gguf --prompt 512 --gen 128",
        "  tether bench --model llama-3.2-1b-q4_k_m.gguf --threads 8 --json",
        "  tether bench --model qwen2.5-0.5b-q8_0.gguf --prompt 20000 --gen 16 --restart"},
    subcommands = {BenchGatewayCommand.class, BenchControlCommand.class})
final class BenchCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = {"--model", "-m"}, paramLabel = "FILE", description = "The .gguf model to measure (or a name from `tether models`).")
  String model;

  @Option(names = "--prompt", paramLabel = "N", defaultValue = "512", description = "Prompt tokens (default: ${DEFAULT-VALUE}).")
  int prompt;

  @Option(names = "--gen", paramLabel = "N", defaultValue = "128", description = "Generated tokens (default: ${DEFAULT-VALUE}).")
  int gen;

  @Option(names = "--threads", paramLabel = "N", description = "Threads (default: one per core).")
  Integer threads;

  @Option(names = "--json", description = "Print one JSON object: pp_tps, tg_tps, ttft_cold_ms, ttft_cached_ms, ….")
  boolean json;

  @Option(
      names = "--restart",
      description = "Also measure the time to first token after a restart: the prompt's prefix is saved to a"
          + " temporary disk cache, the model is loaded again, and the prompt is sent once more.")
  boolean restart;

  @Override
  public Integer call() {
    if (model == null) {
      spec.commandLine().usage(spec.commandLine().getOut());
      return 0;
    }
    if (prompt < 1 || gen < 1) {
      throw new UserError("--prompt and --gen must be at least 1");
    }
    if (threads != null && threads < 1) {
      throw new UserError("--threads must be at least 1, not " + threads);
    }
    TetherHome home = TetherHome.fromEnvironment().ensure();
    Config config = dev.tether.cli.config.ConfigLoader.load(home.config(), System.getenv(), Map.of());
    ModelEntry entry = LocalModels.resolve(model, home, config, true).orElseThrow();
    int needed = prompt + ModelBench.CACHED_EXTRA + gen;
    if (entry.contextLength() > 0 && needed > entry.contextLength()) {
      throw new UserError("--prompt " + prompt + " + --gen " + gen + " (+" + ModelBench.CACHED_EXTRA
          + " for the cached run) exceed the context of " + entry.name() + " (" + entry.contextLength() + " tokens)");
    }
    int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    // The cold run must be cold: no disk cache, or (--restart) an empty one of its own. Two slots:
    // the warm-up must not evict the prompt.
    Optional<Path> cacheDir = Optional.empty();
    try {
      if (restart) {
        cacheDir = Optional.of(Files.createTempDirectory("tether-bench-cache"));
      }
    } catch (IOException e) {
      throw new UserError("cannot create a temporary cache directory: " + e.getMessage());
    }
    EngineOptions options = new EngineOptions(n, needed, 2, 0, cacheDir, 16L << 30, Kernels.Mode.VECTOR);
    PrintWriter out = spec.commandLine().getOut();
    try {
      ModelBench.Result r;
      try (InferenceEngine engine = LocalModels.load(entry, options, progress())) {
        r = ModelBench.run(engine, prompt, gen, n);
      }
      if (restart) {
        // Closing the engine waited for the prefix to be written; a new one starts with empty slots.
        try (InferenceEngine engine = LocalModels.load(entry, options, progress())) {
          r = ModelBench.restart(engine, r, prompt);
        }
      }
      if (json) {
        out.println(Json.write(r));
      } else {
        out.printf(Locale.ROOT, "%s · %d threads · prompt %d tokens · generated %d%n", r.model(), r.threads(),
            r.promptTokens(), r.genTokens());
        out.printf(Locale.ROOT, "  pp  %10.1f tokens/s%n", r.ppTps());
        out.printf(Locale.ROOT, "  tg  %10.1f tokens/s%n", r.tgTps());
        out.printf(Locale.ROOT, "  time to first token: %.1f ms cold, %.1f ms with %d of %d tokens cached%n",
            r.ttftColdMs(), r.ttftCachedMs(), r.cachedTokens(), r.promptTokens() + ModelBench.CACHED_EXTRA);
        if (r.ttftRestartMs() != null) {
          out.printf(Locale.ROOT, "  after a restart: %.1f ms with %d tokens loaded from the disk cache%n",
              r.ttftRestartMs(), r.restartCachedTokens());
        }
      }
      out.flush();
    } finally {
      cacheDir.ifPresent(BenchCommand::deleteQuietly);
    }
    return 0;
  }

  private ConsoleProgress progress() {
    return json ? new ConsoleProgress(System.err, false) : ConsoleProgress.stderr();
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      System.err.println("tether: could not delete " + dir + ": " + e.getMessage());
    }
  }
}
