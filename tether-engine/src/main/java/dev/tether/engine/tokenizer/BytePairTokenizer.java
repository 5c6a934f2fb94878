package dev.tether.engine.tokenizer;

import dev.tether.engine.gguf.TokenizerMetadata;
import java.io.ByteArrayOutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GPT-2 style byte-level BPE ({@code tokenizer.ggml.model = gpt2}): special tokens are cut out, the
 * rest is split into words by the {@link PreTokenizer} named in {@code tokenizer.ggml.pre}, each
 * word's UTF-8 bytes start as byte tokens, and adjacent pairs are merged lowest rank first until no
 * pair in {@code tokenizer.ggml.merges} applies.
 *
 * <p>Speed: merges are looked up by the two token ids in a {@link PairTable}; each word is merged with
 * a heap of candidate pairs over a linked list of symbols, O(n log n) in its length; and words repeat
 * so often in prompts (code indentation, common words) that a cache of word → tokens answers most of
 * them.
 *
 * <p>An unknown {@code tokenizer.ggml.pre} falls back to the {@code default} splitter with a warning,
 * as llama.cpp does; the words may then differ from the model's own tokenizer, which costs quality but
 * not correctness of decoding.
 */
public final class BytePairTokenizer extends Tokenizer {
  private static final System.Logger LOG = System.getLogger(BytePairTokenizer.class.getName());
  private static final int CACHE_LIMIT = 1 << 16;
  private static final int[] NO_TOKENS = new int[0];

  private final PreTokenizer pre;
  private final PairTable merges;
  private final int[] byteTokens = new int[256];
  private final boolean ignoreMerges;
  private final ConcurrentHashMap<String, int[]> cache = new ConcurrentHashMap<>();

  BytePairTokenizer(TokenizerMetadata m) {
    this(m, preTokenizer(m.pre().orElse("default")), BytePairTokenizer::byteLevelBytes);
  }

  private BytePairTokenizer(
      TokenizerMetadata m, PreTokenizer pre, java.util.function.Function<String, byte[]> decode) {
    super(new Vocabulary(m, decode), m, pre.llama3Style());
    this.pre = pre;
    this.ignoreMerges = pre.llama3Style();
    for (int b = 0; b < 256; b++) {
      byteTokens[b] = vocabulary.id(String.valueOf(ByteLevel.charOf(b)));
    }
    List<String> list = m.merges();
    merges = new PairTable(list.size());
    int skipped = 0;
    for (int rank = 0; rank < list.size(); rank++) {
      String merge = list.get(rank);
      int space = merge.indexOf(' ', 1);
      int left = space > 0 ? vocabulary.id(merge.substring(0, space)) : -1;
      int right = space > 0 ? vocabulary.id(merge.substring(space + 1)) : -1;
      int result = space > 0 ? vocabulary.id(merge.substring(0, space) + merge.substring(space + 1)) : -1;
      if (left < 0 || right < 0 || result < 0) {
        skipped++;
        continue;
      }
      merges.put(left, right, rank, result);
    }
    if (skipped > 0) {
      LOG.log(Level.WARNING, "{0} BPE merges name tokens the vocabulary lacks; they are ignored", skipped);
    }
  }

  private static PreTokenizer preTokenizer(String name) {
    if (PreTokenizer.isKnown(name)) {
      return PreTokenizer.named(name);
    }
    LOG.log(
        Level.WARNING,
        "unknown pre-tokenizer ''{0}''; splitting words with ''default'' as llama.cpp does, so tokens"
            + " may differ from the model''s own tokenizer",
        name);
    return PreTokenizer.named("default");
  }

  /** The word splitter in use. */
  public PreTokenizer preTokenizer() {
    return pre;
  }

  @Override
  public int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
    Ints out = new Ints(text.length() / 3 + 4);
    SpecialTokens s = specialTokens();
    if (addSpecial && s.addBos()) {
      out.add(s.bos().getAsInt());
    }
    vocabulary.partition(
        text, parseSpecial, (start, end) -> encodeText(text.substring(start, end), out), out::add);
    if (addSpecial && s.addEos()) {
      out.add(s.eos().getAsInt());
    }
    return out.toArray();
  }

  private void encodeText(String text, Ints out) {
    CodePoints t = new CodePoints(text);
    int[] words = pre.split(t);
    for (int i = 0; i < words.length; i += 2) {
      String word = t.substring(words[i], words[i + 1]);
      int[] tokens = cache.get(word);
      if (tokens == null) {
        tokens = encodeWord(word);
        if (cache.size() >= CACHE_LIMIT) {
          cache.clear(); // crude but bounded; prompts re-fill it with their own words at once
        }
        cache.put(word, tokens);
      }
      out.addAll(tokens);
    }
  }

  /** Merges one word. */
  int[] encodeWord(String word) {
    byte[] utf8 = word.getBytes(StandardCharsets.UTF_8);
    if (ignoreMerges) {
      int whole = vocabulary.id(ByteLevel.encode(utf8));
      if (whole >= 0) {
        return new int[] {whole};
      }
    }
    int n = utf8.length;
    int[] ids = new int[n];
    int[] next = new int[n];
    int[] prev = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = byteTokens[utf8[i] & 0xFF];
      next[i] = i + 1 < n ? i + 1 : -1;
      prev[i] = i - 1;
    }
    // Candidate pairs keyed (rank << 32 | left position): lowest rank first, then leftmost, as in
    // llama.cpp's llm_bigram_bpe ordering. Stale entries are skipped when popped.
    LongHeap heap = new LongHeap(n);
    for (int i = 0; i + 1 < n; i++) {
      push(heap, ids, i, i + 1);
    }
    while (!heap.isEmpty()) {
      long top = heap.pop();
      int left = (int) top;
      int rank = (int) (top >>> 32);
      if (ids[left] < 0) {
        continue; // merged into its left neighbour
      }
      int right = next[left];
      if (right < 0) {
        continue;
      }
      int entry = merges.find(ids[left], ids[right]);
      if (entry < 0 || merges.rank(entry) != rank) {
        continue; // the pair changed since it was queued
      }
      ids[left] = merges.result(entry);
      ids[right] = -1;
      next[left] = next[right];
      if (next[right] >= 0) {
        prev[next[right]] = left;
      }
      if (prev[left] >= 0) {
        push(heap, ids, prev[left], left);
      }
      if (next[left] >= 0) {
        push(heap, ids, left, next[left]);
      }
    }
    int count = 0;
    for (int i = 0; i >= 0 && i < n; i = next[i]) {
      if (ids[i] >= 0) {
        ids[count++] = ids[i];
      }
    }
    return count == 0 ? NO_TOKENS : Arrays.copyOf(ids, count);
  }

  private void push(LongHeap heap, int[] ids, int left, int right) {
    if (ids[left] < 0 || ids[right] < 0) {
      return;
    }
    int entry = merges.find(ids[left], ids[right]);
    if (entry >= 0) {
      heap.push(((long) merges.rank(entry) << 32) | left);
    }
  }

  /** The bytes a byte-level token text stands for. */
  static byte[] byteLevelBytes(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int b = ByteLevel.byteOf(c);
      if (b >= 0) {
        out.write(b);
      } else {
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8)); // not byte-level; keep as is
      }
    }
    return out.toByteArray();
  }
}
