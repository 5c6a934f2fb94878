package dev.tether.engine.tokenizer;

import dev.tether.engine.gguf.GgufHeader;
import dev.tether.engine.gguf.GgufValue;
import dev.tether.engine.gguf.GgufWriter;
import dev.tether.engine.gguf.TokenizerMetadata;
import dev.tether.engine.tiny.TinyModel;
import dev.tether.engine.tiny.TinyVocabulary;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Small vocabularies for tokenizer tests, written to GGUF and read back as a model's would be. */
final class Vocabularies {
  private Vocabularies() {}

  /** The tokenizer of a tiny model family ({@code llama} → llama-bpe, {@code qwen2} → qwen2). */
  static Tokenizer tiny(String architecture) {
    return from(TinyModel.defaultVocabulary(architecture, false));
  }

  /** The tiny SentencePiece vocabulary. */
  static Tokenizer tinySentencePiece() {
    return from(TinyModel.defaultVocabulary("llama", true));
  }

  static Tokenizer from(TinyVocabulary v) {
    return from(v, w -> {});
  }

  /** Writes the vocabulary, lets {@code adjust} change the metadata, and reads it back. */
  static Tokenizer from(TinyVocabulary v, Consumer<GgufWriter> adjust) {
    return Tokenizer.from(metadata(v, adjust));
  }

  static TokenizerMetadata metadata(TinyVocabulary v, Consumer<GgufWriter> adjust) {
    GgufWriter w = new GgufWriter();
    v.putInto(w);
    adjust.accept(w);
    return TokenizerMetadata.from(GgufHeader.parse(MemorySegment.ofArray(w.toByteArray()), "test"));
  }

  /**
   * A byte-level BPE vocabulary from merges written in plain text ({@code " t"}, {@code "he"}…
   * become {@code Ġ t}…): the 256 byte tokens, each merge's result in order, then the specials.
   */
  static TinyVocabulary bytePairs(String pre, List<String[]> plainMerges, List<String> control, List<String> userDefined) {
    List<String> tokens = new ArrayList<>();
    List<Integer> types = new ArrayList<>();
    for (int i = 0; i < 256; i++) {
      tokens.add(String.valueOf(ByteLevel.charOf(ByteLevel.byteAtTokenIndex(i))));
      types.add(TokenizerMetadata.NORMAL);
    }
    List<String> merges = new ArrayList<>();
    for (String[] m : plainMerges) {
      String left = byteLevel(m[0]);
      String right = byteLevel(m[1]);
      merges.add(left + " " + right);
      if (!tokens.contains(left + right)) {
        tokens.add(left + right);
        types.add(TokenizerMetadata.NORMAL);
      }
    }
    for (String s : control) {
      tokens.add(s);
      types.add(TokenizerMetadata.CONTROL);
    }
    for (String s : userDefined) {
      tokens.add(s);
      types.add(TokenizerMetadata.USER_DEFINED);
    }
    Map<String, Integer> specials = control.isEmpty() ? Map.of() : Map.of("bos", tokens.indexOf(control.getFirst()));
    return new TinyVocabulary(
        "gpt2", pre, tokens, types.stream().mapToInt(i -> i).toArray(), new float[0], merges, specials, false);
  }

  /** Adds plain tokens (no merge produces them) to a byte-level vocabulary. */
  static TinyVocabulary withTokens(TinyVocabulary v, String... plain) {
    List<String> tokens = new ArrayList<>(v.tokens());
    int[] old = v.tokenTypes();
    int[] types = java.util.Arrays.copyOf(old, old.length + plain.length);
    for (int i = 0; i < plain.length; i++) {
      tokens.add(byteLevel(plain[i]));
      types[old.length + i] = TokenizerMetadata.NORMAL;
    }
    return new TinyVocabulary(v.model(), v.pre(), tokens, types, v.scores(), v.merges(), v.specials(), v.addBos());
  }

  static String byteLevel(String plain) {
    return ByteLevel.encode(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** The texts of tokens, for readable assertions. */
  static List<String> texts(Tokenizer t, int[] ids) {
    List<String> out = new ArrayList<>();
    for (int id : ids) {
      out.add(t.tokenText(id));
    }
    return out;
  }

  /** Sets a bool key. */
  static Consumer<GgufWriter> bool(String key, boolean value) {
    return w -> w.put(key, GgufValue.bool(value));
  }
}
