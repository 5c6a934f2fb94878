package dev.tether.engine.tokenizer;

import dev.tether.engine.gguf.TokenizerMetadata;
import java.nio.charset.StandardCharsets;

/**
 * SentencePiece BPE ({@code tokenizer.ggml.model = llama}: Llama 2, Mistral v0.1–v0.3, Gemma …), as
 * llama.cpp's {@code llm_tokenizer_spm} does it: spaces become {@code ▁} (U+2581), a space is put in
 * front of the text and after each special token when {@code add_space_prefix} (default true), the
 * text starts as one symbol per character, and the adjacent pair whose concatenation is the
 * highest-scoring vocabulary token is merged until none is; a character the vocabulary lacks is
 * written as its UTF-8 bytes with the byte-fallback tokens {@code <0x00>}…{@code <0xFF>}.
 *
 * <p>There is no pre-tokenization: a whole text segment is merged at once, with a heap of candidate
 * pairs, O(n log n) in its length.
 */
public final class SentencePieceTokenizer extends Tokenizer {
  private static final char SPACE = '▁';

  private final boolean addSpacePrefix;
  private final int[] byteTokens = new int[256];

  SentencePieceTokenizer(TokenizerMetadata m) {
    super(new Vocabulary(m, SentencePieceTokenizer::pieceBytes), m, true);
    this.addSpacePrefix = m.addSpacePrefix().orElse(true);
    for (int b = 0; b < 256; b++) {
      int id = vocabulary.id(String.format("<0x%02X>", b));
      if (id < 0 && b < 128) {
        id = vocabulary.id(String.valueOf((char) b)); // llama.cpp falls back to the byte as text
      }
      byteTokens[b] = id >= 0 ? id : m.unknownTokenId().orElse(-1);
    }
  }

  @Override
  public int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
    Ints out = new Ints(text.length() / 3 + 4);
    SpecialTokens s = specialTokens();
    if (addSpecial && s.addBos()) {
      out.add(s.bos().getAsInt());
    }
    // llama.cpp puts the space prefix before the first text and again after every special token.
    boolean[] afterSpecial = {true};
    vocabulary.partition(
        text,
        parseSpecial,
        (start, end) -> {
          String segment = text.substring(start, end);
          encodeSegment(addSpacePrefix && afterSpecial[0] ? " " + segment : segment, out);
          afterSpecial[0] = false;
        },
        id -> {
          out.add(id);
          afterSpecial[0] = true;
        });
    if (addSpecial && s.addEos()) {
      out.add(s.eos().getAsInt());
    }
    return out.toArray();
  }

  private void encodeSegment(String raw, Ints out) {
    String text = raw.replace(' ', SPACE);
    int n = text.length();
    // Symbols are characters (code points); start[i] is the char offset, len[i] the char length.
    int[] start = new int[n];
    int[] len = new int[n];
    int count = 0;
    for (int i = 0; i < n; i += len[count - 1]) {
      start[count] = i;
      len[count] = Character.charCount(text.codePointAt(i));
      count++;
    }
    int[] next = new int[count];
    int[] prev = new int[count];
    for (int i = 0; i < count; i++) {
      next[i] = i + 1 < count ? i + 1 : -1;
      prev[i] = i - 1;
    }
    // Candidates keyed (~orderedScore << 32 | left): highest score first, then leftmost, as in
    // llama.cpp's llm_bigram_spm ordering.
    LongHeap heap = new LongHeap(count);
    for (int i = 0; i + 1 < count; i++) {
      push(heap, text, start, len, i, i + 1);
    }
    while (!heap.isEmpty()) {
      long top = heap.pop();
      int left = (int) top;
      if (len[left] == 0 || next[left] < 0) {
        continue;
      }
      int right = next[left];
      int id = vocabulary.id(text.substring(start[left], start[right] + len[right]));
      if (id < 0 || key(vocabulary.scores[id], left) != top) {
        continue; // this pair has changed since it was queued
      }
      len[left] += len[right];
      len[right] = 0;
      next[left] = next[right];
      if (next[right] >= 0) {
        prev[next[right]] = left;
      }
      if (prev[left] >= 0) {
        push(heap, text, start, len, prev[left], left);
      }
      if (next[left] >= 0) {
        push(heap, text, start, len, left, next[left]);
      }
    }
    for (int i = 0; i >= 0 && i < count; i = next[i]) {
      String piece = text.substring(start[i], start[i] + len[i]);
      int id = vocabulary.id(piece);
      if (id >= 0) {
        out.add(id);
      } else {
        for (byte b : piece.getBytes(StandardCharsets.UTF_8)) {
          int t = byteTokens[b & 0xFF];
          if (t >= 0) {
            out.add(t);
          }
        }
      }
    }
  }

  private void push(LongHeap heap, String text, int[] start, int[] len, int left, int right) {
    int id = vocabulary.id(text.substring(start[left], start[right] + len[right]));
    if (id >= 0) {
      heap.push(key(vocabulary.scores[id], left));
    }
  }

  private static long key(float score, int left) {
    int bits = Float.floatToIntBits(score);
    int ordered = bits ^ ((bits >> 31) & 0x7FFF_FFFF); // int order = float order
    return ((long) ~ordered << 32) | left;
  }

  /** The bytes a piece stands for: {@code <0xNN>} is one byte, {@code ▁} a space. */
  static byte[] pieceBytes(String text) {
    if (text.length() == 6 && text.startsWith("<0x") && text.endsWith(">")) {
      try {
        return new byte[] {(byte) Integer.parseInt(text.substring(3, 5), 16)};
      } catch (NumberFormatException e) {
        // an ordinary piece that happens to look like a byte token
      }
    }
    return text.replace(SPACE, ' ').getBytes(StandardCharsets.UTF_8);
  }

  @Override
  int leadingBytesToDrop(byte[] piece) {
    // Undo the space prefix that encoding adds at the start and after each special token.
    return addSpacePrefix && piece.length > 0 && piece[0] == ' ' ? 1 : 0;
  }
}
