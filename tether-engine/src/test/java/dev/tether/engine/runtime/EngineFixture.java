package dev.tether.engine.runtime;

import dev.tether.engine.tensor.Kernels;
import dev.tether.engine.tiny.TinyModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Tiny models and engines for the runtime tests. */
final class EngineFixture {
  private EngineFixture() {}

  /** A tiny llama with 2 layers, F32, context 2048. */
  static Path tinyModel(Path dir) throws IOException {
    return TinyModel.builder().contextLength(2048).build().write(dir.resolve("tiny.gguf"));
  }

  static EngineOptions options(int slots, Optional<Path> cacheDir) {
    return new EngineOptions(2, 0, slots, 0, cacheDir, 1L << 30, Kernels.Mode.SCALAR);
  }

  static LocalEngine load(Path model, EngineOptions o) throws Exception {
    return (LocalEngine) InferenceEngine.load(model, o, LoadProgress.NONE);
  }

  /** {@code n} random token ids below 256 (plain byte tokens of the tiny vocabularies). */
  static int[] tokens(int n, long seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed); // java.util.Random: near seeds, equal first values
    int[] t = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = r.nextInt(256);
    }
    return t;
  }

  /** The result and the tokens of a greedy generation. */
  record Run(GenerationResult result, int[] tokens) {}

  static Run greedy(InferenceEngine engine, int[] prompt, int maxTokens) {
    var out = new java.util.ArrayList<Integer>();
    GenerationResult r = engine.generate(
        new GenerationRequest(prompt, Sampling.greedy(), maxTokens, null, null), t -> out.add(t));
    return new Run(r, out.stream().mapToInt(Integer::intValue).toArray());
  }
}
