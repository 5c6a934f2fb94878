package dev.tether.engine.tokenizer;

/**
 * A text as code points with the Unicode classes the pre-tokenizer patterns test, computed once.
 * Classes follow the regex property names: {@code \p{L}} letters (Lu, Ll, Lt, Lm, Lo), {@code \p{N}}
 * numbers (Nd, Nl, No), {@code \p{M}} marks, {@code \p{P}} punctuation, and {@code \s} as the
 * Unicode White_Space property (which, unlike {@link Character#isWhitespace}, includes U+0085 and the
 * no-break spaces and excludes U+001C to U+001F), as the Rust and Oniguruma engines behind Hugging
 * Face tokenizers define it.
 */
final class CodePoints {
  static final int LETTER = 1;
  static final int NUMBER = 1 << 1;
  static final int SPACE = 1 << 2;
  static final int MARK = 1 << 3;
  /** Lu or Lt. */
  static final int UPPER = 1 << 4;
  /** Ll. */
  static final int LOWER = 1 << 5;
  /** Lm or Lo: letters without case. */
  static final int CASELESS = 1 << 6;
  static final int PUNCTUATION = 1 << 7;
  /** {@code \r} or {@code \n}. */
  static final int NEWLINE = 1 << 8;

  private static final short[] ASCII = new short[128];

  static {
    for (int c = 0; c < 128; c++) {
      ASCII[c] = (short) compute(c);
    }
  }

  final int[] cp;
  final short[] cls;
  final int length;

  CodePoints(String text) {
    this.cp = text.codePoints().toArray();
    this.length = cp.length;
    this.cls = new short[length];
    for (int i = 0; i < length; i++) {
      int c = cp[i];
      cls[i] = c < 128 ? ASCII[c] : (short) compute(c);
    }
  }

  /** The classes of the code point at {@code i}, or 0 outside the text. */
  int at(int i) {
    return i >= 0 && i < length ? cls[i] : 0;
  }

  boolean is(int i, int mask) {
    return (at(i) & mask) != 0;
  }

  /** Not whitespace, letter or number: {@code [^\s\p{L}\p{N}]}. */
  boolean isOther(int i) {
    return i < length && (cls[i] & (SPACE | LETTER | NUMBER)) == 0;
  }

  String substring(int start, int end) {
    return new String(cp, start, end - start);
  }

  static int classesOf(int c) {
    return c < 128 ? ASCII[c] : compute(c);
  }

  private static int compute(int c) {
    int flags = 0;
    switch (Character.getType(c)) {
      case Character.UPPERCASE_LETTER, Character.TITLECASE_LETTER -> flags |= LETTER | UPPER;
      case Character.LOWERCASE_LETTER -> flags |= LETTER | LOWER;
      case Character.MODIFIER_LETTER, Character.OTHER_LETTER -> flags |= LETTER | CASELESS;
      case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> flags |= NUMBER;
      case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK ->
          flags |= MARK;
      case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
          Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION -> flags |= PUNCTUATION;
      default -> {}
    }
    if (isWhiteSpace(c)) {
      flags |= SPACE;
    }
    if (c == '\r' || c == '\n') {
      flags |= NEWLINE;
    }
    return flags;
  }

  /** The Unicode White_Space property (PropList.txt). */
  private static boolean isWhiteSpace(int c) {
    return (c >= 0x09 && c <= 0x0D)
        || c == 0x20
        || c == 0x85
        || c == 0xA0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202F
        || c == 0x205F
        || c == 0x3000;
  }
}
