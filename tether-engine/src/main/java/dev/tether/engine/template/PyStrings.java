package dev.tether.engine.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Python's {@code str} methods on Java strings. Python counts code points where Java counts UTF-16
 * units; the index-based helpers here work in code points.
 */
final class PyStrings {
  private PyStrings() {}

  /** Python's {@code str.isspace} for one character. */
  static boolean isSpace(int c) {
    return switch (c) {
      case '\t', '\n', 0x0b, 0x0c, '\r', 0x1c, 0x1d, 0x1e, 0x1f, ' ', 0x85, 0xa0, 0x1680, 0x2028, 0x2029,
          0x202f, 0x205f, 0x3000 -> true;
      default -> c >= 0x2000 && c <= 0x200a;
    };
  }

  /** Python's {@code str.strip(chars)}; {@code chars == null} strips whitespace. */
  static String strip(String s, String chars, boolean left, boolean right) {
    int start = 0;
    int end = s.length();
    if (left) {
      while (start < end) {
        int cp = s.codePointAt(start);
        if (!strippable(cp, chars)) {
          break;
        }
        start += Character.charCount(cp);
      }
    }
    if (right) {
      while (end > start) {
        int cp = s.codePointBefore(end);
        if (!strippable(cp, chars)) {
          break;
        }
        end -= Character.charCount(cp);
      }
    }
    return s.substring(start, end);
  }

  private static boolean strippable(int cp, String chars) {
    return chars == null ? isSpace(cp) : chars.indexOf(Character.toString(cp)) >= 0;
  }

  /** Python's {@code str.split(sep, maxsplit)}; {@code sep == null} splits on runs of whitespace. */
  static List<String> split(String s, String sep, long maxsplit) {
    List<String> parts = new ArrayList<>();
    if (sep == null) {
      int i = 0;
      int n = s.length();
      while (true) {
        while (i < n && isSpace(s.codePointAt(i))) {
          i += Character.charCount(s.codePointAt(i));
        }
        if (i >= n) {
          return parts;
        }
        if (maxsplit >= 0 && parts.size() >= maxsplit) {
          // The rest keeps its trailing whitespace, as CPython's split does.
          parts.add(s.substring(i));
          return parts;
        }
        int start = i;
        while (i < n && !isSpace(s.codePointAt(i))) {
          i += Character.charCount(s.codePointAt(i));
        }
        parts.add(s.substring(start, i));
      }
    }
    requireSeparator(sep);
    int from = 0;
    while (maxsplit < 0 || parts.size() < maxsplit) {
      int at = s.indexOf(sep, from);
      if (at < 0) {
        break;
      }
      parts.add(s.substring(from, at));
      from = at + sep.length();
    }
    parts.add(s.substring(from));
    return parts;
  }

  /** Python's {@code str.rsplit(sep, maxsplit)}. */
  static List<String> rsplit(String s, String sep, long maxsplit) {
    if (maxsplit < 0) {
      return split(s, sep, maxsplit);
    }
    List<String> parts = new ArrayList<>();
    if (sep == null) {
      int i = s.length();
      while (true) {
        while (i > 0 && isSpace(s.codePointBefore(i))) {
          i -= Character.charCount(s.codePointBefore(i));
        }
        if (i <= 0) {
          break;
        }
        if (parts.size() >= maxsplit) {
          parts.add(s.substring(0, i));
          break;
        }
        int end = i;
        while (i > 0 && !isSpace(s.codePointBefore(i))) {
          i -= Character.charCount(s.codePointBefore(i));
        }
        parts.add(s.substring(i, end));
      }
    } else {
      requireSeparator(sep);
      int to = s.length();
      while (parts.size() < maxsplit) {
        int at = s.lastIndexOf(sep, to - sep.length());
        if (at < 0) {
          break;
        }
        parts.add(s.substring(at + sep.length(), to));
        to = at;
      }
      parts.add(s.substring(0, to));
    }
    Collections.reverse(parts);
    return parts;
  }

  private static void requireSeparator(String sep) {
    if (sep.isEmpty()) {
      throw new TemplateException("ValueError", "empty separator");
    }
  }

  /** Python's {@code str.splitlines(keepends)}. */
  static List<String> splitlines(String s, boolean keepends) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      int breakLength = switch (c) {
        case '\r' -> i + 1 < s.length() && s.charAt(i + 1) == '\n' ? 2 : 1;
        case '\n', 0x0b, 0x0c, 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029 -> 1;
        default -> 0;
      };
      if (breakLength == 0) {
        i++;
        continue;
      }
      lines.add(s.substring(start, keepends ? i + breakLength : i));
      i += breakLength;
      start = i;
    }
    if (start < s.length()) {
      lines.add(s.substring(start));
    }
    return lines;
  }

  /** Python's {@code str.replace(old, new, count)}; a negative count replaces all. */
  static String replace(String s, String old, String replacement, long count) {
    if (count < 0) {
      if (old.isEmpty()) {
        return replaceEmpty(s, replacement, Long.MAX_VALUE);
      }
      return s.replace(old, replacement);
    }
    if (old.isEmpty()) {
      return replaceEmpty(s, replacement, count);
    }
    StringBuilder out = new StringBuilder();
    int from = 0;
    for (long n = 0; n < count; n++) {
      int at = s.indexOf(old, from);
      if (at < 0) {
        break;
      }
      out.append(s, from, at).append(replacement);
      from = at + old.length();
    }
    return out.append(s, from, s.length()).toString();
  }

  private static String replaceEmpty(String s, String replacement, long count) {
    // Python inserts the replacement before every character and at the end.
    StringBuilder out = new StringBuilder();
    long n = 0;
    int i = 0;
    while (i < s.length()) {
      if (n++ < count) {
        out.append(replacement);
      }
      int cp = s.codePointAt(i);
      out.appendCodePoint(cp);
      i += Character.charCount(cp);
    }
    if (n < count) {
      out.append(replacement);
    }
    return out.toString();
  }

  /** Python's {@code str.upper()}. */
  static String upper(String s) {
    return s.toUpperCase(Locale.ROOT);
  }

  /** Python's {@code str.lower()}. */
  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  private static boolean isCased(int cp) {
    return Character.isUpperCase(cp) || Character.isLowerCase(cp) || Character.isTitleCase(cp);
  }

  /** Python's {@code str.title()}: each run of cased letters starts upper case, the rest is lower. */
  static String title(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean previousCased = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      out.appendCodePoint(previousCased ? Character.toLowerCase(cp) : Character.toTitleCase(cp));
      previousCased = isCased(cp);
    }
    return out.toString();
  }

  /** Python's {@code str.capitalize()}: first character title case, the rest lower case. */
  static String capitalize(String s) {
    if (s.isEmpty()) {
      return s;
    }
    int first = s.codePointAt(0);
    return Character.toString(Character.toTitleCase(first))
        + lower(s.substring(Character.charCount(first)));
  }

  /** Python's {@code str.swapcase()}. */
  static String swapcase(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> out.appendCodePoint(
        Character.isUpperCase(cp) ? Character.toLowerCase(cp)
            : Character.isLowerCase(cp) ? Character.toUpperCase(cp) : cp));
    return out.toString();
  }

  /** Whether a string is all ASCII-free of surrogates, so code point and UTF-16 indexes agree. */
  static boolean simple(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Converts a code point index into a UTF-16 index. */
  static int offset(String s, long codePointIndex) {
    return simple(s) ? (int) codePointIndex : s.offsetByCodePoints(0, (int) codePointIndex);
  }

  /** Converts a UTF-16 index into a code point index. */
  static long codePointIndex(String s, int offset) {
    return s.codePointCount(0, offset);
  }

  /** Python's {@code str.center/ljust/rjust(width, fill)}. */
  static String pad(String s, long width, String fill, char align) {
    long length = s.codePointCount(0, s.length());
    if (width <= length) {
      return s;
    }
    int total = (int) (width - length);
    int left = switch (align) {
      case 'l' -> 0;
      case 'r' -> total;
      // CPython centres with the extra space on the right unless both the width and the padding are odd.
      default -> total / 2 + (int) (total & width & 1);
    };
    return fill.repeat(left) + s + fill.repeat(total - left);
  }

  /** Python's {@code str.isdigit/isalpha/isalnum/isspace/islower/isupper/...} predicates. */
  static boolean is(String kind, String s) {
    if (s.isEmpty()) {
      return false;
    }
    return switch (kind) {
      case "isspace" -> s.codePoints().allMatch(PyStrings::isSpace);
      case "isdigit", "isnumeric", "isdecimal" -> s.codePoints().allMatch(Character::isDigit);
      case "isalpha" -> s.codePoints().allMatch(Character::isLetter);
      case "isalnum" -> s.codePoints().allMatch(Character::isLetterOrDigit);
      case "islower" -> s.codePoints().anyMatch(PyStrings::isCased)
          && s.codePoints().noneMatch(cp -> Character.isUpperCase(cp) || Character.isTitleCase(cp));
      case "isupper" -> s.codePoints().anyMatch(PyStrings::isCased)
          && s.codePoints().noneMatch(cp -> Character.isLowerCase(cp) || Character.isTitleCase(cp));
      case "istitle" -> title(s).equals(s) && s.codePoints().anyMatch(PyStrings::isCased);
      default -> throw new IllegalArgumentException(kind);
    };
  }
}
