package dev.tether.engine.gguf;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code tokenizer.ggml.*} metadata of a GGUF file. Absent arrays are empty (a header read
 * {@link GgufHeader#WITHOUT_VOCABULARY} has none); flags are empty when the file does not set them,
 * because their defaults depend on the tokenizer model and pre-tokenizer.
 *
 * @param model {@code tokenizer.ggml.model}: {@code "gpt2"} (byte-level BPE), {@code "llama"}
 *     (SentencePiece), …
 * @param pre {@code tokenizer.ggml.pre}: the pre-tokenizer of a BPE vocabulary ({@code "llama-bpe"},
 *     {@code "qwen2"}, …)
 * @param tokens {@code tokenizer.ggml.tokens}, indexed by token id
 * @param scores {@code tokenizer.ggml.scores}, SentencePiece merge priorities (empty if absent)
 * @param tokenTypes {@code tokenizer.ggml.token_type}: 1 normal, 2 unknown, 3 control, 4 user-defined,
 *     5 unused, 6 byte (empty if absent)
 * @param merges {@code tokenizer.ggml.merges}: BPE merges {@code "a b"}, highest priority first
 */
public record TokenizerMetadata(
    Optional<String> model,
    Optional<String> pre,
    List<String> tokens,
    float[] scores,
    int[] tokenTypes,
    List<String> merges,
    OptionalInt bosTokenId,
    OptionalInt eosTokenId,
    OptionalInt eotTokenId,
    OptionalInt eomTokenId,
    OptionalInt unknownTokenId,
    OptionalInt separatorTokenId,
    OptionalInt paddingTokenId,
    Optional<Boolean> addBosToken,
    Optional<Boolean> addEosToken,
    Optional<Boolean> addSpacePrefix,
    Optional<Boolean> removeExtraWhitespaces) {

  /** Token type of an ordinary token. */
  public static final int NORMAL = 1;
  /** Token type of the unknown token. */
  public static final int UNKNOWN = 2;
  /** Token type of a control token ({@code <s>}, {@code <|im_start|>}). */
  public static final int CONTROL = 3;
  /** Token type of a token the model's authors added; matched whole in text. */
  public static final int USER_DEFINED = 4;
  /** Token type of a padding row never produced. */
  public static final int UNUSED = 5;
  /** Token type of a byte-fallback token {@code <0xNN>}. */
  public static final int BYTE = 6;

  /** Copies the arrays and lists. */
  public TokenizerMetadata {
    tokens = List.copyOf(tokens);
    merges = List.copyOf(merges);
    scores = scores.clone();
    tokenTypes = tokenTypes.clone();
  }

  /** Reads the {@code tokenizer.ggml.*} keys of a header. */
  public static TokenizerMetadata from(GgufHeader h) {
    String p = "tokenizer.ggml.";
    List<String> tokens = h.array(p + "tokens").map(a -> strings(h, p + "tokens", a)).orElse(List.of());
    float[] scores = h.array(p + "scores").map(a -> floats(h, p + "scores", a)).orElse(new float[0]);
    int[] types = h.array(p + "token_type").map(a -> ints(h, p + "token_type", a)).orElse(new int[0]);
    List<String> merges = h.array(p + "merges").map(a -> strings(h, p + "merges", a)).orElse(List.of());
    if (scores.length != 0 && scores.length != tokens.size() && !tokens.isEmpty()) {
      throw h.error(p + "scores", "has " + scores.length + " scores for " + tokens.size() + " tokens");
    }
    if (types.length != 0 && types.length != tokens.size() && !tokens.isEmpty()) {
      throw h.error(p + "token_type", "has " + types.length + " types for " + tokens.size() + " tokens");
    }
    return new TokenizerMetadata(
        h.string(p + "model"),
        h.string(p + "pre"),
        tokens,
        scores,
        types,
        merges,
        tokenId(h, p + "bos_token_id", tokens.size()),
        tokenId(h, p + "eos_token_id", tokens.size()),
        tokenId(h, p + "eot_token_id", tokens.size()),
        tokenId(h, p + "eom_token_id", tokens.size()),
        tokenId(h, p + "unknown_token_id", tokens.size()),
        tokenId(h, p + "seperator_token_id", tokens.size()).isPresent()
            ? tokenId(h, p + "seperator_token_id", tokens.size())
            : tokenId(h, p + "separator_token_id", tokens.size()),
        tokenId(h, p + "padding_token_id", tokens.size()),
        h.bool(p + "add_bos_token"),
        h.bool(p + "add_eos_token"),
        h.bool(p + "add_space_prefix"),
        h.bool(p + "remove_extra_whitespaces"));
  }

  /** The number of tokens. */
  public int size() {
    return tokens.size();
  }

  /** A copy of the scores. */
  @Override
  public float[] scores() {
    return scores.clone();
  }

  /** A copy of the token types. */
  @Override
  public int[] tokenTypes() {
    return tokenTypes.clone();
  }

  /** The type of one token, {@link #NORMAL} when the file has no types. */
  public int tokenType(int id) {
    return tokenTypes.length == 0 ? NORMAL : tokenTypes[id];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenizerMetadata t
        && model.equals(t.model)
        && pre.equals(t.pre)
        && tokens.equals(t.tokens)
        && Arrays.equals(scores, t.scores)
        && Arrays.equals(tokenTypes, t.tokenTypes)
        && merges.equals(t.merges)
        && bosTokenId.equals(t.bosTokenId)
        && eosTokenId.equals(t.eosTokenId)
        && eotTokenId.equals(t.eotTokenId)
        && eomTokenId.equals(t.eomTokenId)
        && unknownTokenId.equals(t.unknownTokenId)
        && separatorTokenId.equals(t.separatorTokenId)
        && paddingTokenId.equals(t.paddingTokenId)
        && addBosToken.equals(t.addBosToken)
        && addEosToken.equals(t.addEosToken)
        && addSpacePrefix.equals(t.addSpacePrefix)
        && removeExtraWhitespaces.equals(t.removeExtraWhitespaces);
  }

  @Override
  public int hashCode() {
    return Objects.hash(model, pre, tokens.size(), merges.size(), bosTokenId, eosTokenId);
  }

  @Override
  public String toString() {
    return "TokenizerMetadata[model=" + model.orElse("?") + ", pre=" + pre.orElse("?") + ", tokens="
        + tokens.size() + ", merges=" + merges.size() + ", bos=" + bosTokenId + ", eos=" + eosTokenId
        + ", eot=" + eotTokenId + "]";
  }

  private static OptionalInt tokenId(GgufHeader h, String key, int vocabSize) {
    var v = h.integer(key);
    if (v.isEmpty()) {
      return OptionalInt.empty();
    }
    long id = v.getAsLong();
    // llama.cpp treats an out-of-range special id as absent (with a warning); so do we, except that a
    // vocabulary-less header cannot tell, so it keeps any non-negative int.
    if (id < 0 || id > Integer.MAX_VALUE || (vocabSize > 0 && id >= vocabSize)) {
      return OptionalInt.empty();
    }
    return OptionalInt.of((int) id);
  }

  private static List<String> strings(GgufHeader h, String key, GgufValue.ArrayValue a) {
    if (a.elementType() != GgufType.STRING) {
      throw h.error(key, "'" + key + "' is an ARRAY of " + a.elementType() + ", expected STRING");
    }
    return a.strings();
  }

  private static float[] floats(GgufHeader h, String key, GgufValue.ArrayValue a) {
    if (!a.elementType().isFloat() && !a.elementType().isInteger()) {
      throw h.error(key, "'" + key + "' is an ARRAY of " + a.elementType() + ", expected numbers");
    }
    return a.floats();
  }

  private static int[] ints(GgufHeader h, String key, GgufValue.ArrayValue a) {
    if (!a.elementType().isInteger()) {
      throw h.error(key, "'" + key + "' is an ARRAY of " + a.elementType() + ", expected integers");
    }
    try {
      return a.ints();
    } catch (IllegalStateException e) {
      throw h.error(key, "'" + key + "': " + e.getMessage());
    }
  }
}
