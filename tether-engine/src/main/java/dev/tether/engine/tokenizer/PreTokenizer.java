package dev.tether.engine.tokenizer;

import static dev.tether.engine.tokenizer.CodePoints.NUMBER;
import static dev.tether.engine.tokenizer.CodePoints.PUNCTUATION;

import dev.tether.engine.tokenizer.SplitRule.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits text into the words a byte-level BPE vocabulary is merged within, as the model's original
 * tokenizer does. GGUF files name the splitter in {@code tokenizer.ggml.pre}; the names and patterns
 * are llama.cpp's ({@code llama-vocab.cpp}), which copies them from each model's {@code
 * tokenizer.json}. A splitter is a sequence of patterns: the first splits the text, each further one
 * splits every piece again, and text a pattern does not match stays a piece of its own.
 *
 * <p>Known names: {@code llama-bpe} (and {@code llama3}, {@code llama-v3}, {@code falcon3}, {@code
 * pixtral}, {@code dbrx}, {@code smaug-bpe}, {@code chatglm-bpe}, …), {@code qwen2} ({@code
 * deepseek-r1-qwen}, {@code stablelm2}, {@code megrez}, …), {@code gpt-4o} ({@code llama4}), {@code
 * tekken}, {@code deepseek-llm}, {@code deepseek-coder}, {@code gpt-2} (and {@code gpt2}, {@code
 * phi-2}, {@code olmo}, {@code mpt}, …), {@code starcoder} ({@code smollm}, {@code refact}, {@code
 * command-r}, …) and {@code default}.
 */
public final class PreTokenizer {
  /** The letters of DeepSeek LLM's word pattern (its tokenizer.json lists them as ranges). */
  private static final String DEEPSEEK_LETTERS =
      "A-Za-zµÀ-ÖØ-öø-ƺƼ-ƿǄ-ʓʕ-ʯͰ-ͳͶͷͻ-ͽͿΆΈ-ΊΌΎ-ΡΣ-ϵϷ-ҁҊ-ԯԱ-ՖႠ-ჅᎠ-Ᏽᏸ-ᏽᲐ-ᲺᲽ-Ჿᴀ-ᴫᵫ-ᵷᵹ-ᶚḀ-ἕἘ-Ἕἠ-ὅὈ-Ὅὐ-ὗὙὛὝ"
          + "\u1F5F-\u1F7Dᾀ-ᾴᾶ-ᾼ\u1FBEῂ-ῄῆ-ῌ\u1FD0-\u1FD3\u1FD6-\u1FDBῠ-Ῥῲ-ῴῶ-ῼℂℇℊ-ℓℕℙ-ℝℤ\u2126ℨ\u212A-ℭℯ-ℴℹℼ-ℿⅅ-ⅉⅎↃↄⰀ-ⱻⱾ-ⳤⳫ-ⳮⳲⳳꙀ-ꙭꚀ-ꚛꜢ-ꝯꝱ-ꞇꞋ-ꞎꭰ-ꮿﬀ-ﬆﬓ-ﬗＡ-Ｚａ-ｚ"
          + "𐐀-𐑏𐒰-𐓓𐓘-𐓻𐲀-𐲲𐳀-𐳲𑢠-𑣟𞤀-𞥃";

  private static final SplitRule GPT2 = new SplitRule.Gpt2();
  private static final Map<String, List<SplitRule>> RULES = new HashMap<>();
  private static final Map<String, String> CANONICAL = new HashMap<>();

  /** The pre-tokenizers whose vocabularies llama.cpp encodes with "ignore merges" and a BOS. */
  private static final Set<String> LLAMA3_STYLE = Set.of("llama-bpe", "tekken");

  static {
    define("llama-bpe", List.of(new SplitRule.Cl100k(3)),
        "llama3", "llama-v3", "falcon3", "falcon-h1", "pixtral", "midm-2.0", "lfm2");
    define("dbrx", List.of(new SplitRule.Cl100k(3)), "smaug-bpe", "chatglm-bpe", "glm4");
    define("qwen2", List.of(new SplitRule.Cl100k(1)),
        "deepseek-r1-qwen", "kormo", "megrez", "stablelm2", "hunyuan", "grok-2");
    define("gpt-4o", List.of(new SplitRule.O200k(true, 3)), "llama4", "minimax-m2");
    define("tekken", List.of(new SplitRule.O200k(false, 1)));
    define("gpt-2", List.of(GPT2),
        "gpt2", "phi-2", "jina-es", "jina-de", "gigachat", "jina-v2-es", "jina-v2-de", "a.x-4.0",
        "mellum", "jina-v1-en", "jina-v2-code", "roberta-bpe", "mpt", "olmo", "jais", "trillion",
        "granite-docling", "exaone4");
    define("starcoder", List.of(new SplitRule.Run(Charset.of(NUMBER), false, 1, 1), GPT2),
        "refact", "command-r", "smollm", "codeshell", "exaone", "minerva-7b");
    Charset newline = Charset.ranges("\r\n");
    Charset cjk = Charset.ranges("一-龥ࠀ-一가-퟿");
    define("deepseek-llm", List.of(
        new SplitRule.Run(newline, false, 1, 1),
        new SplitRule.Run(Charset.ranges(DEEPSEEK_LETTERS), true, 1, Integer.MAX_VALUE),
        new SplitRule.Run(Charset.ranges("!-/:-~！-／：-～‘-‟　-。"), true, 1, Integer.MAX_VALUE),
        new SplitRule.TrailingWhitespace(),
        new SplitRule.Run(cjk, false, 1, Integer.MAX_VALUE),
        new SplitRule.Run(Charset.of(NUMBER), false, 1, Integer.MAX_VALUE)));
    define("deepseek-coder", List.of(
        new SplitRule.Run(newline, false, 1, 1),
        new SplitRule.Run(Charset.of(CodePoints.LETTER), true, 1, Integer.MAX_VALUE),
        new SplitRule.Run(Charset.of(PUNCTUATION), true, 1, Integer.MAX_VALUE),
        new SplitRule.Run(cjk, false, 1, Integer.MAX_VALUE),
        new SplitRule.Run(Charset.of(NUMBER), false, 1, 1)));
    define("default", List.of(
        new SplitRule.Run(Charset.of(PUNCTUATION).plus("$+<=>^~|"), false, 1, Integer.MAX_VALUE),
        GPT2,
        new SplitRule.Run(Charset.of(NUMBER), false, 1, Integer.MAX_VALUE),
        new SplitRule.Run(Charset.ranges("0-9"), false, 3, 3)));
  }

  private final String name;
  private final List<SplitRule> rules;

  private PreTokenizer(String name, List<SplitRule> rules) {
    this.name = name;
    this.rules = rules;
  }

  private static void define(String name, List<SplitRule> rules, String... aliases) {
    RULES.put(name, rules);
    CANONICAL.put(name, name);
    for (String a : aliases) {
      CANONICAL.put(a, name);
    }
  }

  /** Whether {@code name} is a {@code tokenizer.ggml.pre} value this class implements. */
  public static boolean isKnown(String name) {
    return CANONICAL.containsKey(name);
  }

  /**
   * The splitter for a {@code tokenizer.ggml.pre} value.
   *
   * @throws IllegalArgumentException for a name this class does not implement
   */
  public static PreTokenizer named(String name) {
    String canonical = CANONICAL.get(name);
    if (canonical == null) {
      throw new IllegalArgumentException("unknown pre-tokenizer '" + name + "'");
    }
    return new PreTokenizer(canonical, RULES.get(canonical));
  }

  /** The canonical name, e.g. {@code llama-bpe} for {@code llama3}. */
  public String name() {
    return name;
  }

  /**
   * Whether llama.cpp encodes vocabularies with this splitter Llama 3 style: a word that is itself a
   * token becomes that token without merging, and a BOS is added unless the file says otherwise.
   */
  boolean llama3Style() {
    return LLAMA3_STYLE.contains(name);
  }

  /** The words of a text, in order; they concatenate to the text. */
  public List<String> split(String text) {
    CodePoints t = new CodePoints(text);
    int[] pieces = split(t);
    List<String> out = new ArrayList<>(pieces.length / 2);
    for (int i = 0; i < pieces.length; i += 2) {
      out.add(t.substring(pieces[i], pieces[i + 1]));
    }
    return out;
  }

  /** Word boundaries as code point index pairs {@code start, end, start, end, …}. */
  int[] split(CodePoints t) {
    int[] pieces = {0, t.length};
    int count = t.length > 0 ? 2 : 0;
    for (SplitRule rule : rules) {
      int[] next = new int[Math.max(16, count)];
      int n = 0;
      for (int i = 0; i < count; i += 2) {
        int start = pieces[i];
        int end = pieces[i + 1];
        int gap = start;
        int p = start;
        while (p < end) {
          int m = rule.matchAt(t, p, end);
          if (m > p) {
            if (gap < p) {
              next = add(next, n, gap, p);
              n += 2;
            }
            next = add(next, n, p, m);
            n += 2;
            p = m;
            gap = m;
          } else {
            p++;
          }
        }
        if (gap < end) {
          next = add(next, n, gap, end);
          n += 2;
        }
      }
      pieces = next;
      count = n;
    }
    return Arrays.copyOf(pieces, count);
  }

  private static int[] add(int[] a, int n, int start, int end) {
    if (n + 2 > a.length) {
      a = Arrays.copyOf(a, a.length * 2);
    }
    a[n] = start;
    a[n + 1] = end;
    return a;
  }

  @Override
  public String toString() {
    return "PreTokenizer[" + name + "]";
  }
}
