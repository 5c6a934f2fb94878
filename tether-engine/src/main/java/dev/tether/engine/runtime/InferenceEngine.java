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
    throw new UnsupportedOperationException("filled in by the model work");
  }

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
   * Blocks until generation stops.
   */
  GenerationResult generate(GenerationRequest request, TokenSink sink);

  /** The next-token logits after each of {@code tokens} from an empty context (perplexity). */
  float[][] logits(int[] tokens);

  /** Unmaps the model and stops the kernels. */
  @Override
  void close();
}
