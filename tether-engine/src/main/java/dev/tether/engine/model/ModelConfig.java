package dev.tether.engine.model;

import dev.tether.engine.gguf.ModelMetadata;

/**
 * The hyperparameters of a decoder-only transformer of the llama family, from GGUF metadata.
 *
 * @param architecture {@code llama}, {@code qwen2} or {@code qwen3}
 * @param dim n_embd, the width of the residual stream
 * @param layers transformer blocks
 * @param heads query heads
 * @param kvHeads key/value heads (grouped-query attention when fewer than {@code heads})
 * @param headDim size of one head (Qwen3: {@code attention.key_length}, else dim / heads)
 * @param ffn hidden width of the SwiGLU feed-forward
 * @param vocab vocabulary size (rows of the output matrix)
 * @param eps RMSNorm epsilon
 * @param ropeBase RoPE theta ({@code rope.freq_base})
 * @param ropeDims leading dimensions of each head that RoPE rotates ({@code rope.dimension_count})
 * @param ropeStyle which dimensions RoPE pairs
 * @param ropeFreqScale linear position scale (1 / {@code rope.scaling.factor} for linear scaling)
 * @param trainedContext {@code context_length}
 */
public record ModelConfig(
    String architecture,
    int dim,
    int layers,
    int heads,
    int kvHeads,
    int headDim,
    int ffn,
    int vocab,
    float eps,
    double ropeBase,
    int ropeDims,
    RopeStyle ropeStyle,
    double ropeFreqScale,
    int trainedContext) {

  /** How RoPE pairs the dimensions of a head (llama.cpp's {@code LLAMA_ROPE_TYPE_*}). */
  public enum RopeStyle {
    /** Adjacent pairs {@code (2i, 2i+1)}: llama.cpp's NORM, used for {@code llama}. */
    INTERLEAVED,
    /** Halves {@code (i, i + n/2)}: GPT-NeoX style, used for {@code qwen2} and {@code qwen3}. */
    NEOX
  }

  /** Query width: heads × headDim. */
  public int qDim() {
    return heads * headDim;
  }

  /** Key/value width: kvHeads × headDim. */
  public int kvDim() {
    return kvHeads * headDim;
  }

  /**
   * Reads the configuration.
   *
   * @throws UnsupportedModelException for an unsupported architecture or rope scaling, or missing sizes
   */
  public static ModelConfig from(ModelMetadata m) throws UnsupportedModelException {
    String arch = m.architecture();
    RopeStyle style =
        switch (arch) {
          case "llama" -> RopeStyle.INTERLEAVED;
          case "qwen2", "qwen3" -> RopeStyle.NEOX;
          default ->
              throw new UnsupportedModelException(
                  "architecture '" + arch + "' is not supported (llama, qwen2 and qwen3 are)");
        };
    int dim = required(m.embeddingLength(), arch + ".embedding_length");
    int layers = required(m.blockCount(), arch + ".block_count");
    int heads = required(m.headCount(), arch + ".attention.head_count");
    int kvHeads = m.headCountKv().orElse(heads);
    int ffn = required(m.feedForwardLength(), arch + ".feed_forward_length");
    if (heads == 0 || kvHeads == 0 || heads % kvHeads != 0) {
      throw new UnsupportedModelException(
          "head count " + heads + " is not a multiple of the key/value head count " + kvHeads);
    }
    int headDim = m.keyLength().orElse(dim / heads);
    if (m.valueLength().isPresent() && m.valueLength().getAsInt() != headDim) {
      throw new UnsupportedModelException("key length " + headDim + " differs from value length "
          + m.valueLength().getAsInt() + " (not supported)");
    }
    int ropeDims = m.ropeDimensionCount().orElse(headDim);
    if (ropeDims > headDim || ropeDims % 2 != 0) {
      throw new UnsupportedModelException("rope dimension count " + ropeDims + " does not fit head size " + headDim);
    }
    double freqScale = 1;
    String scaling = m.ropeScalingType().orElse("none");
    switch (scaling) {
      case "none", "" -> {}
      case "linear" -> {
        double factor = m.ropeScalingFactor().orElse(1);
        freqScale = factor > 0 ? 1 / factor : 1;
      }
      default -> {
        // Llama 3 frequency scaling comes as the rope_freqs tensor with type none/llama3; yarn and
        // longrope change attention too and are not implemented.
        if (!scaling.equals("llama3")) {
          throw new UnsupportedModelException("rope scaling '" + scaling + "' is not supported (none, linear, llama3 are)");
        }
      }
    }
    double eps = m.rmsNormEpsilon().orElse(arch.equals("llama") ? 1e-5 : 1e-6);
    return new ModelConfig(arch, dim, layers, heads, kvHeads, headDim, ffn, m.vocabSize(), (float) eps,
        m.ropeFreqBase().orElse(10_000), ropeDims, style, freqScale, m.contextLength().orElse(4096));
  }

  private static int required(java.util.OptionalInt v, String key) throws UnsupportedModelException {
    if (v.isEmpty() || v.getAsInt() <= 0) {
      throw new UnsupportedModelException("the model does not set " + key);
    }
    return v.getAsInt();
  }
}
