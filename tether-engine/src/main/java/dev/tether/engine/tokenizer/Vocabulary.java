package dev.tether.engine.tokenizer;

import dev.tether.engine.gguf.TokenizerMetadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The token table shared by both tokenizer kinds: texts, types, the bytes each token decodes to, the
 * text → id index, and the special tokens that are cut out of text before it is split into words.
 */
final class Vocabulary {
  final String[] texts;
  final int[] types;
  final float[] scores;
  private final Map<String, Integer> ids;
  private final byte[][] bytes;
  /** Control, user-defined and unknown tokens, longest first, bucketed by first char. */
  private final Map<Character, int[]> specialsByFirstChar = new HashMap<>();

  /**
   * @param decode the bytes a normal token's text stands for
   */
  Vocabulary(TokenizerMetadata m, java.util.function.Function<String, byte[]> decode) {
    int n = m.size();
    texts = m.tokens().toArray(String[]::new);
    int[] t = m.tokenTypes();
    types = t.length == n ? t : filled(n, TokenizerMetadata.NORMAL);
    float[] s = m.scores();
    scores = s.length == n ? s : new float[n];
    ids = HashMap.newHashMap(n);
    bytes = new byte[n][];
    List<Integer> specials = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.putIfAbsent(texts[i], i); // llama.cpp keeps the last duplicate; real vocabularies have none
      bytes[i] =
          switch (types[i]) {
            case TokenizerMetadata.CONTROL, TokenizerMetadata.USER_DEFINED, TokenizerMetadata.UNKNOWN ->
                texts[i].getBytes(java.nio.charset.StandardCharsets.UTF_8);
            default -> decode.apply(texts[i]);
          };
      int type = types[i];
      if ((type == TokenizerMetadata.CONTROL
              || type == TokenizerMetadata.USER_DEFINED
              || type == TokenizerMetadata.UNKNOWN)
          && !texts[i].isEmpty()) {
        specials.add(i);
      }
    }
    specials.sort(Comparator.comparingInt((Integer i) -> -texts[i].length()).thenComparingInt(i -> i));
    Map<Character, List<Integer>> buckets = new HashMap<>();
    for (int id : specials) {
      buckets.computeIfAbsent(texts[id].charAt(0), c -> new ArrayList<>()).add(id);
    }
    buckets.forEach((c, list) -> specialsByFirstChar.put(c, list.stream().mapToInt(i -> i).toArray()));
  }

  int size() {
    return texts.length;
  }

  /** The id of a token text, or -1. */
  int id(String text) {
    Integer id = ids.get(text);
    return id != null ? id : -1;
  }

  byte[] bytes(int id) {
    return bytes[id];
  }

  /** Control and unknown tokens, which decode to nothing unless special tokens are rendered. */
  boolean isHidden(int id) {
    return types[id] == TokenizerMetadata.CONTROL || types[id] == TokenizerMetadata.UNKNOWN;
  }

  /** Tokens cut out of text before splitting: control, user-defined and unknown. */
  boolean isSpecial(int id) {
    int t = types[id];
    return t == TokenizerMetadata.CONTROL || t == TokenizerMetadata.USER_DEFINED || t == TokenizerMetadata.UNKNOWN;
  }

  /**
   * Cuts the special tokens out of text, left to right and longest first at each position (as
   * llama.cpp's {@code tokenizer_st_partition} does for non-overlapping matches). User-defined tokens
   * are always recognised; control and unknown tokens only when {@code parseSpecial}, so that text a
   * user typed cannot smuggle in {@code <|im_start|>}.
   *
   * @param text called with each run of ordinary text, as [start, end) char indexes
   * @param special called with each special token's id
   */
  void partition(String text, boolean parseSpecial, TextRange textRun, IntConsumer special) {
    int start = 0;
    int n = text.length();
    if (!specialsByFirstChar.isEmpty()) {
      for (int i = 0; i < n; i++) {
        int[] candidates = specialsByFirstChar.get(text.charAt(i));
        if (candidates == null) {
          continue;
        }
        for (int id : candidates) {
          if (!parseSpecial && types[id] != TokenizerMetadata.USER_DEFINED) {
            continue;
          }
          if (text.startsWith(texts[id], i)) {
            if (start < i) {
              textRun.accept(start, i);
            }
            special.accept(id);
            i += texts[id].length() - 1;
            start = i + 1;
            break;
          }
        }
      }
    }
    if (start < n) {
      textRun.accept(start, n);
    }
  }

  /** A [start, end) range of a string. */
  @FunctionalInterface
  interface TextRange {
    void accept(int start, int end);
  }

  private static int[] filled(int n, int value) {
    int[] a = new int[n];
    Arrays.fill(a, value);
    return a;
  }
}
