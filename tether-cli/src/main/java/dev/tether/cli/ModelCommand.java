package dev.tether.cli;

import dev.tether.engine.gguf.GgufHeader;
import dev.tether.engine.gguf.ModelMetadata;
import dev.tether.engine.tiny.BenchmarkShape;
import dev.tether.engine.tiny.TinyModel;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tether model}: developer commands about model files. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = "Developer commands about GGUF model files.",
    subcommands = {ModelCommand.MakeTiny.class})
final class ModelCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code tether model make-tiny OUT.gguf}: writes a tiny random-weight model for tests and demos. */
  @Command(
      name = "make-tiny",
      mixinStandardHelpOptions = true,
      description =
          "Write a tiny GGUF model with seeded random weights and a small real vocabulary (for tests;"
              + " its output is meaningless).")
  static final class MakeTiny implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OUT.gguf", description = "The file to write (replaced if it exists).")
    Path out;

    @Option(names = "--arch", defaultValue = "llama", description = "llama, qwen2 or qwen3 (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(
        names = "--vocab",
        defaultValue = "gpt2",
        description = "gpt2 (byte-level BPE) or llama (SentencePiece) (default: ${DEFAULT-VALUE}).")
    String vocab;

    @Option(names = "--name", description = "general.name (default: tiny-ARCH).")
    String name;

    @Option(names = "--context-length", defaultValue = "4096", description = "Context length (default: ${DEFAULT-VALUE}).")
    int contextLength;

    @Option(
        names = "--shape",
        description = "A real model's shape with random weights, for benchmarks: llama1b (Llama-3.2-1B) or"
            + " qwen05b (Qwen2.5-0.5B); sets the architecture and vocabulary size (overrides --arch, --vocab).")
    String shape;

    @Option(
        names = "--type",
        defaultValue = "F16",
        description = "Weight format with --shape: F32, F16, BF16, Q8_0, Q4_0 or Q4_K_M (default: ${DEFAULT-VALUE}).")
    String type;

    @Override
    public Integer call() throws Exception {
      if (shape != null) {
        return writeShape();
      }
      if (!TinyModel.ARCHITECTURES.contains(arch)) {
        throw new UserError("--arch must be one of " + String.join(", ", TinyModel.ARCHITECTURES) + ", not " + arch);
      }
      if (!vocab.equals("gpt2") && !vocab.equals("llama")) {
        throw new UserError("--vocab must be gpt2 or llama, not " + vocab);
      }
      if (contextLength < 1) {
        throw new UserError("--context-length must be positive");
      }
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        throw new UserError("no such directory: " + parent);
      }
      TinyModel.builder()
          .architecture(arch)
          .sentencePiece(vocab.equals("llama"))
          .name(name)
          .contextLength(contextLength)
          .build()
          .write(out);
      return report();
    }

    private Integer writeShape() throws Exception {
      BenchmarkShape s;
      TinyModel model;
      try {
        s = BenchmarkShape.byId(shape);
        model = s.builder(type).contextLength(contextLength).build();
      } catch (IllegalArgumentException e) {
        throw new UserError("--shape/--type: " + e.getMessage());
      }
      checkParent();
      model.write(out);
      return report();
    }

    private void checkParent() {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        throw new UserError("no such directory: " + parent);
      }
    }

    private Integer report() throws Exception {
      ModelMetadata m = ModelMetadata.from(GgufHeader.read(out, GgufHeader.WITHOUT_VOCABULARY));
      PrintWriter w = spec.commandLine().getOut();
      w.printf(
          "Wrote %s (%d bytes): %s %s, %d parameters, %d tokens (%s), context %d%n",
          out, Files.size(out), m.architecture(), m.name().orElse(""), m.parameterCount(), m.vocabSize(),
          m.tokenizer().model().orElse("?"), m.contextLength().orElse(0));
      w.flush();
      return 0;
    }
  }
}
