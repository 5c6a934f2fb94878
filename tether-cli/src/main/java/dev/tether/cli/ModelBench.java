package dev.tether.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tether.engine.runtime.GenerationRequest;
import dev.tether.engine.runtime.GenerationResult;
import dev.tether.engine.runtime.InferenceEngine;
import dev.tether.engine.runtime.Sampling;
import dev.tether.engine.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.Random;

/**
 * One benchmark run on a loaded model, as llama.cpp's llama-bench measures it: prompt processing
 * (pp: prompt tokens/s over the prefill), token generation (tg: tokens/s after the first), and time
 * to first token for a cold prompt and for the same prompt plus a few new tokens (the prefix cache).
 *
 * <p>The prompt is ordinary text from the model's own vocabulary (random words with a fixed seed),
 * so tokenization is realistic and no control token ends it early. A short warm-up on a different
 * prompt lets the JIT compile the kernels first, as llama-bench's warm-up run does.
 */
final class ModelBench {
  private static final int WARMUP_PROMPT = 32;
  private static final int WARMUP_GEN = 4;
  /** Tokens appended to the prompt for the cached run: a follow-up turn's worth, short. */
  static final int CACHED_EXTRA = 16;

  /** The results, in the shape {@code --json} prints. */
  record Result(
      String model,
      int threads,
      @JsonProperty("prompt_tokens") int promptTokens,
      @JsonProperty("gen_tokens") int genTokens,
      @JsonProperty("pp_tps") double ppTps,
      @JsonProperty("tg_tps") double tgTps,
      @JsonProperty("ttft_cold_ms") double ttftColdMs,
      @JsonProperty("ttft_cached_ms") double ttftCachedMs,
      @JsonProperty("cached_tokens") int cachedTokens,
      @JsonProperty("ttft_restart_ms") @JsonInclude(JsonInclude.Include.NON_NULL) Double ttftRestartMs,
      @JsonProperty("restart_cached_tokens") @JsonInclude(JsonInclude.Include.NON_NULL) Integer restartCachedTokens) {}

  private ModelBench() {}

  /** Runs the benchmark; {@code prompt} + {@link #CACHED_EXTRA} + {@code gen} must fit the context. */
  static Result run(InferenceEngine engine, int prompt, int gen, int threads) {
    int[] tokens = promptTokens(engine.tokenizer(), prompt + CACHED_EXTRA, 7);
    int[] cold = Arrays.copyOf(tokens, prompt);
    int[] warmup = promptTokens(engine.tokenizer(), WARMUP_PROMPT, 99);
    timed(engine, warmup, WARMUP_GEN);
    Timing first = timed(engine, cold, gen);
    Timing cached = timed(engine, tokens, 1);
    int generated = first.result.generatedTokens();
    double tg = generated > 1 ? (generated - 1) / ((first.endNanos - first.firstTokenNanos) / 1e9) : 0;
    double pp = first.result.prefillNanos() > 0
        ? (first.result.promptTokens() - first.result.cachedTokens()) / (first.result.prefillNanos() / 1e9) : 0;
    return new Result(engine.file().getFileName().toString(), threads, prompt, generated, round(pp), round(tg),
        round(first.ttftNanos() / 1e6), round(cached.ttftNanos() / 1e6), cached.result.cachedTokens(), null, null);
  }

  /**
   * Adds to {@code before} the time to first token of the cached run's prompt on a freshly loaded
   * {@code engine} whose slots are empty, so its prefix can come only from the disk cache.
   */
  static Result restart(InferenceEngine engine, Result before, int prompt) {
    int[] tokens = promptTokens(engine.tokenizer(), prompt + CACHED_EXTRA, 7);
    timed(engine, promptTokens(engine.tokenizer(), WARMUP_PROMPT, 99), WARMUP_GEN);
    Timing t = timed(engine, tokens, 1);
    return new Result(before.model(), before.threads(), before.promptTokens(), before.genTokens(), before.ppTps(),
        before.tgTps(), before.ttftColdMs(), before.ttftCachedMs(), before.cachedTokens(), round(t.ttftNanos() / 1e6),
        t.result.cachedTokens());
  }

  private record Timing(GenerationResult result, long startNanos, long firstTokenNanos, long endNanos) {
    long ttftNanos() {
      return firstTokenNanos - startNanos;
    }
  }

  private static Timing timed(InferenceEngine engine, int[] prompt, int gen) {
    long[] firstToken = {0};
    long start = System.nanoTime();
    // A fixed seed and a mild temperature: random-weight models fall into EOS less than greedily.
    GenerationResult result = engine.generate(
        new GenerationRequest(prompt, new Sampling(0.8, 40, 0.95, 0, 42), gen, () -> false, null),
        token -> {
          if (firstToken[0] == 0) {
            firstToken[0] = System.nanoTime();
          }
          return true;
        });
    long end = System.nanoTime();
    return new Timing(result, start, firstToken[0] == 0 ? end : firstToken[0], end);
  }

  /** {@code n} tokens of random words, BOS first when the model wants one. */
  static int[] promptTokens(Tokenizer tokenizer, int n, long seed) {
    String[] words = {"the", "model", "reads", "a", "file", "and", "writes", "code", "for", "each", "test", "in",
        "this", "project", "with", "care", "function", "returns", "value", "list", "of", "names", "when", "it"};
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder();
    int[] ids = new int[0];
    while (ids.length < n) {
      for (int i = 0; i < n; i++) {
        text.append(words[random.nextInt(words.length)]).append(random.nextInt(12) == 0 ? ".\n" : " ");
      }
      ids = tokenizer.encode(text.toString(), false);
    }
    var specials = tokenizer.specialTokens();
    if (specials.addBos() && specials.bos().isPresent()) {
      int[] withBos = new int[n];
      withBos[0] = specials.bos().getAsInt();
      System.arraycopy(ids, 0, withBos, 1, n - 1);
      return withBos;
    }
    return Arrays.copyOf(ids, n);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
