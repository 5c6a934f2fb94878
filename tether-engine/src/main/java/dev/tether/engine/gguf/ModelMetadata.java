package dev.tether.engine.gguf;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The metadata of a GGUF model that the engine and model discovery use, read from the keys the GGUF
 * spec defines ({@code general.*}, {@code {arch}.*}, {@code tokenizer.*}). Fields a file does not set
 * are empty: reading never fails for a missing key (a vision projector or an embedding model lacks
 * many), only for a key that holds the wrong type. A per-layer array where a count is expected (as
 * some hybrid architectures store {@code head_count_kv}) is summarised by its maximum.
 *
 * @param architecture {@code general.architecture}, e.g. {@code llama}, {@code qwen2}, {@code qwen3}
 * @param name {@code general.name}
 * @param fileType {@code general.file_type}; see {@link #fileTypeName()}
 * @param contextLength {@code {arch}.context_length}: the context the model was trained for
 * @param embeddingLength {@code {arch}.embedding_length}: n_embd
 * @param blockCount {@code {arch}.block_count}: the number of transformer layers
 * @param feedForwardLength {@code {arch}.feed_forward_length}: n_ff
 * @param headCount {@code {arch}.attention.head_count}
 * @param headCountKv {@code {arch}.attention.head_count_kv}, defaulting to {@code headCount}
 * @param keyLength {@code {arch}.attention.key_length}: the head size when it is not n_embd / n_head
 *     (Qwen3)
 * @param valueLength {@code {arch}.attention.value_length}
 * @param rmsNormEpsilon {@code {arch}.attention.layer_norm_rms_epsilon}
 * @param layerNormEpsilon {@code {arch}.attention.layer_norm_epsilon}
 * @param ropeDimensionCount {@code {arch}.rope.dimension_count}
 * @param ropeFreqBase {@code {arch}.rope.freq_base} (llama.cpp assumes 10000 when absent)
 * @param ropeScalingType {@code {arch}.rope.scaling.type}: {@code none}, {@code linear}, {@code yarn},
 *     …
 * @param ropeScalingFactor {@code {arch}.rope.scaling.factor}
 * @param ropeScalingOriginalContextLength {@code {arch}.rope.scaling.original_context_length}
 * @param expertCount {@code {arch}.expert_count} (mixture-of-experts models)
 * @param expertUsedCount {@code {arch}.expert_used_count}
 * @param vocabSize {@code {arch}.vocab_size}, else the number of tokens, else the second dimension
 *     of {@code token_embd.weight}; 0 when none is known
 * @param chatTemplate {@code tokenizer.chat_template}: the model's Jinja chat template
 * @param tokenizer the {@code tokenizer.ggml.*} keys
 * @param parameterCount the number of values in all tensors
 */
public record ModelMetadata(
    String architecture,
    Optional<String> name,
    OptionalInt fileType,
    OptionalInt contextLength,
    OptionalInt embeddingLength,
    OptionalInt blockCount,
    OptionalInt feedForwardLength,
    OptionalInt headCount,
    OptionalInt headCountKv,
    OptionalInt keyLength,
    OptionalInt valueLength,
    OptionalDouble rmsNormEpsilon,
    OptionalDouble layerNormEpsilon,
    OptionalInt ropeDimensionCount,
    OptionalDouble ropeFreqBase,
    Optional<String> ropeScalingType,
    OptionalDouble ropeScalingFactor,
    OptionalInt ropeScalingOriginalContextLength,
    OptionalInt expertCount,
    OptionalInt expertUsedCount,
    int vocabSize,
    Optional<String> chatTemplate,
    TokenizerMetadata tokenizer,
    long parameterCount) {

  /** The key naming the architecture, which prefixes the model's hyperparameter keys. */
  public static final String ARCHITECTURE_KEY = "general.architecture";

  /**
   * Reads the typed view of a header.
   *
   * @throws GgufFormatException if {@code general.architecture} is missing, or a key holds the wrong
   *     type
   */
  public static ModelMetadata from(GgufHeader h) {
    String arch =
        h.string(ARCHITECTURE_KEY)
            .orElseThrow(() -> new GgufFormatException(h.file(), 0, "no " + ARCHITECTURE_KEY));
    String a = arch + ".";
    TokenizerMetadata tokenizer = TokenizerMetadata.from(h);
    OptionalInt headCount = count(h, a + "attention.head_count");
    OptionalInt headCountKv = count(h, a + "attention.head_count_kv");
    OptionalInt vocab = count(h, a + "vocab_size");
    int vocabSize =
        vocab.isPresent()
            ? vocab.getAsInt()
            : tokenizer.size() > 0
                ? tokenizer.size()
                : h.tensor("token_embd.weight")
                    .filter(t -> t.rank() == 2 && t.dim(1) <= Integer.MAX_VALUE)
                    .map(t -> (int) t.dim(1))
                    .orElse(0);
    return new ModelMetadata(
        arch,
        h.string("general.name"),
        count(h, "general.file_type"),
        count(h, a + "context_length"),
        count(h, a + "embedding_length"),
        count(h, a + "block_count"),
        count(h, a + "feed_forward_length"),
        headCount,
        headCountKv.isPresent() ? headCountKv : headCount,
        count(h, a + "attention.key_length"),
        count(h, a + "attention.value_length"),
        h.real(a + "attention.layer_norm_rms_epsilon"),
        h.real(a + "attention.layer_norm_epsilon"),
        count(h, a + "rope.dimension_count"),
        h.real(a + "rope.freq_base"),
        h.string(a + "rope.scaling.type"),
        h.real(a + "rope.scaling.factor"),
        count(h, a + "rope.scaling.original_context_length"),
        count(h, a + "expert_count"),
        count(h, a + "expert_used_count"),
        vocabSize,
        h.string("tokenizer.chat_template"),
        tokenizer,
        h.parameterCount());
  }

  /** The quantisation label of {@link #fileType()}, e.g. {@code "Q4_K_M"}; empty when unset. */
  public Optional<String> fileTypeName() {
    return fileType.isPresent()
        ? Optional.of(GgufFileType.name(fileType.getAsInt()))
        : Optional.empty();
  }

  /**
   * A non-negative count that fits an int, from an integer or (per layer) an array of integers.
   */
  private static OptionalInt count(GgufHeader h, String key) {
    long value;
    if (h.get(key).orElse(null) instanceof GgufValue.ArrayValue arr) {
      if (!arr.elementType().isInteger() || arr.size() == 0) {
        throw h.error(key, "'" + key + "' is an ARRAY of " + arr.elementType() + ", expected a count");
      }
      value = java.util.Arrays.stream(arr.longs()).max().orElseThrow();
    } else {
      var v = h.integer(key);
      if (v.isEmpty()) {
        return OptionalInt.empty();
      }
      value = v.getAsLong();
    }
    if (value < 0 || value > Integer.MAX_VALUE) {
      throw h.error(key, "'" + key + "' is " + value + ", not a count");
    }
    return OptionalInt.of((int) value);
  }
}
