package dev.tether.engine.template;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a template into tokens the way Jinja2's lexer does with Hugging Face's settings: {@code
 * trim_blocks} (the newline after a block or comment tag is dropped), {@code lstrip_blocks} (spaces
 * and tabs before a block or comment tag at the start of a line are dropped), {@code -} and {@code
 * +} whitespace control on all three tag kinds, and a single trailing newline of the source dropped
 * ({@code keep_trailing_newline=False}). Comments are skipped and {@code raw} blocks become data.
 */
final class Lexer {
  private static final String[] OPERATORS = {
    "**", "//", "==", "!=", ">=", "<=", "+", "-", "/", "*", "%", "~", "[", "]", "(", ")", "{", "}",
    ">", "<", "=", ".", ":", "|", ",", ";"
  };

  private final String src;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;
  private int line = 1;
  /** Whether the last thing consumed ended a line, which lets lstrip_blocks apply with no newline in the text. */
  private boolean lineStarting = true;

  private Lexer(String source) {
    // Jinja2 normalises \r\n and \r to \n and drops one trailing newline.
    String normalized = source.replace("\r\n", "\n").replace('\r', '\n');
    this.src = normalized.endsWith("\n") ? normalized.substring(0, normalized.length() - 1) : normalized;
  }

  /** The tokens of a template, ending with {@link Token.Kind#EOF}. */
  static List<Token> tokenize(String source) {
    Lexer lexer = new Lexer(source);
    lexer.run();
    return lexer.tokens;
  }

  private void run() {
    while (pos < src.length()) {
      int tag = nextTagStart(pos);
      if (tag < 0) {
        data(src.substring(pos), src.length());
        break;
      }
      char kind = src.charAt(tag + 1);
      int rawEnd = kind == '%' ? rawBegin(tag) : -1;
      char sign = tag + 2 < src.length() ? src.charAt(tag + 2) : 0;
      boolean signed = sign == '-' || sign == '+';
      String text = leftStrip(src.substring(pos, tag), signed ? sign : 0, kind != '{');
      data(text, tag);
      if (rawEnd >= 0) {
        raw(rawEnd);
      } else if (kind == '#') {
        comment(tag + 2 + (signed ? 1 : 0));
      } else {
        tag(kind == '{' ? Token.Kind.VARIABLE_BEGIN : Token.Kind.BLOCK_BEGIN, tag, signed);
      }
    }
    tokens.add(new Token(Token.Kind.EOF, "", line));
  }

  private int nextTagStart(int from) {
    for (int i = src.indexOf('{', from); i >= 0 && i + 1 < src.length(); i = src.indexOf('{', i + 1)) {
      char c = src.charAt(i + 1);
      if (c == '{' || c == '%' || c == '#') {
        return i;
      }
    }
    return -1;
  }

  /** Applies {@code -} (strip all whitespace) or lstrip_blocks to the text before a tag. */
  private String leftStrip(String text, char sign, boolean lstripApplies) {
    if (sign == '-') {
      return PyStrings.strip(text, null, false, true);
    }
    if (sign != '+' && lstripApplies) {
      int lineStart = text.lastIndexOf('\n') + 1;
      if ((lineStart > 0 || lineStarting) && onlySpacesAndTabs(text, lineStart)) {
        return text.substring(0, lineStart);
      }
    }
    return text;
  }

  private static boolean onlySpacesAndTabs(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      if (text.charAt(i) != ' ' && text.charAt(i) != '\t') {
        return false;
      }
    }
    return true;
  }

  /** Emits data (if any) and moves to {@code end}. */
  private void data(String text, int end) {
    if (!text.isEmpty()) {
      tokens.add(new Token(Token.Kind.DATA, text, line));
    }
    advanceTo(end);
  }

  private void advanceTo(int end) {
    for (int i = pos; i < end; i++) {
      if (src.charAt(i) == '\n') {
        line++;
      }
    }
    pos = end;
  }

  /** If a {@code {% raw %}} tag starts at {@code tag}, the index after it, else -1. */
  private int rawBegin(int tag) {
    int i = tag + 2;
    if (i < src.length() && (src.charAt(i) == '-' || src.charAt(i) == '+')) {
      i++;
    }
    i = skipSpace(i);
    if (!src.startsWith("raw", i)) {
      return -1;
    }
    i = skipSpace(i + 3);
    if (src.startsWith("-%}", i)) {
      return skipSpace(i + 3);
    }
    return src.startsWith("%}", i) ? i + 2 : -1;
  }

  private void raw(int bodyStart) {
    advanceTo(bodyStart);
    for (int i = src.indexOf("{%", pos); i >= 0; i = src.indexOf("{%", i + 1)) {
      int j = i + 2;
      char sign = j < src.length() ? src.charAt(j) : 0;
      if (sign == '-' || sign == '+') {
        j++;
      } else {
        sign = 0;
      }
      j = skipSpace(j);
      if (!src.startsWith("endraw", j)) {
        continue;
      }
      j = skipSpace(j + 6);
      int end = tagEnd(j, "%}", true);
      if (end < 0) {
        continue;
      }
      data(leftStrip(src.substring(pos, i), sign, true), i);
      finishTag(end);
      return;
    }
    throw syntax("Missing end of raw directive");
  }

  private void comment(int bodyStart) {
    int close = src.indexOf("#}", bodyStart);
    if (close < 0) {
      throw syntax("Missing end of comment tag");
    }
    int markerStart = close;
    if (close - 1 >= bodyStart && (src.charAt(close - 1) == '-' || src.charAt(close - 1) == '+')) {
      markerStart = close - 1;
    }
    finishTag(tagEnd(markerStart, "#}", true));
  }

  /**
   * The end of a tag-closing marker at {@code i} ({@code -%}} plus whitespace, {@code +%}}, or
   * {@code %}} plus one newline when trimming), or -1 if there is none.
   */
  private int tagEnd(int i, String marker, boolean trimNewline) {
    if (src.startsWith("-" + marker, i)) {
      return skipSpace(i + 1 + marker.length());
    }
    if (src.startsWith("+" + marker, i) && trimNewline) {
      return i + 1 + marker.length();
    }
    if (src.startsWith(marker, i)) {
      int end = i + marker.length();
      return trimNewline && end < src.length() && src.charAt(end) == '\n' ? end + 1 : end;
    }
    return -1;
  }

  private void finishTag(int end) {
    lineStarting = src.charAt(end - 1) == '\n';
    advanceTo(end);
  }

  private int skipSpace(int i) {
    while (i < src.length() && PyStrings.isSpace(src.charAt(i))) {
      i++;
    }
    return i;
  }

  private void tag(Token.Kind begin, int tag, boolean signed) {
    boolean block = begin == Token.Kind.BLOCK_BEGIN;
    tokens.add(new Token(begin, block ? "{%" : "{{", line));
    advanceTo(tag + 2 + (signed ? 1 : 0));
    int depth = 0;
    while (true) {
      if (pos >= src.length()) {
        throw syntax("unexpected end of template, expected '" + (block ? "end of statement block" : "end of print statement") + "'");
      }
      if (depth == 0) {
        int end = tagEnd(pos, block ? "%}" : "}}", block);
        if (end >= 0) {
          tokens.add(new Token(block ? Token.Kind.BLOCK_END : Token.Kind.VARIABLE_END, block ? "%}" : "}}", line));
          finishTag(end);
          return;
        }
      }
      char c = src.charAt(pos);
      if (PyStrings.isSpace(c)) {
        advanceTo(skipSpace(pos));
      } else if (Character.isDigit(c)) {
        number();
      } else if (Character.isLetter(c) || c == '_') {
        int end = pos;
        while (end < src.length() && (Character.isLetterOrDigit(src.charAt(end)) || src.charAt(end) == '_')) {
          end++;
        }
        emit(Token.Kind.NAME, src.substring(pos, end), end);
      } else if (c == '\'' || c == '"') {
        string(c);
      } else {
        String op = operatorAt(pos);
        if (op == null) {
          throw syntax("unexpected char " + PyRepr.repr(Value.str(String.valueOf(c))) + " at " + pos);
        }
        switch (op) {
          case "(", "[", "{" -> depth++;
          case ")", "]", "}" -> {
            if (depth == 0) {
              throw syntax("unexpected '" + op + "'");
            }
            depth--;
          }
          default -> {}
        }
        emit(Token.Kind.OPERATOR, op, pos + op.length());
      }
    }
  }

  private String operatorAt(int i) {
    for (String op : OPERATORS) {
      if (src.startsWith(op, i)) {
        return op;
      }
    }
    return null;
  }

  private void emit(Token.Kind kind, String text, int end) {
    tokens.add(new Token(kind, text, line));
    advanceTo(end);
  }

  /** An integer or float literal; underscores between digits are allowed, as in Python. */
  private void number() {
    if (radixLiteral()) {
      return;
    }
    // A number right after '.' is an item index (x.0), never the fraction of a float.
    boolean afterDot = pos > 0 && src.charAt(pos - 1) == '.';
    int end = digits(pos);
    boolean isFloat = false;
    if (!afterDot && end + 1 < src.length() && src.charAt(end) == '.' && Character.isDigit(src.charAt(end + 1))) {
      end = digits(end + 1);
      isFloat = true;
    }
    if (!afterDot && end < src.length() && (src.charAt(end) == 'e' || src.charAt(end) == 'E')) {
      int e = end + 1;
      if (e < src.length() && (src.charAt(e) == '+' || src.charAt(e) == '-')) {
        e++;
      }
      if (e < src.length() && Character.isDigit(src.charAt(e))) {
        end = digits(e);
        isFloat = true;
      }
    }
    String text = src.substring(pos, end).replace("_", "");
    emit(isFloat ? Token.Kind.FLOAT : Token.Kind.INTEGER, text, end);
  }

  /** {@code 0x1f}, {@code 0o17}, {@code 0b101} (underscores allowed), emitted as a decimal integer. */
  private boolean radixLiteral() {
    if (src.charAt(pos) != '0' || pos + 2 >= src.length()) {
      return false;
    }
    int radix = switch (Character.toLowerCase(src.charAt(pos + 1))) {
      case 'x' -> 16;
      case 'o' -> 8;
      case 'b' -> 2;
      default -> 0;
    };
    if (radix == 0 || Character.digit(src.charAt(pos + 2), radix) < 0) {
      return false;
    }
    int end = pos + 2;
    while (end < src.length() && (Character.digit(src.charAt(end), radix) >= 0
        || (src.charAt(end) == '_' && end + 1 < src.length() && Character.digit(src.charAt(end + 1), radix) >= 0))) {
      end++;
    }
    String digits = src.substring(pos + 2, end).replace("_", "");
    emit(Token.Kind.INTEGER, new java.math.BigInteger(digits, radix).toString(), end);
    return true;
  }

  private int digits(int i) {
    while (i < src.length() && (Character.isDigit(src.charAt(i))
        || (src.charAt(i) == '_' && i + 1 < src.length() && Character.isDigit(src.charAt(i + 1))))) {
      i++;
    }
    return i;
  }

  private void string(char quote) {
    int i = pos + 1;
    while (i < src.length() && src.charAt(i) != quote) {
      i += src.charAt(i) == '\\' ? 2 : 1;
    }
    if (i >= src.length()) {
      throw syntax("unexpected char " + PyRepr.repr(Value.str(String.valueOf(quote))) + " at " + pos);
    }
    emit(Token.Kind.STRING, StringLiterals.decode(src.substring(pos + 1, i)), i + 1);
  }

  private TemplateException syntax(String message) {
    return new TemplateException(TemplateException.SYNTAX_ERROR, message + " (line " + line + ")");
  }
}
