package dev.tether.engine.tiny;

import dev.tether.engine.gguf.GgmlType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Real models' shapes for benchmarks: random weights with exactly the dimensions, vocabulary size,
 * rope theta and tied embeddings of a released model, so every kernel does a real model's work
 * (only the text is meaningless). The shapes match those llama.cpp was measured on in the project's
 * engine anchor.
 */
public enum BenchmarkShape {
  /** Llama-3.2-1B: 2048 wide, 16 layers, 32 heads, 8 kv heads, ffn 8192, 128256 tokens, theta 5e5. */
  LLAMA1B("llama1b", "llama", 2048, 16, 32, 8, 8192, 128_256),
  /** Qwen2.5-0.5B: 896 wide, 24 layers, 14 heads, 2 kv heads, ffn 4864, 151936 tokens, qkv bias, theta 1e6. */
  QWEN05B("qwen05b", "qwen2", 896, 24, 14, 2, 4864, 151_936);

  /** The weight formats {@link #builder} accepts, as llama-quantize names them. */
  public static final List<String> TYPES = List.of("F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K_M");

  private final String id;
  private final String architecture;
  private final int dim;
  private final int layers;
  private final int heads;
  private final int kvHeads;
  private final int ffn;
  private final int vocab;

  BenchmarkShape(String id, String architecture, int dim, int layers, int heads, int kvHeads, int ffn, int vocab) {
    this.id = id;
    this.architecture = architecture;
    this.dim = dim;
    this.layers = layers;
    this.heads = heads;
    this.kvHeads = kvHeads;
    this.ffn = ffn;
    this.vocab = vocab;
  }

  /** The name on the command line, e.g. {@code llama1b}. */
  public String id() {
    return id;
  }

  /** The shape called {@code id}. */
  public static BenchmarkShape byId(String id) {
    for (BenchmarkShape s : values()) {
      if (s.id.equals(id)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown shape " + id + "; one of "
        + Arrays.stream(values()).map(BenchmarkShape::id).toList());
  }

  /**
   * A builder for this shape with weights of {@code type} (one of {@link #TYPES}; {@code Q4_K_M} is
   * llama.cpp's mix, see {@link TinyModel.Builder#mixedQ4KM()}; {@code Q4_0} keeps the embedding at
   * Q6_K or Q8_0 as llama-quantize does), tied embeddings and the family's vocabulary padded to the
   * real size.
   */
  public TinyModel.Builder builder(String type) {
    String t = type.toUpperCase(Locale.ROOT);
    if (!TYPES.contains(t)) {
      throw new IllegalArgumentException("unknown type " + type + "; one of " + TYPES);
    }
    TinyModel.Builder b = TinyModel.builder()
        .architecture(architecture)
        .vocabulary(TinyModel.defaultVocabulary(architecture, false).padded(vocab))
        .name(id + "-" + t)
        .embeddingLength(dim)
        .blockCount(layers)
        .headCount(heads)
        .headCountKv(kvHeads)
        .feedForwardLength(ffn)
        .tiedEmbeddings(true);
    if (t.equals("Q4_K_M")) {
      return b.mixedQ4KM();
    }
    if (t.equals("Q4_0")) {
      // llama-quantize gives the output matrix (here the tied embedding) Q6_K in a Q4_0 file, and
      // Q8_0 when its rows are not whole 256-value super-blocks.
      b.tensorType("token_embd.weight", dim % 256 == 0 ? GgmlType.Q6_K : GgmlType.Q8_0);
    }
    return b.weightType(GgmlType.valueOf(t));
  }
}
