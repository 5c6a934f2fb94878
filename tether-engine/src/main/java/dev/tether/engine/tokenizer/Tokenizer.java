package dev.tether.engine.tokenizer;

import dev.tether.engine.gguf.GgufHeader;
import dev.tether.engine.gguf.TokenizerMetadata;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Turns text into token ids and back, as the model's own tokenizer does (and as llama.cpp does for
 * the same GGUF file). Built from {@code tokenizer.ggml.*} metadata:
 *
 * <pre>{@code
 * Tokenizer tok = Tokenizer.from(GgufHeader.read(modelPath));
 * int[] prompt = tok.encode(renderedChatTemplate, true, true);   // BOS per the file, <|im_start|> parsed
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe (the word cache is concurrent).
 */
public abstract sealed class Tokenizer permits BytePairTokenizer, SentencePieceTokenizer {
  final Vocabulary vocabulary;
  private final SpecialTokens specials;

  Tokenizer(Vocabulary vocabulary, TokenizerMetadata m, boolean defaultAddBos) {
    this.vocabulary = vocabulary;
    OptionalInt eot = m.eotTokenId();
    Set<Integer> eog = new HashSet<>();
    m.eosTokenId().ifPresent(eog::add);
    m.eomTokenId().ifPresent(eog::add);
    for (int i = 0; i < vocabulary.size(); i++) {
      if (isSpecial(vocabulary, i) && SpecialTokens.END_OF_TURN_TEXTS.contains(vocabulary.texts[i])) {
        eog.add(i);
      }
    }
    for (String text : SpecialTokens.EOT_TEXTS) {
      int id = vocabulary.id(text);
      if (eot.isEmpty() && id >= 0 && isSpecial(vocabulary, id)) {
        eot = OptionalInt.of(id);
      }
    }
    eot.ifPresent(eog::add);
    this.specials =
        new SpecialTokens(
            m.bosTokenId(),
            m.eosTokenId(),
            eot,
            m.eomTokenId(),
            m.paddingTokenId(),
            m.unknownTokenId(),
            m.addBosToken().orElse(defaultAddBos) && m.bosTokenId().isPresent(),
            m.addEosToken().orElse(false) && m.eosTokenId().isPresent(),
            eog);
  }

  private static boolean isSpecial(Vocabulary v, int id) {
    return v.types[id] == TokenizerMetadata.CONTROL || v.types[id] == TokenizerMetadata.USER_DEFINED;
  }

  /**
   * The tokenizer a GGUF file describes: byte-level BPE for {@code tokenizer.ggml.model = gpt2},
   * SentencePiece BPE for {@code llama}.
   *
   * @throws IllegalArgumentException if the metadata has no vocabulary or names another model
   */
  public static Tokenizer from(TokenizerMetadata m) {
    if (m.tokens().isEmpty()) {
      throw new IllegalArgumentException("the model has no vocabulary (tokenizer.ggml.tokens)");
    }
    String model = m.model().orElse("(none)");
    return switch (model) {
      case "gpt2" -> new BytePairTokenizer(m);
      case "llama" -> new SentencePieceTokenizer(m);
      default ->
          throw new IllegalArgumentException(
              "tokenizer model '" + model + "' is not supported (gpt2 and llama are)");
    };
  }

  /** {@link #from(TokenizerMetadata)} for a header read with its vocabulary. */
  public static Tokenizer from(GgufHeader header) {
    return from(TokenizerMetadata.from(header));
  }

  /**
   * Encodes text.
   *
   * @param addSpecial add BOS and EOS as the model wants ({@link SpecialTokens#addBos()})
   * @param parseSpecial recognise control tokens written in the text ({@code <|im_start|>}); off for
   *     text from users, so that it cannot forge turn markers. User-defined tokens are always
   *     recognised, as in llama.cpp.
   */
  public abstract int[] encode(String text, boolean addSpecial, boolean parseSpecial);

  /** Encodes text without BOS/EOS. */
  public int[] encode(String text, boolean parseSpecial) {
    return encode(text, false, parseSpecial);
  }

  /** The special tokens. */
  public SpecialTokens specialTokens() {
    return specials;
  }

  /** The number of tokens. */
  public int vocabularySize() {
    return vocabulary.size();
  }

  /** A token's text as stored in the vocabulary (byte-level or {@code ▁} form). */
  public String tokenText(int id) {
    return vocabulary.texts[checked(id)];
  }

  /** A token's type ({@link TokenizerMetadata#CONTROL} etc.). */
  public int tokenType(int id) {
    return vocabulary.types[checked(id)];
  }

  /** The id of a token text, if the vocabulary has it. */
  public OptionalInt tokenId(String text) {
    int id = vocabulary.id(text);
    return id >= 0 ? OptionalInt.of(id) : OptionalInt.empty();
  }

  /**
   * The bytes a token stands for in decoded text (for a control token, its text). Shared; do not
   * modify.
   */
  byte[] tokenBytes(int id) {
    return vocabulary.bytes(checked(id));
  }

  /**
   * The bytes a token contributes to decoded output: nothing for control and unknown tokens unless
   * {@code renderSpecial}.
   */
  byte[] pieceBytes(int id, boolean renderSpecial) {
    return !renderSpecial && vocabulary.isHidden(checked(id)) ? new byte[0] : tokenBytes(id);
  }

  /**
   * Decodes tokens to text, leaving out control tokens; undoes what {@link #encode} adds, so {@code
   * decode(encode(text, false))} is {@code text}.
   */
  public String decode(int[] ids) {
    return decode(ids, false);
  }

  /**
   * Decodes tokens to text; invalid UTF-8 (a cut multi-byte character) becomes U+FFFD.
   *
   * @param renderSpecial write control tokens' text ({@code <|im_end|>}) instead of nothing
   */
  public String decode(int[] ids, boolean renderSpecial) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean segmentStart = true;
    for (int id : ids) {
      byte[] piece = pieceBytes(id, renderSpecial);
      boolean special = vocabulary.isSpecial(id);
      int skip = segmentStart && !special ? leadingBytesToDrop(piece) : 0;
      out.write(piece, skip, piece.length - skip);
      segmentStart = special;
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * A decoder for generated tokens that returns text as soon as it is complete UTF-8 and holds back a
   * partial character until its last byte arrives.
   */
  public StreamingDecoder streamingDecoder(boolean renderSpecial) {
    return new StreamingDecoder(this, renderSpecial);
  }

  /**
   * Bytes to drop from the first text token of a segment (at the start or after a special token):
   * SentencePiece's added space prefix.
   */
  int leadingBytesToDrop(byte[] piece) {
    return 0;
  }

  private int checked(int id) {
    if (id < 0 || id >= vocabulary.size()) {
      throw new IllegalArgumentException("token id " + id + " is outside the vocabulary of " + vocabulary.size());
    }
    return id;
  }
}
