package dev.tether.engine.tiny;

import dev.tether.engine.gguf.GgufValue;
import dev.tether.engine.gguf.GgufWriter;
import dev.tether.engine.gguf.TokenizerMetadata;
import dev.tether.engine.tokenizer.ByteLevel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A small but real tokenizer vocabulary for generated test models: the 256 byte tokens (GPT-2 byte
 * level) or byte-fallback tokens (SentencePiece), a few hundred merges learnt by a deterministic BPE
 * run over a built-in sample of prose and code, and the special tokens of a model family. Tokenizers
 * built from it compress English and code text the way real ones do, at a size that keeps tests fast.
 *
 * @param model {@code tokenizer.ggml.model}: {@code gpt2} or {@code llama}
 * @param pre {@code tokenizer.ggml.pre}
 * @param tokens every token, indexed by id
 * @param tokenTypes the type of each token (see {@link TokenizerMetadata#NORMAL} etc.)
 * @param scores SentencePiece scores, or empty for BPE
 * @param merges BPE merges {@code "a b"} in priority order, or empty for SentencePiece
 * @param specials the special tokens' ids by role: {@code bos}, {@code eos}, {@code eot}, {@code pad},
 *     {@code unk}
 * @param addBos whether a prompt starts with the bos token
 */
public record TinyVocabulary(
    String model,
    String pre,
    List<String> tokens,
    int[] tokenTypes,
    float[] scores,
    List<String> merges,
    Map<String, Integer> specials,
    boolean addBos) {

  /** The text the merges are learnt from: prose, code and the whitespace runs of code. */
  static final String SAMPLE =
      """
      Hello world! The quick brown fox jumps over the lazy dog. This is a test of the tokenizer, \
      and it should split the text into words, numbers like 12345 and 3.14, and punctuation. \
      You are a helpful assistant. Please read the file and tell me what the function does. \
      I'll look at it: it's the main entry point, and they're calling it from the tests.

      public final class Hello {
          public static void main(String[] args) {
              System.out.println("Hello, world");
              for (int i = 0; i < args.length; i++) {
                  return;
              }
          }
      }

      def hello(name: str) -> str:
          return f"Hello, {name}!"

      import os
      if __name__ == "__main__":
          print(hello("world"))
      """;

  /** Copies the collections. */
  public TinyVocabulary {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(pre, "pre");
    tokens = List.copyOf(tokens);
    tokenTypes = tokenTypes.clone();
    scores = scores.clone();
    merges = List.copyOf(merges);
    specials = Map.copyOf(specials);
  }

  /**
   * This vocabulary grown to {@code size} tokens with {@code [PADn]} tokens of type unused (as
   * Qwen's padded rows), so a benchmark model has a real model's embedding and output sizes; the
   * tokenizer never produces them.
   *
   * @throws IllegalArgumentException if {@code size} is smaller than the vocabulary
   */
  public TinyVocabulary padded(int size) {
    if (size < tokens.size()) {
      throw new IllegalArgumentException("cannot pad " + tokens.size() + " tokens down to " + size);
    }
    List<String> grown = new ArrayList<>(tokens);
    int[] types = java.util.Arrays.copyOf(tokenTypes, size);
    for (int i = tokens.size(); i < size; i++) {
      grown.add("[PAD" + i + "]");
      types[i] = TokenizerMetadata.UNUSED;
    }
    float[] grownScores = scores.length == 0 ? scores : java.util.Arrays.copyOf(scores, size);
    for (int i = scores.length; i < grownScores.length; i++) {
      grownScores[i] = -1e9f;
    }
    return new TinyVocabulary(model, pre, grown, types, grownScores, merges, specials, addBos);
  }

  /** A copy of the token types. */
  @Override
  public int[] tokenTypes() {
    return tokenTypes.clone();
  }

  /** A copy of the scores. */
  @Override
  public float[] scores() {
    return scores.clone();
  }

  /**
   * A GPT-2 style byte-level BPE vocabulary: ids 0 to 255 are the byte tokens in GPT-2's order,
   * then {@code mergeCount} learnt merges, then the special tokens.
   *
   * @param pre the pre-tokenizer name to record ({@code llama-bpe}, {@code qwen2}, …)
   * @param control special tokens of type control, e.g. {@code <|im_start|>}
   * @param userDefined special tokens of type user-defined, e.g. {@code <tool_call>}
   * @param roles special roles ({@code bos}, {@code eos}, {@code eot}, {@code pad}) → token text
   */
  public static TinyVocabulary bytePairs(
      String pre,
      int mergeCount,
      List<String> control,
      List<String> userDefined,
      Map<String, String> roles,
      boolean addBos) {
    List<String> tokens = new ArrayList<>();
    List<Integer> types = new ArrayList<>();
    for (int i = 0; i < 256; i++) {
      tokens.add(String.valueOf(ByteLevel.charOf(ByteLevel.byteAtTokenIndex(i))));
      types.add(TokenizerMetadata.NORMAL);
    }
    Map<List<String>, Integer> words = new LinkedHashMap<>();
    for (String word : words(SAMPLE, ' ')) {
      List<String> symbols = new ArrayList<>();
      for (byte b : word.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
        symbols.add(String.valueOf(ByteLevel.charOf(b)));
      }
      words.merge(symbols, 1, Integer::sum);
    }
    List<String> merges = learnMerges(words, mergeCount);
    for (String m : merges) {
      tokens.add(m.replace(" ", ""));
      types.add(TokenizerMetadata.NORMAL);
    }
    addSpecials(tokens, types, control, userDefined);
    return new TinyVocabulary(
        "gpt2", pre, tokens, toInts(types), new float[0], merges, ids(tokens, roles), addBos);
  }

  /**
   * A SentencePiece (llama) vocabulary: {@code <unk>}, {@code <s>}, {@code </s>}, the 256 byte
   * fallback tokens {@code <0x00>} to {@code <0xFF>}, the sample's characters, then {@code
   * pieceCount} learnt pieces with descending scores. Spaces are {@code ▁} (U+2581).
   */
  public static TinyVocabulary sentencePiece(int pieceCount) {
    List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
    List<Integer> types =
        new ArrayList<>(
            List.of(TokenizerMetadata.UNKNOWN, TokenizerMetadata.CONTROL, TokenizerMetadata.CONTROL));
    List<Float> scores = new ArrayList<>(List.of(0f, 0f, 0f));
    for (int b = 0; b < 256; b++) {
      tokens.add(String.format("<0x%02X>", b));
      types.add(TokenizerMetadata.BYTE);
      scores.add(0f);
    }
    String text = "▁" + SAMPLE.replace(' ', '▁');
    Map<List<String>, Integer> words = new LinkedHashMap<>();
    for (String word : words(text, '▁')) {
      List<String> symbols = new ArrayList<>();
      word.codePoints().forEach(c -> symbols.add(Character.toString(c)));
      words.merge(symbols, 1, Integer::sum);
    }
    List<String> merges = learnMerges(words, pieceCount);
    for (int i = 0; i < merges.size(); i++) {
      tokens.add(merges.get(i).replace(" ", ""));
      types.add(TokenizerMetadata.NORMAL);
      scores.add((float) -i);
    }
    text.codePoints()
        .filter(c -> c != '\n')
        .distinct()
        .sorted()
        .forEach(
            c -> {
              tokens.add(Character.toString(c));
              types.add(TokenizerMetadata.NORMAL);
              scores.add(-1000f - c);
            });
    float[] s = new float[scores.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = scores.get(i);
    }
    return new TinyVocabulary(
        "llama",
        "default",
        tokens,
        toInts(types),
        s,
        List.of(),
        ids(tokens, Map.of("unk", "<unk>", "bos", "<s>", "eos", "</s>")),
        true);
  }

  /** Writes the {@code tokenizer.ggml.*} keys. */
  public GgufWriter putInto(GgufWriter w) {
    String p = "tokenizer.ggml.";
    w.put(p + "model", GgufValue.string(model));
    w.put(p + "pre", GgufValue.string(pre));
    w.put(p + "tokens", GgufValue.strings(tokens));
    if (scores.length > 0) {
      w.put(p + "scores", GgufValue.float32s(scores));
    }
    w.put(p + "token_type", GgufValue.int32s(tokenTypes));
    if (!merges.isEmpty()) {
      w.put(p + "merges", GgufValue.strings(merges));
    }
    Map<String, String> keys =
        Map.of("bos", "bos_token_id", "eos", "eos_token_id", "eot", "eot_token_id", "pad",
            "padding_token_id", "unk", "unknown_token_id");
    for (var e : new TreeMap<>(specials).entrySet()) {
      w.put(p + keys.get(e.getKey()), GgufValue.uint32(e.getValue()));
    }
    w.put(p + "add_bos_token", GgufValue.bool(addBos));
    w.put(p + "add_eos_token", GgufValue.bool(false));
    return w;
  }

  /**
   * Greedy BPE training: repeatedly merges the most frequent adjacent pair (ties broken by the pair's
   * text, so the result does not depend on hash order).
   */
  private static List<String> learnMerges(Map<List<String>, Integer> words, int count) {
    List<List<String>> ws = new ArrayList<>(words.keySet());
    int[] freq = words.values().stream().mapToInt(Integer::intValue).toArray();
    List<String> merges = new ArrayList<>();
    while (merges.size() < count) {
      Map<String, Integer> pairs = new HashMap<>();
      for (int w = 0; w < ws.size(); w++) {
        List<String> s = ws.get(w);
        for (int i = 0; i + 1 < s.size(); i++) {
          pairs.merge(s.get(i) + " " + s.get(i + 1), freq[w], Integer::sum);
        }
      }
      String best = null;
      int bestCount = 0;
      for (var e : pairs.entrySet()) {
        if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey().compareTo(best) < 0)) {
          best = e.getKey();
          bestCount = e.getValue();
        }
      }
      if (best == null) {
        break;
      }
      merges.add(best);
      int space = best.indexOf(' ', 1);
      String left = best.substring(0, space);
      String right = best.substring(space + 1);
      for (List<String> s : ws) {
        for (int i = 0; i + 1 < s.size(); i++) {
          if (s.get(i).equals(left) && s.get(i + 1).equals(right)) {
            s.set(i, left + right);
            s.remove(i + 1);
          }
        }
      }
    }
    return merges;
  }

  /**
   * Cuts training text into words roughly as GPT-2's pre-tokenizer does: an optional leading space
   * with a run of letters, digits or other symbols, or a run of whitespace. Merges never cross words.
   */
  private static List<String> words(String text, char space) {
    String s = java.util.regex.Pattern.quote(String.valueOf(space));
    var m =
        java.util.regex.Pattern.compile(
                s + "?\\p{L}+|" + s + "?\\p{N}+|" + s + "?[^\\s\\p{L}\\p{N}" + s + "]+|[\\s" + s + "]+")
            .matcher(text);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  private static void addSpecials(
      List<String> tokens, List<Integer> types, List<String> control, List<String> userDefined) {
    for (String s : control) {
      tokens.add(s);
      types.add(TokenizerMetadata.CONTROL);
    }
    for (String s : userDefined) {
      tokens.add(s);
      types.add(TokenizerMetadata.USER_DEFINED);
    }
  }

  private static Map<String, Integer> ids(List<String> tokens, Map<String, String> roles) {
    Map<String, Integer> ids = new HashMap<>();
    roles.forEach(
        (role, text) -> {
          int id = tokens.indexOf(text);
          if (id < 0) {
            throw new IllegalArgumentException("no token " + text + " for " + role);
          }
          ids.put(role, id);
        });
    return ids;
  }

  private static int[] toInts(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TinyVocabulary v
        && model.equals(v.model)
        && pre.equals(v.pre)
        && tokens.equals(v.tokens)
        && Arrays.equals(tokenTypes, v.tokenTypes)
        && Arrays.equals(scores, v.scores)
        && merges.equals(v.merges)
        && specials.equals(v.specials)
        && addBos == v.addBos;
  }

  @Override
  public int hashCode() {
    return Objects.hash(model, pre, tokens, merges, specials, addBos);
  }

  @Override
  public String toString() {
    return "TinyVocabulary[" + model + "/" + pre + ", " + tokens.size() + " tokens]";
  }
}
