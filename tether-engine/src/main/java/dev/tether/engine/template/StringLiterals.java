package dev.tether.engine.template;

/**
 * Decodes the body of a template string literal as Jinja2 does (Python's {@code unicode-escape}):
 * the usual one-letter escapes ({@code n t r a b f v}, backslash and quotes), octal escapes,
 * {@code x} with 2 hex digits, {@code u} with 4 and {@code U} with 8; a backslash before a newline
 * joins the lines, and an unknown escape keeps its backslash.
 */
final class StringLiterals {
  private StringLiterals() {}

  static String decode(String body) {
    if (body.indexOf('\\') < 0) {
      return body;
    }
    StringBuilder out = new StringBuilder(body.length());
    int i = 0;
    while (i < body.length()) {
      char c = body.charAt(i++);
      if (c != '\\' || i >= body.length()) {
        out.append(c);
        continue;
      }
      char e = body.charAt(i++);
      switch (e) {
        case '\n' -> {}
        case '\\', '\'', '"' -> out.append(e);
        case 'a' -> out.append('\u0007');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'v' -> out.append('\u000b');
        case 'x' -> i = hex(body, i, 2, out);
        case 'u' -> i = hex(body, i, 4, out);
        case 'U' -> i = hex(body, i, 8, out);
        default -> {
          if (e >= '0' && e <= '7') {
            int value = e - '0';
            for (int n = 0; n < 2 && i < body.length() && body.charAt(i) >= '0' && body.charAt(i) <= '7'; n++) {
              value = value * 8 + (body.charAt(i++) - '0');
            }
            out.appendCodePoint(value);
          } else {
            out.append('\\').append(e);
          }
        }
      }
    }
    return out.toString();
  }

  private static int hex(String body, int i, int digits, StringBuilder out) {
    if (i + digits > body.length()) {
      throw malformed(digits);
    }
    try {
      int cp = Integer.parseUnsignedInt(body.substring(i, i + digits), 16);
      if (!Character.isValidCodePoint(cp) || body.substring(i, i + digits).startsWith("+")) {
        throw malformed(digits);
      }
      out.appendCodePoint(cp);
    } catch (NumberFormatException e) {
      throw malformed(digits);
    }
    return i + digits;
  }

  private static TemplateException malformed(int digits) {
    String escape = switch (digits) {
      case 2 -> "\\xXX";
      case 4 -> "\\uXXXX";
      default -> "\\UXXXXXXXX";
    };
    return new TemplateException(TemplateException.SYNTAX_ERROR, "truncated " + escape + " escape");
  }
}
