package dev.tether.engine.tokenizer;

import static dev.tether.engine.tokenizer.CodePoints.CASELESS;
import static dev.tether.engine.tokenizer.CodePoints.LETTER;
import static dev.tether.engine.tokenizer.CodePoints.LOWER;
import static dev.tether.engine.tokenizer.CodePoints.MARK;
import static dev.tether.engine.tokenizer.CodePoints.NEWLINE;
import static dev.tether.engine.tokenizer.CodePoints.NUMBER;
import static dev.tether.engine.tokenizer.CodePoints.SPACE;
import static dev.tether.engine.tokenizer.CodePoints.UPPER;

/**
 * One pre-tokenizer pattern, written as a hand scanner that reproduces what a backtracking regex
 * engine matches at a position (Java's {@code java.util.regex} lacks possessive-free semantics for
 * some of these and differs on {@code \s}, so the patterns are not compiled). {@link #matchAt}
 * returns where the match starting at {@code p} ends, or -1; matching never looks past {@code end},
 * the end of the piece being split, which is where {@code $} and a lookahead at the end succeed.
 */
sealed interface SplitRule {
  int matchAt(CodePoints t, int p, int end);

  /**
   * GPT-2: {@code 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+}.
   */
  record Gpt2() implements SplitRule {
    @Override
    public int matchAt(CodePoints t, int p, int end) {
      int c = contraction(t, p, end, false);
      if (c > 0) {
        return c;
      }
      int q = t.cp[p] == ' ' && p + 1 < end ? p + 1 : p;
      for (int k = 0; k < 2; k++, q = p) {
        if (t.is(q, LETTER)) {
          return run(t, q, end, LETTER);
        }
        if (t.is(q, NUMBER)) {
          return run(t, q, end, NUMBER);
        }
        if (t.isOther(q)) {
          return runOther(t, q, end);
        }
      }
      return whitespace(t, p, end);
    }
  }

  /**
   * Llama 3 ({@code cl100k}) and Qwen2, which differ in the digit group size: {@code
   * (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,maxDigits}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+}.
   */
  record Cl100k(int maxDigits) implements SplitRule {
    @Override
    public int matchAt(CodePoints t, int p, int end) {
      int c = contraction(t, p, end, true);
      if (c > 0) {
        return c;
      }
      if (t.is(p, LETTER)) {
        return run(t, p, end, LETTER);
      }
      if (!t.is(p, NEWLINE | NUMBER) && p + 1 < end && t.is(p + 1, LETTER)) {
        return run(t, p + 1, end, LETTER); // one non-letter, non-digit, non-newline prefix
      }
      if (t.is(p, NUMBER)) {
        return Math.min(run(t, p, end, NUMBER), p + maxDigits);
      }
      int q = t.cp[p] == ' ' && p + 1 < end && t.isOther(p + 1) ? p + 1 : p;
      if (t.isOther(q)) {
        return run(t, runOther(t, q, end), end, NEWLINE);
      }
      return newlinesOrWhitespace(t, p, end);
    }
  }

  /**
   * GPT-4o ({@code o200k}; {@code contractions} true, {@code maxDigits} 3) and Mistral's Tekken (no
   * contractions, single digits): words split at case changes, with a contraction attached: {@code
   * [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|…)?
   * |[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|…)?
   * |\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+}.
   */
  record O200k(boolean contractions, int maxDigits) implements SplitRule {
    private static final int UPPERISH = UPPER | CASELESS | MARK;
    private static final int LOWERISH = LOWER | CASELESS | MARK;

    @Override
    public int matchAt(CodePoints t, int p, int end) {
      boolean prefix = !t.is(p, NEWLINE | LETTER | NUMBER) && p + 1 < end;
      // The regex tries each alternative with the optional prefix first, then without.
      int m = prefix ? lowerWord(t, p + 1, end) : -1;
      if (m < 0) {
        m = lowerWord(t, p, end);
      }
      if (m < 0 && prefix) {
        m = upperWord(t, p + 1, end);
      }
      if (m < 0) {
        m = upperWord(t, p, end);
      }
      if (m >= 0) {
        int c = contractions && m < end ? contraction(t, m, end, true) : -1;
        return c > 0 ? c : m;
      }
      if (t.is(p, NUMBER)) {
        return Math.min(run(t, p, end, NUMBER), p + maxDigits);
      }
      int q = t.cp[p] == ' ' && p + 1 < end && t.isOther(p + 1) ? p + 1 : p;
      if (t.isOther(q)) {
        int e = runOther(t, q, end);
        while (e < end && (t.is(e, NEWLINE) || t.cp[e] == '/')) {
          e++;
        }
        return e;
      }
      return newlinesOrWhitespace(t, p, end);
    }

    /**
     * {@code U*W+} from {@code s}: the greedy {@code U*} gives back characters until a {@code W}
     * follows, and the first (longest) such split wins, then {@code W+} runs greedily.
     */
    private static int lowerWord(CodePoints t, int s, int end) {
      int u = s;
      while (u < end && t.is(u, UPPERISH)) {
        u++;
      }
      for (int split = u; split >= s; split--) {
        if (split < end && t.is(split, LOWERISH)) {
          return run(t, split, end, LOWERISH);
        }
      }
      return -1;
    }

    /** {@code U+W*} from {@code s}. */
    private static int upperWord(CodePoints t, int s, int end) {
      if (s >= end || !t.is(s, UPPERISH)) {
        return -1;
      }
      return run(t, run(t, s, end, UPPERISH), end, LOWERISH);
    }
  }

  /**
   * A run of one character class: {@code \s?X{min,max}} when {@code leadingSpace}, else {@code
   * X{min,max}} (the deepseek and default pre-tokenizers chain several of these).
   */
  record Run(Charset set, boolean leadingSpace, int min, int max) implements SplitRule {
    @Override
    public int matchAt(CodePoints t, int p, int end) {
      if (leadingSpace && t.is(p, SPACE) && p + 1 < end && set.contains(t, p + 1)) {
        return extent(t, p + 1, end);
      }
      return set.contains(t, p) ? extent(t, p, end) : -1;
    }

    private int extent(CodePoints t, int s, int end) {
      int e = s;
      while (e < end && e - s < max && set.contains(t, e)) {
        e++;
      }
      return e - s >= min ? e : -1;
    }
  }

  /** {@code \s+$}: whitespace that runs to the end of the piece. */
  record TrailingWhitespace() implements SplitRule {
    @Override
    public int matchAt(CodePoints t, int p, int end) {
      int e = run(t, p, end, SPACE);
      return e == end && e > p ? e : -1;
    }
  }

  /** A set of code points: a class mask or explicit ranges. */
  record Charset(int mask, int[] ranges, int[] extra) {
    static Charset of(int mask) {
      return new Charset(mask, new int[0], new int[0]);
    }

    /** Ranges written as in a regex bracket expression, e.g. {@code "A-Za-zµ"}. */
    static Charset ranges(String spec) {
      int[] cps = spec.codePoints().toArray();
      int[] out = new int[cps.length * 2];
      int n = 0;
      for (int i = 0; i < cps.length; i++) {
        int lo = cps[i];
        int hi = lo;
        if (i + 2 < cps.length && cps[i + 1] == '-') {
          hi = cps[i + 2];
          i += 2;
        }
        out[n++] = lo;
        out[n++] = hi;
      }
      return new Charset(0, java.util.Arrays.copyOf(out, n), new int[0]);
    }

    /** This set plus some code points. */
    Charset plus(String chars) {
      return new Charset(mask, ranges, chars.codePoints().toArray());
    }

    boolean contains(CodePoints t, int i) {
      if ((t.at(i) & mask) != 0) {
        return true;
      }
      int c = t.cp[i];
      for (int k = 0; k < ranges.length; k += 2) {
        if (c >= ranges[k] && c <= ranges[k + 1]) {
          return true;
        }
      }
      for (int x : extra) {
        if (c == x) {
          return true;
        }
      }
      return false;
    }
  }

  // Shared pieces of the patterns.

  /** The end of a run of characters having any of {@code mask}, starting at {@code p}. */
  static int run(CodePoints t, int p, int end, int mask) {
    while (p < end && t.is(p, mask)) {
      p++;
    }
    return p;
  }

  /** The end of a run of {@code [^\s\p{L}\p{N}]}. */
  static int runOther(CodePoints t, int p, int end) {
    while (p < end && t.isOther(p)) {
      p++;
    }
    return p;
  }

  /**
   * {@code 's|'t|'re|'ve|'m|'ll|'d} at {@code p} (letters of either case when {@code anyCase}); the
   * end of the contraction or -1.
   */
  static int contraction(CodePoints t, int p, int end, boolean anyCase) {
    if (t.cp[p] != '\'' || p + 1 >= end) {
      return -1;
    }
    int a = fold(t.cp[p + 1], anyCase);
    if (a == 's' || a == 't' || a == 'm' || a == 'd') {
      return p + 2;
    }
    if (p + 2 < end) {
      int b = fold(t.cp[p + 2], anyCase);
      if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) {
        return p + 3;
      }
    }
    return -1;
  }

  private static int fold(int c, boolean anyCase) {
    return anyCase && c >= 'A' && c <= 'Z' ? c + 32 : c;
  }

  /** {@code \s*[\r\n]+|\s+(?!\S)|\s+} at {@code p}, which is whitespace (or -1 if it is not). */
  static int newlinesOrWhitespace(CodePoints t, int p, int end) {
    int e = run(t, p, end, SPACE);
    for (int i = e - 1; i >= p; i--) {
      if (t.is(i, NEWLINE)) {
        return i + 1; // \s* gives back up to the last newline, [\r\n]+ takes it
      }
    }
    return whitespace(t, p, end);
  }

  /** {@code \s+(?!\S)|\s+} at {@code p}, or -1 if {@code p} is not whitespace. */
  static int whitespace(CodePoints t, int p, int end) {
    int e = run(t, p, end, SPACE);
    if (e == p) {
      return -1;
    }
    // Followed by a non-space, the lookahead version gives back the last whitespace character,
    // which then leads the next word; a single character falls through to plain \s+.
    return e < end && e - p > 1 ? e - 1 : e;
  }
}
