package dev.tether.engine.tiny;

import dev.tether.engine.gguf.GgmlType;
import dev.tether.engine.gguf.GgufFileType;
import dev.tether.engine.gguf.GgufValue;
import dev.tether.engine.gguf.GgufWriter;
import dev.tether.engine.tensor.Quantizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * A tiny llama-family model with random but seeded weights and a small real vocabulary, written as a
 * GGUF file exactly as a converted model would be laid out: the metadata keys of the GGUF spec, a
 * chat template, and the tensor names and shapes llama.cpp's {@code llama}, {@code qwen2} and {@code
 * qwen3} loaders expect ({@code token_embd.weight}, {@code blk.N.attn_q.weight}, …, {@code
 * output_norm.weight}, {@code output.weight}).
 *
 * <pre>{@code
 * Path model = TinyModel.builder().architecture("qwen2").name("tiny-qwen").build().write(dir.resolve("tiny.gguf"));
 * }</pre>
 *
 * <p>Same settings, same bytes: the weights come from {@link Random} with {@link #seed()}, whose
 * sequence the JDK specifies.
 *
 * @param architecture {@code llama}, {@code qwen2} (attention biases) or {@code qwen3} (q/k norms,
 *     explicit head size)
 * @param vocabulary the tokenizer vocabulary; {@link #defaultVocabulary} picks one for the family
 * @param name {@code general.name}
 * @param contextLength {@code {arch}.context_length}
 * @param embeddingLength n_embd
 * @param blockCount layers
 * @param headCount query heads
 * @param headCountKv key/value heads (grouped-query attention when fewer than {@code headCount})
 * @param headDim size of one head; n_embd / n_head unless set (Qwen3 stores it as key_length)
 * @param feedForwardLength n_ff
 * @param weightType the type of the weight matrices: F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q5_K or Q6_K
 *     (norms and biases are always F32); every matrix's input dimension ({@code ne[0]}) must be a
 *     multiple of the type's block size (32 for Q8_0/Q4_0, 256 for the K types)
 * @param tensorTypes per-tensor exceptions to {@code weightType}, by tensor name (for mixed files
 *     such as {@link Builder#mixedQ4KM()}); only weight matrices may be listed
 * @param tiedEmbeddings whether {@code output.weight} is left out, so the output reuses {@code
 *     token_embd.weight}
 * @param seed the weights' seed
 */
public record TinyModel(
    String architecture,
    TinyVocabulary vocabulary,
    String name,
    int contextLength,
    int embeddingLength,
    int blockCount,
    int headCount,
    int headCountKv,
    int headDim,
    int feedForwardLength,
    GgmlType weightType,
    Map<String, GgmlType> tensorTypes,
    boolean tiedEmbeddings,
    long seed) {

  /** The architectures this generator knows. */
  public static final List<String> ARCHITECTURES = List.of("llama", "qwen2", "qwen3");

  /** Validates the shape. */
  public TinyModel {
    if (!ARCHITECTURES.contains(architecture)) {
      throw new IllegalArgumentException(
          "unknown architecture " + architecture + "; one of " + ARCHITECTURES);
    }
    Objects.requireNonNull(vocabulary, "vocabulary");
    Objects.requireNonNull(name, "name");
    if (contextLength < 1 || embeddingLength < 1 || blockCount < 1 || headCount < 1
        || headCountKv < 1 || headDim < 2 || feedForwardLength < 1) {
      throw new IllegalArgumentException("sizes must be positive (head size at least 2)");
    }
    if (headCount % headCountKv != 0) {
      throw new IllegalArgumentException(
          "head count " + headCount + " is not a multiple of the kv head count " + headCountKv);
    }
    if (headDim % 2 != 0) {
      throw new IllegalArgumentException("rope needs an even head size, not " + headDim);
    }
    Objects.requireNonNull(weightType, "weightType");
    tensorTypes = Map.copyOf(tensorTypes);
    Map<String, Integer> inputs = matrixInputs(
        architecture, vocabulary.tokens().size(), embeddingLength, blockCount, headCount * headDim,
        headCountKv * headDim, feedForwardLength, tiedEmbeddings);
    for (String t : tensorTypes.keySet()) {
      if (!inputs.containsKey(t)) {
        throw new IllegalArgumentException(
            "tensor type given for " + t + ", which is not a weight matrix of this model");
      }
    }
    for (Map.Entry<String, Integer> e : inputs.entrySet()) {
      GgmlType type = tensorTypes.getOrDefault(e.getKey(), weightType);
      if (!WEIGHT_TYPES.contains(type)) {
        throw new IllegalArgumentException(
            e.getKey() + ": weights can be one of " + WEIGHT_TYPES + ", not " + type);
      }
      if (e.getValue() % type.blockSize() != 0) {
        throw new IllegalArgumentException(e.getKey() + " is " + type + ", whose blocks hold "
            + type.blockSize() + " values, but its rows are " + e.getValue() + " wide; choose sizes"
            + " that are multiples of " + type.blockSize() + " (embedding, head count × head size,"
            + " feed-forward length)");
      }
    }
  }

  /** The types weight matrices can have. */
  public static final List<GgmlType> WEIGHT_TYPES = List.of(GgmlType.F32, GgmlType.F16, GgmlType.BF16,
      GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q4_K, GgmlType.Q5_K, GgmlType.Q6_K);

  /** The weight type of one tensor: its entry in {@link #tensorTypes()} or {@link #weightType()}. */
  public GgmlType typeOf(String tensor) {
    return tensorTypes.getOrDefault(tensor, weightType);
  }

  /** Every weight matrix's name and input width (ggml ne[0]), in file order. */
  private static Map<String, Integer> matrixInputs(String architecture, int vocab, int embd,
      int blocks, int qDim, int kvDim, int ff, boolean tied) {
    Map<String, Integer> m = new java.util.LinkedHashMap<>();
    m.put("token_embd.weight", embd);
    for (int i = 0; i < blocks; i++) {
      String b = "blk." + i + ".";
      m.put(b + "attn_q.weight", embd);
      m.put(b + "attn_k.weight", embd);
      m.put(b + "attn_v.weight", embd);
      m.put(b + "attn_output.weight", qDim);
      m.put(b + "ffn_gate.weight", embd);
      m.put(b + "ffn_up.weight", embd);
      m.put(b + "ffn_down.weight", ff);
    }
    if (!tied) {
      m.put("output.weight", embd);
    }
    return m;
  }

  /** A builder with the defaults: llama, 64 wide, 2 layers, 4 heads, 2 kv heads, F32, seed 42. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The vocabulary of a family: Llama 3 style BPE ({@code llama-bpe}) for {@code llama}, Qwen style
   * BPE ({@code qwen2}) for the Qwens, or a SentencePiece vocabulary when {@code sentencePiece}.
   */
  public static TinyVocabulary defaultVocabulary(String architecture, boolean sentencePiece) {
    if (sentencePiece) {
      return TinyVocabulary.sentencePiece(300);
    }
    if (architecture.equals("llama")) {
      return TinyVocabulary.bytePairs(
          "llama-bpe",
          300,
          List.of("<|begin_of_text|>", "<|end_of_text|>", "<|start_header_id|>", "<|end_header_id|>",
              "<|eot_id|>", "<|python_tag|>"),
          List.of(),
          Map.of("bos", "<|begin_of_text|>", "eos", "<|end_of_text|>", "eot", "<|eot_id|>"),
          true);
    }
    return TinyVocabulary.bytePairs(
        "qwen2",
        300,
        List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>"),
        List.of("<tool_call>", "</tool_call>", "<think>", "</think>"),
        Map.of("bos", "<|endoftext|>", "eos", "<|im_end|>", "eot", "<|im_end|>", "pad", "<|endoftext|>"),
        false);
  }

  /** The chat template written into the file: ChatML, Llama 3 or Llama 2 style by vocabulary. */
  public String chatTemplate() {
    if (vocabulary.model().equals("llama")) {
      return "{{ bos_token }}{% for message in messages %}{% if message['role'] == 'user' %}"
          + "{{ '[INST] ' + message['content'] + ' [/INST]' }}{% elif message['role'] == 'assistant' %}"
          + "{{ ' ' + message['content'] + eos_token }}{% endif %}{% endfor %}";
    }
    if (vocabulary.pre().equals("llama-bpe")) {
      return "{{- bos_token }}{%- for message in messages %}{{- '<|start_header_id|>' + message['role']"
          + " + '<|end_header_id|>\\n\\n' + message['content'] | trim + '<|eot_id|>' }}{%- endfor %}"
          + "{%- if add_generation_prompt %}{{- '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}"
          + "{%- endif %}";
    }
    return "{%- for message in messages %}{{- '<|im_start|>' + message['role'] + '\\n' + message['content']"
        + " + '<|im_end|>\\n' }}{%- endfor %}{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n'"
        + " }}{%- endif %}";
  }

  /** A writer holding the whole model, to adjust before writing. */
  public GgufWriter toWriter() {
    String a = architecture + ".";
    GgufWriter w = new GgufWriter();
    w.put("general.architecture", GgufValue.string(architecture));
    w.put("general.name", GgufValue.string(name));
    w.put("general.file_type", GgufValue.uint32(GgufFileType.byName(fileTypeName())));
    w.put("general.quantization_version", GgufValue.uint32(2));
    w.put(a + "vocab_size", GgufValue.uint32(vocabulary.tokens().size()));
    w.put(a + "context_length", GgufValue.uint32(contextLength));
    w.put(a + "embedding_length", GgufValue.uint32(embeddingLength));
    w.put(a + "block_count", GgufValue.uint32(blockCount));
    w.put(a + "feed_forward_length", GgufValue.uint32(feedForwardLength));
    w.put(a + "attention.head_count", GgufValue.uint32(headCount));
    w.put(a + "attention.head_count_kv", GgufValue.uint32(headCountKv));
    if (architecture.equals("qwen3") || headDim * headCount != embeddingLength) {
      w.put(a + "attention.key_length", GgufValue.uint32(headDim));
      w.put(a + "attention.value_length", GgufValue.uint32(headDim));
    }
    w.put(a + "rope.dimension_count", GgufValue.uint32(headDim));
    w.put(a + "rope.freq_base", GgufValue.float32(architecture.equals("llama") ? 500_000f : 1_000_000f));
    w.put(a + "attention.layer_norm_rms_epsilon", GgufValue.float32(1e-5f));
    vocabulary.putInto(w);
    w.put("tokenizer.chat_template", GgufValue.string(chatTemplate()));
    addTensors(w);
    return w;
  }

  /**
   * The {@code general.file_type} name: the weight type's, {@code Q4_K_M}/{@code Q5_K_M} for the K
   * types (llama.cpp labels plain K files with their mixes' names), {@code Q4_K_M} when mixed.
   */
  private String fileTypeName() {
    return switch (weightType) {
      case Q4_K -> "Q4_K_M";
      case Q5_K -> "Q5_K_M";
      default -> weightType.name();
    };
  }

  /** Writes the model to a file and returns its path. */
  public Path write(Path path) throws IOException {
    toWriter().write(path);
    return path;
  }

  /** The model file's bytes. */
  public byte[] toBytes() {
    return toWriter().toByteArray();
  }

  private void addTensors(GgufWriter w) {
    Random random = new Random(seed);
    int vocab = vocabulary.tokens().size();
    int qDim = headCount * headDim;
    int kvDim = headCountKv * headDim;
    matrix(w, random, "token_embd.weight", embeddingLength, vocab);
    for (int i = 0; i < blockCount; i++) {
      String b = "blk." + i + ".";
      norm(w, random, b + "attn_norm.weight", embeddingLength);
      matrix(w, random, b + "attn_q.weight", embeddingLength, qDim);
      matrix(w, random, b + "attn_k.weight", embeddingLength, kvDim);
      matrix(w, random, b + "attn_v.weight", embeddingLength, kvDim);
      if (architecture.equals("qwen2")) {
        vector(w, random, b + "attn_q.bias", qDim);
        vector(w, random, b + "attn_k.bias", kvDim);
        vector(w, random, b + "attn_v.bias", kvDim);
      }
      if (architecture.equals("qwen3")) {
        norm(w, random, b + "attn_q_norm.weight", headDim);
        norm(w, random, b + "attn_k_norm.weight", headDim);
      }
      matrix(w, random, b + "attn_output.weight", qDim, embeddingLength);
      norm(w, random, b + "ffn_norm.weight", embeddingLength);
      matrix(w, random, b + "ffn_gate.weight", embeddingLength, feedForwardLength);
      matrix(w, random, b + "ffn_up.weight", embeddingLength, feedForwardLength);
      matrix(w, random, b + "ffn_down.weight", feedForwardLength, embeddingLength);
    }
    norm(w, random, "output_norm.weight", embeddingLength);
    if (!tiedEmbeddings) {
      matrix(w, random, "output.weight", embeddingLength, vocab);
    }
  }

  /**
   * Matrices of at least this many values are generated while the file is written ({@link
   * GeneratedMatrix}), so benchmark-sized models do not need the heap; smaller ones, all the test
   * models, draw from the model's {@link Random} as before.
   */
  private static final long STREAMED_VALUES = 1L << 22;

  /** A weight matrix {@code [in, out]} (ggml order), N(0, 0.02) as initialisers use. */
  private void matrix(GgufWriter w, Random random, String name, int in, int out) {
    if ((long) in * out >= STREAMED_VALUES) {
      w.addTensor(name, typeOf(name), new long[] {in, out}, new GeneratedMatrix(typeOf(name), in, out, random.nextLong()));
      return;
    }
    float[] v = new float[Math.multiplyExact(in, out)];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (random.nextGaussian() * 0.02);
    }
    GgmlType type = typeOf(name);
    if (type.isQuantized()) {
      w.addTensor(name, type, new long[] {in, out}, Quantizer.quantize(type, v));
    } else {
      w.addTensor(name, type, new long[] {in, out}, v);
    }
  }

  /** A norm weight near 1. */
  private static void norm(GgufWriter w, Random random, String name, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (1 + random.nextGaussian() * 0.1);
    }
    w.addTensor(name, new long[] {n}, v);
  }

  /** A bias near 0. */
  private static void vector(GgufWriter w, Random random, String name, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (random.nextGaussian() * 0.02);
    }
    w.addTensor(name, new long[] {n}, v);
  }

  /** Builds a {@link TinyModel}; every setter has a default. */
  public static final class Builder {
    private String architecture = "llama";
    private TinyVocabulary vocabulary;
    private boolean sentencePiece;
    private String name;
    private int contextLength = 4096;
    private int embeddingLength = 64;
    private int blockCount = 2;
    private int headCount = 4;
    private int headCountKv = 2;
    private int headDim;
    private int feedForwardLength = 160;
    private GgmlType weightType = GgmlType.F32;
    private final Map<String, GgmlType> tensorTypes = new java.util.HashMap<>();
    private boolean mixedQ4KM;
    private boolean tiedEmbeddings;
    private long seed = 42;

    private Builder() {}

    /** {@code llama} (default), {@code qwen2} or {@code qwen3}. */
    public Builder architecture(String v) {
      architecture = v;
      return this;
    }

    /** A SentencePiece ({@code llama}) vocabulary instead of the family's byte-level BPE. */
    public Builder sentencePiece(boolean v) {
      sentencePiece = v;
      return this;
    }

    /** An explicit vocabulary (overrides {@link #sentencePiece}). */
    public Builder vocabulary(TinyVocabulary v) {
      vocabulary = v;
      return this;
    }

    /** {@code general.name}; default {@code tiny-<arch>}. */
    public Builder name(String v) {
      name = v;
      return this;
    }

    /** Default 4096. */
    public Builder contextLength(int v) {
      contextLength = v;
      return this;
    }

    /** Default 64. */
    public Builder embeddingLength(int v) {
      embeddingLength = v;
      return this;
    }

    /** Default 2. */
    public Builder blockCount(int v) {
      blockCount = v;
      return this;
    }

    /** Default 4. */
    public Builder headCount(int v) {
      headCount = v;
      return this;
    }

    /** Default 2. */
    public Builder headCountKv(int v) {
      headCountKv = v;
      return this;
    }

    /** Default embedding length / head count. */
    public Builder headDim(int v) {
      headDim = v;
      return this;
    }

    /** Default 160. */
    public Builder feedForwardLength(int v) {
      feedForwardLength = v;
      return this;
    }

    /** One of {@link #WEIGHT_TYPES}: F32 (default), F16, BF16, Q8_0, Q4_0, Q4_K, Q5_K, Q6_K. */
    public Builder weightType(GgmlType v) {
      weightType = v;
      return this;
    }

    /** The type of one weight matrix, by tensor name (e.g. {@code blk.0.ffn_down.weight}). */
    public Builder tensorType(String tensor, GgmlType type) {
      tensorTypes.put(Objects.requireNonNull(tensor, "tensor"), Objects.requireNonNull(type, "type"));
      return this;
    }

    /**
     * A mix in the manner of llama.cpp's Q4_K_M, with every K type present: Q4_K by default; Q6_K for
     * {@code output.weight} (for {@code token_embd.weight} when embeddings are tied) and for {@code
     * attn_v}/{@code ffn_down} in the layers llama.cpp gives more bits (the first and last eighth and
     * every third between; with two layers, layer 1); Q5_K for {@code attn_k}. Explicit {@link
     * #tensorType} settings win. Matrices whose rows are not a multiple of 256 wide fall back to
     * Q8_0 (llama.cpp would use Q5_0/Q5_1/Q8_0, of which the kernels read only Q8_0).
     */
    public Builder mixedQ4KM() {
      mixedQ4KM = true;
      return this;
    }

    /** Leave out {@code output.weight}; default false. */
    public Builder tiedEmbeddings(boolean v) {
      tiedEmbeddings = v;
      return this;
    }

    /** Default 42. */
    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /** The model. */
    public TinyModel build() {
      return new TinyModel(
          architecture,
          vocabulary != null ? vocabulary : defaultVocabulary(architecture, sentencePiece),
          name != null ? name : "tiny-" + architecture,
          contextLength,
          embeddingLength,
          blockCount,
          headCount,
          headCountKv,
          headDim > 0 ? headDim : embeddingLength / Math.max(1, headCount),
          feedForwardLength,
          mixedQ4KM ? GgmlType.Q4_K : weightType,
          mixedQ4KM ? withQ4KMMix(tensorTypes) : tensorTypes,
          tiedEmbeddings,
          seed);
    }

    private List<String> allMatrices() {
      List<String> names = new java.util.ArrayList<>(List.of("token_embd.weight"));
      for (int i = 0; i < blockCount; i++) {
        for (String t : List.of("attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down")) {
          names.add("blk." + i + "." + t + ".weight");
        }
      }
      if (!tiedEmbeddings) {
        names.add("output.weight");
      }
      return names;
    }

    private Map<String, GgmlType> withQ4KMMix(Map<String, GgmlType> explicit) {
      Map<String, GgmlType> m = new java.util.HashMap<>();
      m.put(tiedEmbeddings ? "token_embd.weight" : "output.weight", GgmlType.Q6_K);
      for (int i = 0; i < blockCount; i++) {
        boolean moreBits = i < blockCount / 8 || i >= 7 * blockCount / 8
            || (i - blockCount / 8) % 3 == 2;
        m.put("blk." + i + ".attn_k.weight", GgmlType.Q5_K);
        if (moreBits) {
          m.put("blk." + i + ".attn_v.weight", GgmlType.Q6_K);
          m.put("blk." + i + ".ffn_down.weight", GgmlType.Q6_K);
        }
      }
      // llama.cpp quantises a matrix whose rows are not a whole number of 256-value super-blocks
      // with a fallback type (Q4_K → Q5_0, Q5_K → Q5_1, Q6_K → Q8_0); the kernels read none of
      // Q5_0/Q5_1, so every such matrix falls back to Q8_0 here (slightly larger than llama.cpp's).
      int qDim = headCount * (headDim > 0 ? headDim : embeddingLength / Math.max(1, headCount));
      for (String t : allMatrices()) {
        int width = t.endsWith("attn_output.weight") ? qDim
            : t.endsWith("ffn_down.weight") ? feedForwardLength : embeddingLength;
        if (width % 256 != 0) {
          m.put(t, GgmlType.Q8_0);
        }
      }
      m.putAll(explicit);
      return m;
    }
  }
}
