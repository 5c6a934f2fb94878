package dev.tether.cli;

import dev.tether.engine.runtime.EngineOptions;
import dev.tether.engine.runtime.InferenceEngine;
import dev.tether.engine.runtime.LoadProgress;
import dev.tether.engine.runtime.ModelLoadException;
import dev.tether.engine.runtime.Perplexity;
import dev.tether.engine.tensor.Kernels;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tether perplexity}: the perplexity of a model over a text, computed as llama.cpp's
 * llama-perplexity does (chunks of {@code --ctx} tokens, second half of each scored), to judge a
 * quantisation against its original.
 */
@Command(
    name = "perplexity",
    mixinStandardHelpOptions = true,
    description = {
      "Perplexity of a GGUF model over a text file, as llama.cpp's llama-perplexity computes it:",
      "the text is cut into chunks of --ctx tokens, each evaluated from an empty context, and the",
      "second half of each chunk is scored. Prints 'perplexity: X'; lower is better."
    })
final class PerplexityCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "FILE.gguf", description = "The model.")
  Path model;

  @Option(names = "--file", required = true, paramLabel = "TEXT", description = "A UTF-8 text file.")
  Path file;

  @Option(names = "--ctx", paramLabel = "N", defaultValue = "512",
      description = "Tokens per chunk (default: ${DEFAULT-VALUE}).")
  int ctx;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
  Integer threads;

  @Override
  public Integer call() throws Exception {
    if (ctx < 4) {
      throw new UserError("--ctx must be at least 4, not " + ctx);
    }
    if (threads != null && threads < 1) {
      throw new UserError("--threads must be at least 1, not " + threads);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (NoSuchFileException e) {
      throw new UserError("no such file: " + file);
    } catch (CharacterCodingException e) {
      throw new UserError(file + " is not UTF-8 text");
    }
    var defaults = EngineOptions.defaults();
    var options = new EngineOptions(threads != null ? threads : defaults.threads(), ctx, 1, 0,
        Optional.empty(), 0, Kernels.Mode.VECTOR);
    var err = spec.commandLine().getErr();
    try (InferenceEngine engine = InferenceEngine.load(model, options, LoadProgress.NONE)) {
      if (engine.contextLength() < ctx) {
        throw new UserError("--ctx " + ctx + " exceeds the model's context of " + engine.contextLength());
      }
      Perplexity.Result r = Perplexity.compute(engine, text, ctx, (done, total, ppl) -> {
        err.printf(Locale.ROOT, "[%d/%d] %.4f%n", done, total, ppl);
        err.flush();
      });
      var out = spec.commandLine().getOut();
      out.printf(Locale.ROOT, "perplexity: %.4f%n", r.perplexity());
      out.flush();
      err.printf(Locale.ROOT, "%d chunks of %d tokens, %d tokens scored, %d in the text%n",
          r.chunks(), ctx, r.scored(), r.tokens());
      return 0;
    } catch (ModelLoadException e) {
      throw new UserError(e.getMessage());
    } catch (NoSuchFileException e) {
      throw new UserError("no such model file: " + model);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    } catch (IOException e) {
      throw new UserError("cannot read " + model + ": " + e.getMessage());
    }
  }
}
