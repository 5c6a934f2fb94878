package dev.tether.engine.runtime;

import dev.tether.engine.gguf.ModelMetadata;
import dev.tether.engine.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A model loaded for generation. {@link #generate} serves one request at a time (callers queue);
 * the other methods are thread-safe.
 */
public interface InferenceEngine extends AutoCloseable {

  /**
   * Maps the GGUF file, checks architecture, tensor types and the memory cap, and builds the
   * kernels and KV slots.
   *
   * @throws ModelLoadException when the model cannot be served (the message says why)
   * @throws IOException when the file cannot be read (a corrupt file's message names file and offset)
   */
  static InferenceEngine load(Path file, EngineOptions options, LoadProgress progress)
      throws IOException, ModelLoadException {
    if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
      throw new ModelLoadException("the engine needs the Java Vector API: run java with --add-modules "
          + VECTOR_MODULE + " (the ./tether script does)");
    }
    return LocalEngine.load(file, options, progress);
  }

  /** The incubator module the kernels are written with. */
  String VECTOR_MODULE = "jdk.incubator.vector";

  /** The model file. */
  Path file();

  /** The file's metadata (architecture, chat template, …). */
  ModelMetadata metadata();

  /** The model's tokenizer. */
  Tokenizer tokenizer();

  /** Tokens per sequence this engine accepts (KV slot size). */
  int contextLength();

  /**
   * Generates for one request, reusing the longest cached prefix of any KV slot (or a saved prefix
   * on disk), prefilling the rest in batches, then sampling token by token into {@code sink}.
   * Blocks until generation stops; concurrent calls wait for each other.
   *
   * <p>Generation ends at a token in {@code tokenizer().specialTokens().endOfGeneration()} (EOS,
   * EOT, EOM and control tokens whose text ends a turn, never passed to the sink). {@link
   * GenerationResult#cachedTokens()} counts the prompt tokens not computed again (at most {@code
   * prompt.length - 1}: the last prompt token always runs, its logits choose the first token); the
   * rest, {@code promptTokens - cachedTokens}, were prefilled by this call.
   *
   * @throws IllegalArgumentException if the prompt has {@link #contextLength()} tokens or more, or a
   *     token id outside the vocabulary
   */
  GenerationResult generate(GenerationRequest request, TokenSink sink);

  /** The next-token logits after each of {@code tokens} from an empty context (perplexity). */
  float[][] logits(int[] tokens);

  /**
   * The negative log-likelihood (natural log) of each next token {@code tokens[j + 1]} given {@code
   * tokens[0 … j]}, for {@code j} from {@code first} to {@code tokens.length - 2}, from an empty
   * context: what perplexity needs, without keeping every row of logits.
   */
  default double[] negativeLogLikelihoods(int[] tokens, int first) {
    float[][] rows = logits(tokens);
    double[] nll = new double[tokens.length - 1 - first];
    for (int j = first; j < tokens.length - 1; j++) {
      nll[j - first] = Perplexity.negativeLogLikelihood(rows[j], 0, rows[j].length, tokens[j + 1]);
    }
    return nll;
  }

  /** Unmaps the model and stops the kernels. */
  @Override
  void close();
}
