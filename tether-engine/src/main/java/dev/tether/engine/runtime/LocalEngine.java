package dev.tether.engine.runtime;

import dev.tether.engine.gguf.GgufFile;
import dev.tether.engine.gguf.GgufTensorInfo;
import dev.tether.engine.gguf.ModelMetadata;
import dev.tether.engine.model.KvCache;
import dev.tether.engine.model.ModelConfig;
import dev.tether.engine.model.ModelWeights;
import dev.tether.engine.model.Transformer;
import dev.tether.engine.model.UnsupportedModelException;
import dev.tether.engine.sample.Sampler;
import dev.tether.engine.tensor.Kernels;
import dev.tether.engine.tokenizer.Tokenizer;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The {@link InferenceEngine} over a mapped GGUF file: one {@link Transformer}, a pool of KV {@link
 * Slots} used as a prefix cache, and optionally a {@link DiskCache} of saved prefixes. Forward
 * passes are serialised by one lock.
 */
public final class LocalEngine implements InferenceEngine {
  /** Tokens per forward pass while prefilling. */
  static final int BATCH = 256;
  private static final long PAGE = 4096;

  private final Path file;
  private final GgufFile gguf;
  private final ModelMetadata metadata;
  private final Tokenizer tokenizer;
  private final Kernels kernels;
  private final Transformer transformer;
  private final int contextLength;
  private final Slots slots;
  private final DiskCache disk;
  private final Function<Sampling, ToIntFunction<float[]>> choosers;
  private final ReentrantLock lock = new ReentrantLock();
  private final java.util.concurrent.ExecutorService diskWriter =
      java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tether-kv-writer");
        t.setDaemon(true);
        return t;
      });
  private boolean closed;

  private LocalEngine(Path file, GgufFile gguf, ModelMetadata metadata, Tokenizer tokenizer,
      Kernels kernels, Transformer transformer, int contextLength, int slotCount, DiskCache disk,
      Function<Sampling, ToIntFunction<float[]>> choosers) {
    this.choosers = java.util.Objects.requireNonNull(choosers, "choosers");
    this.file = file;
    this.gguf = gguf;
    this.metadata = metadata;
    this.tokenizer = tokenizer;
    this.kernels = kernels;
    this.transformer = transformer;
    this.contextLength = contextLength;
    this.slots = new Slots(slotCount, () -> transformer.newCache(contextLength));
    this.disk = disk;
  }

  /** {@link InferenceEngine#load} with kernels made from the options. */
  static LocalEngine load(Path file, EngineOptions options, LoadProgress progress)
      throws IOException, ModelLoadException {
    return load(file, options, progress, () -> Kernels.create(options.threads(), options.kernelMode()));
  }

  /** Loads with the given kernels (tests pass a reference implementation); they are closed with the engine. */
  public static LocalEngine load(Path file, EngineOptions options, LoadProgress progress,
      java.util.function.Supplier<Kernels> kernelFactory) throws IOException, ModelLoadException {
    return load(file, options, progress, kernelFactory, LocalEngine::sampler);
  }

  /**
   * Loads with the given kernels and a chooser of each generated token from its logits, made per
   * request from its sampling settings, in place of the sampler: for constrained decoding and for
   * tests that script what a random-weight model "says" while the forward pass runs for real.
   */
  public static LocalEngine load(Path file, EngineOptions options, LoadProgress progress,
      java.util.function.Supplier<Kernels> kernelFactory, Function<Sampling, ToIntFunction<float[]>> choosers)
      throws IOException, ModelLoadException {
    if (options.threads() < 1 || options.slots() < 1 || options.contextLength() < 0) {
      throw new IllegalArgumentException("threads and slots must be ≥ 1, context ≥ 0: " + options);
    }
    GgufFile gguf = GgufFile.open(file);
    Kernels kernels = null;
    try {
      ModelMetadata metadata = gguf.metadata();
      ModelConfig config;
      ModelWeights weights;
      try {
        config = ModelConfig.from(metadata);
        weights = ModelWeights.load(gguf, config);
      } catch (UnsupportedModelException e) {
        throw new ModelLoadException(e.getMessage(), e);
      }
      Tokenizer tokenizer;
      try {
        tokenizer = Tokenizer.from(gguf.header());
      } catch (IllegalArgumentException e) {
        throw new ModelLoadException(e.getMessage(), e);
      }
      int ctx = options.contextLength() > 0
          ? Math.min(options.contextLength(), config.trainedContext())
          : config.trainedContext();
      checkMemory(gguf, config, ctx, options);
      touch(gguf, progress == null ? LoadProgress.NONE : progress);
      kernels = kernelFactory.get();
      Transformer transformer = new Transformer(config, weights, kernels, Math.min(BATCH, ctx));
      DiskCache disk = options.cacheDir().isPresent()
          ? new DiskCache(options.cacheDir().get(), file, options.diskCacheBytes(), config.layers(), config.kvDim())
          : null;
      return new LocalEngine(file, gguf, metadata, tokenizer, kernels, transformer, ctx, options.slots(), disk,
          choosers);
    } catch (IOException | ModelLoadException | RuntimeException e) {
      if (kernels != null) {
        kernels.close();
      }
      gguf.close();
      throw e;
    }
  }

  /** Refuses a model whose weights and KV slots exceed the memory cap. */
  private static void checkMemory(GgufFile gguf, ModelConfig c, int ctx, EngineOptions o)
      throws ModelLoadException {
    long weights = 0;
    for (GgufTensorInfo t : gguf.header().tensors()) {
      weights += t.byteSize();
    }
    long kv = KvCache.bytes(c.layers(), c.kvDim(), ctx) * o.slots();
    if (o.memoryCapBytes() > 0 && weights + kv > o.memoryCapBytes()) {
      throw new ModelLoadException(String.format(Locale.ROOT,
          "model needs %s (weights %s + KV cache %s for %d × %d tokens), over --memory-cap %s",
          gb(weights + kv), gb(weights), gb(kv), o.slots(), ctx, gb(o.memoryCapBytes())));
    }
  }

  /** Bytes as GB (2³⁰), one decimal unless whole. */
  static String gb(long bytes) {
    double g = bytes / (double) (1L << 30);
    return (g == Math.rint(g) ? String.format(Locale.ROOT, "%.0f", g) : String.format(Locale.ROOT, "%.1f", g)) + " GB";
  }

  /** Reads one byte per page of every tensor so the model is resident before the first request. */
  private static void touch(GgufFile gguf, LoadProgress progress) {
    long total = 0;
    for (GgufTensorInfo t : gguf.header().tensors()) {
      total += t.byteSize();
    }
    long done = 0;
    long reported = 0;
    byte sink = 0;
    for (GgufTensorInfo t : gguf.header().tensors()) {
      MemorySegment data = gguf.tensorData(t);
      for (long off = 0; off < data.byteSize(); off += PAGE) {
        sink ^= data.get(ValueLayout.JAVA_BYTE, off);
      }
      done += data.byteSize();
      if (done - reported >= (64L << 20) || done == total) {
        progress.update(done, total);
        reported = done;
      }
    }
    if (sink == 42) {
      Thread.onSpinWait(); // keeps the reads from being optimised away
    }
    if (total == 0) {
      progress.update(0, 0);
    }
  }

  @Override
  public Path file() {
    return file;
  }

  @Override
  public ModelMetadata metadata() {
    return metadata;
  }

  @Override
  public Tokenizer tokenizer() {
    return tokenizer;
  }

  @Override
  public int contextLength() {
    return contextLength;
  }

  /** The model's hyperparameters. */
  public ModelConfig config() {
    return transformer.config();
  }

  @Override
  public GenerationResult generate(GenerationRequest request, TokenSink sink) {
    int[] prompt = request.prompt();
    if (prompt.length >= contextLength) {
      throw new IllegalArgumentException(
          "prompt of " + prompt.length + " tokens does not fit the context of " + contextLength);
    }
    lock.lock();
    try {
      long t0 = System.nanoTime();
      Slots.Match match = slots.acquire(prompt);
      Slots.Slot slot = match.slot();
      KvCache cache = slot.cache;
      // At least the last prompt token is computed again: its logits choose the first token.
      int reuse = Math.min(match.prefix(), prompt.length - 1);
      cache.truncate(reuse);
      if (disk != null) {
        int loaded = disk.load(prompt, reuse, prompt.length - 1, cache);
        if (loaded > 0) {
          reuse = loaded;
          System.arraycopy(prompt, 0, ensureTokens(slot, loaded), 0, loaded);
        }
      }
      int cached = reuse;
      float[] logits = null;
      for (int pos = reuse; pos < prompt.length; ) {
        if (request.cancelled().getAsBoolean()) {
          return new GenerationResult(prompt.length, cached, 0, GenerationResult.StopReason.CANCELLED,
              System.nanoTime() - t0);
        }
        int n = Math.min(transformer.maxBatch(), prompt.length - pos);
        logits = transformer.forward(cache, prompt, pos, n, false);
        for (int i = 0; i < n; i++) {
          slot.put(pos + i, prompt[i + pos]);
        }
        pos += n;
        request.progress().update(pos, prompt.length);
      }
      long prefill = System.nanoTime() - t0;
      GenerationResult result = decode(request, sink, slot, logits, cached, prefill);
      int save = disk == null ? 0 : DiskCache.saveLength(prompt.length);
      if (save > cached) {
        saveLater(slot, prompt, save);
      }
      return result;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Writes a prompt prefix to the disk cache on the writer thread, so the reply is not delayed. It
   * writes straight from the slot under the engine lock (no copy of the keys and values), after
   * checking that the slot still holds the prefix: a request that came first and reused the slot
   * for another prompt wins, and the save is skipped.
   */
  private void saveLater(Slots.Slot slot, int[] prompt, int length) {
    diskWriter.execute(() -> {
      lock.lock();
      try {
        if (!closed && slot.commonPrefix(prompt) >= length) {
          disk.save(prompt, length, slot.cache);
        }
      } finally {
        lock.unlock();
      }
    });
  }

  private static ToIntFunction<float[]> sampler(Sampling sp) {
    return new Sampler(new Sampler.Settings(sp.temperature(), sp.topK(), sp.topP(), sp.minP(), sp.seed()))::sample;
  }

  private static int[] ensureTokens(Slots.Slot slot, int n) {
    if (slot.tokens.length < n) {
      slot.tokens = java.util.Arrays.copyOf(slot.tokens, n);
    }
    return slot.tokens;
  }

  private GenerationResult decode(GenerationRequest request, TokenSink sink, Slots.Slot slot,
      float[] logits, int cached, long prefill) {
    int promptTokens = request.prompt().length;
    ToIntFunction<float[]> sampler = choosers.apply(request.sampling());
    var specials = tokenizer.specialTokens();
    int generated = 0;
    int[] one = new int[1];
    while (true) {
      if (request.cancelled().getAsBoolean()) {
        return result(promptTokens, cached, generated, GenerationResult.StopReason.CANCELLED, prefill);
      }
      if (generated >= request.maxTokens()) {
        return result(promptTokens, cached, generated, GenerationResult.StopReason.MAX_TOKENS, prefill);
      }
      int token = sampler.applyAsInt(logits);
      if (specials.isEndOfGeneration(token)) {
        return result(promptTokens, cached, generated, GenerationResult.StopReason.END_OF_TURN, prefill);
      }
      generated++;
      if (!sink.accept(token)) {
        return result(promptTokens, cached, generated, GenerationResult.StopReason.STOPPED, prefill);
      }
      if (generated >= request.maxTokens()) {
        return result(promptTokens, cached, generated, GenerationResult.StopReason.MAX_TOKENS, prefill);
      }
      if (slot.cache.length() >= contextLength) {
        return result(promptTokens, cached, generated, GenerationResult.StopReason.CONTEXT_FULL, prefill);
      }
      int pos = slot.cache.length();
      one[0] = token;
      logits = transformer.forward(slot.cache, one, 0, 1, false);
      slot.put(pos, token);
    }
  }

  private static GenerationResult result(int prompt, int cached, int generated,
      GenerationResult.StopReason stop, long prefill) {
    return new GenerationResult(prompt, cached, generated, stop, prefill);
  }

  @Override
  public float[][] logits(int[] tokens) {
    float[][] out = new float[tokens.length][];
    int vocab = transformer.config().vocab();
    evaluate(tokens, (pos, all, row) -> out[pos] = java.util.Arrays.copyOfRange(all, row * vocab, (row + 1) * vocab));
    return out;
  }

  @Override
  public double[] negativeLogLikelihoods(int[] tokens, int first) {
    if (first < 0 || first >= tokens.length) {
      throw new IllegalArgumentException("first scored position " + first + " of " + tokens.length + " tokens");
    }
    double[] nll = new double[tokens.length - 1 - first];
    int vocab = transformer.config().vocab();
    evaluate(tokens, (pos, all, row) -> {
      if (pos >= first && pos < tokens.length - 1) {
        nll[pos - first] = Perplexity.negativeLogLikelihood(all, row * vocab, vocab, tokens[pos + 1]);
      }
    });
    return nll;
  }

  /** Receives the logits of position {@code pos}: row {@code row} of {@code all}. */
  private interface RowSink {
    void accept(int pos, float[] all, int row);
  }

  /** Runs {@code tokens} from an empty context in a scratch cache, handing every row of logits on. */
  private void evaluate(int[] tokens, RowSink rows) {
    if (tokens.length == 0 || tokens.length > contextLength) {
      throw new IllegalArgumentException(
          tokens.length + " tokens; 1 to the context length " + contextLength + " allowed");
    }
    lock.lock();
    try {
      KvCache scratch = transformer.newCache(tokens.length);
      for (int pos = 0; pos < tokens.length; ) {
        int n = Math.min(transformer.maxBatch(), tokens.length - pos);
        float[] all = transformer.forward(scratch, tokens, pos, n, true);
        for (int r = 0; r < n; r++) {
          rows.accept(pos + r, all, r);
        }
        pos += n;
      }
    } finally {
      lock.unlock();
    }
  }

  /** The slot pool (tests). */
  Slots slots() {
    return slots;
  }

  @Override
  public void close() {
    diskWriter.shutdown();
    try {
      // Pending saves finish (each takes at most a few seconds) so the next start finds them.
      diskWriter.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      kernels.close();
      gguf.close();
    } finally {
      lock.unlock();
    }
  }
}
