package dev.tether.engine.runtime;

import static dev.tether.engine.runtime.EngineFixture.greedy;
import static dev.tether.engine.runtime.EngineFixture.load;
import static dev.tether.engine.runtime.EngineFixture.options;
import static dev.tether.engine.runtime.EngineFixture.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.engine.gguf.GgmlType;
import dev.tether.engine.gguf.GgufValue;
import dev.tether.engine.gguf.GgufWriter;
import dev.tether.engine.tensor.Kernels;
import dev.tether.engine.tiny.TinyModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineBehaviourTest {
  @TempDir Path dir;

  @Test
  void generationStopsAtTheModelsEndOfGenerationTokenWithoutEmittingIt() throws Exception {
    Path plain = EngineFixture.tinyModel(dir);
    int[] prompt = tokens(12, 1);
    int first;
    try (LocalEngine engine = load(plain, options(1, Optional.empty()))) {
      first = greedy(engine, prompt, 1).tokens()[0];
      assertThat(engine.tokenizer().specialTokens().isEndOfGeneration(first)).isFalse();
    }
    // The same weights with the greedy first token declared as end of sequence.
    GgufWriter w = TinyModel.builder().contextLength(2048).build().toWriter();
    w.put("tokenizer.ggml.eos_token_id", GgufValue.uint32(first));
    Path eos = dir.resolve("eos.gguf");
    w.write(eos);
    try (LocalEngine engine = load(eos, options(1, Optional.empty()))) {
      var run = greedy(engine, prompt, 10);
      assertThat(run.tokens()).isEmpty();
      assertThat(run.result().stop()).isEqualTo(GenerationResult.StopReason.END_OF_TURN);
      assertThat(run.result().generatedTokens()).isZero();
    }
  }

  @Test
  void maxTokensSinkAndContextLimitsStopGeneration() throws Exception {
    Path model = EngineFixture.tinyModel(dir);
    var small = new EngineOptions(2, 32, 1, 0, Optional.empty(), 0, Kernels.Mode.SCALAR);
    try (LocalEngine engine = load(model, small)) {
      assertThat(engine.contextLength()).isEqualTo(32);
      var max = greedy(engine, tokens(10, 2), 3);
      assertThat(max.result().stop()).isEqualTo(GenerationResult.StopReason.MAX_TOKENS);
      assertThat(max.tokens()).hasSize(3);
      List<Integer> got = new ArrayList<>();
      var stopped = engine.generate(new GenerationRequest(tokens(10, 2), Sampling.greedy(), 10, null, null),
          t -> got.add(t) && got.size() < 2);
      assertThat(stopped.stop()).isEqualTo(GenerationResult.StopReason.STOPPED);
      assertThat(stopped.generatedTokens()).isEqualTo(2);
      var full = greedy(engine, tokens(30, 3), 100);
      assertThat(full.result().stop()).isEqualTo(GenerationResult.StopReason.CONTEXT_FULL);
      assertThat(full.tokens()).hasSize(3); // positions 30 and 31 filled, the third token has no room
      assertThatThrownBy(() -> greedy(engine, tokens(32, 3), 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("does not fit the context of 32");
    }
  }

  @Test
  void cancellationStopsWithinOneTokenAndBeforePrefill() throws Exception {
    Path model = EngineFixture.tinyModel(dir);
    try (LocalEngine engine = load(model, options(1, Optional.empty()))) {
      AtomicInteger emitted = new AtomicInteger();
      var r = engine.generate(
          new GenerationRequest(tokens(10, 4), Sampling.greedy(), 50, () -> emitted.get() >= 3, null),
          t -> emitted.incrementAndGet() > 0);
      assertThat(r.stop()).isEqualTo(GenerationResult.StopReason.CANCELLED);
      assertThat(r.generatedTokens()).isEqualTo(3);
      var before = engine.generate(
          new GenerationRequest(tokens(600, 5), Sampling.greedy(), 50, () -> true, null), t -> true);
      assertThat(before.stop()).isEqualTo(GenerationResult.StopReason.CANCELLED);
      assertThat(before.generatedTokens()).isZero();
      // Cancelled after the first prefill batch: the batches done stay cached.
      AtomicInteger batches = new AtomicInteger();
      var mid = engine.generate(new GenerationRequest(tokens(600, 6), Sampling.greedy(), 5,
          () -> batches.get() >= 1, (done, total) -> batches.incrementAndGet()), t -> true);
      assertThat(mid.stop()).isEqualTo(GenerationResult.StopReason.CANCELLED);
      assertThat(greedy(engine, tokens(600, 6), 1).result().cachedTokens()).isEqualTo(LocalEngine.BATCH);
    }
  }

  @Test
  void aModelOverTheMemoryCapIsRefusedWithBothSizes() throws Exception {
    Path model = TinyModel.builder().contextLength(32768).build().write(dir.resolve("big-ctx.gguf"));
    var capped = new EngineOptions(2, 0, 4, 100L << 20, Optional.empty(), 0, Kernels.Mode.SCALAR);
    // KV: 2 layers × 32 kv width × 2 (k, v) × 2 bytes × 32768 × 4 slots = 32 MB; weights < 1 MB.
    assertThat(load(model, capped).contextLength()).isEqualTo(32768);
    var tight = new EngineOptions(2, 0, 4, 16L << 20, Optional.empty(), 0, Kernels.Mode.SCALAR);
    assertThatThrownBy(() -> load(model, tight))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageMatching("model needs 0\\.0 GB \\(weights 0\\.0 GB \\+ KV cache 0\\.0 GB for 4 × 32768 tokens\\),"
            + " over --memory-cap 0\\.0 GB");
    assertThat(LocalEngine.gb(5_583_457_485L)).isEqualTo("5.2 GB");
    assertThat(LocalEngine.gb(4L << 30)).isEqualTo("4 GB");
  }

  @Test
  void loadReportsProgressUpToTheWholeModel() throws Exception {
    Path model = EngineFixture.tinyModel(dir);
    List<long[]> updates = new ArrayList<>();
    try (var engine = InferenceEngine.load(model, options(1, Optional.empty()), (d, t) -> updates.add(new long[] {d, t}))) {
      assertThat(updates).isNotEmpty();
      long[] last = updates.get(updates.size() - 1);
      assertThat(last[0]).isEqualTo(last[1]).isPositive();
    }
  }

  @Test
  void anUnsupportedArchitectureOrTensorTypeIsNamed() throws Exception {
    GgufWriter gemma = TinyModel.builder().build().toWriter();
    gemma.put("general.architecture", GgufValue.string("gemma3"));
    Path g = dir.resolve("gemma.gguf");
    gemma.write(g);
    assertThatThrownBy(() -> load(g, options(1, Optional.empty())))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("architecture 'gemma3' is not supported");
    TinyModel tied = TinyModel.builder().tiedEmbeddings(true).build();
    GgufWriter q41 = tied.toWriter();
    int vocab = tied.vocabulary().tokens().size();
    q41.addTensor("output.weight", GgmlType.Q4_1, new long[] {64, vocab}, new byte[vocab * 2 * 20]);
    Path q = dir.resolve("q41.gguf");
    q41.write(q);
    assertThatThrownBy(() -> load(q, options(1, Optional.empty())))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("tensor output.weight has type Q4_1, which is not supported");
  }

  @Test
  void batchedPrefillGivesTheSameLogitsAsOneTokenAtATimeInBothKernelModes() throws Exception {
    Path model = EngineFixture.tinyModel(dir);
    int[] t = tokens(300, 8);
    float[][] batched;
    try (LocalEngine engine = load(model, options(1, Optional.empty()))) {
      batched = engine.logits(t); // scalar kernels and attention, batches of 256 + 44
    }
    var vectorOptions = new EngineOptions(2, 0, 1, 0, Optional.empty(), 0, Kernels.Mode.VECTOR);
    try (LocalEngine engine = load(model, vectorOptions);
        var gguf = dev.tether.engine.gguf.GgufFile.open(model);
        var kernels = Kernels.create(4, Kernels.Mode.VECTOR)) {
      assertClose(engine.logits(t), batched, "vector, batched");
      // One token at a time on 4 workers: attention split by query head, not by KV head.
      var transformer = new dev.tether.engine.model.Transformer(engine.config(),
          dev.tether.engine.model.ModelWeights.load(gguf, engine.config()), kernels, 1);
      var cache = transformer.newCache(300);
      float[][] single = new float[t.length][];
      for (int i = 0; i < t.length; i++) {
        single[i] = transformer.forward(cache, t, i, 1, false);
      }
      assertClose(single, batched, "vector, one at a time");
    }
  }

  private static void assertClose(float[][] got, float[][] want, String what) {
    for (int i = 0; i < want.length; i++) {
      for (int v = 0; v < want[i].length; v++) {
        assertThat(got[i][v]).as("%s: position %d token %d", what, i, v)
            .isCloseTo(want[i][v], org.assertj.core.api.Assertions.within(1e-4f));
      }
    }
  }
}
