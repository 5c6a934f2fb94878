package dev.tether.engine.template;

import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * C's {@code strftime} in the C locale, as Python's {@code datetime.strftime} on glibc formats a
 * naive local time: {@code %a %A %b %B %c %d %e %H %I %j %m %M %p %S %u %w %x %X %y %Y %G %V %%},
 * with glibc's {@code %-d} style (no padding). {@code %Z} and {@code %z} are empty for a naive time.
 */
final class Strftime {
  private Strftime() {}

  static String format(String format, LocalDateTime time) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 >= format.length()) {
        out.append(c);
        continue;
      }
      char directive = format.charAt(++i);
      boolean unpadded = false;
      if (directive == '-' && i + 1 < format.length()) {
        unpadded = true;
        directive = format.charAt(++i);
      }
      String text = directive(directive, time);
      if (text == null) {
        out.append('%').append(unpadded ? "-" : "").append(directive);
      } else {
        out.append(unpadded ? stripZeros(text) : text);
      }
    }
    return out.toString();
  }

  private static String stripZeros(String text) {
    String stripped = text.replaceFirst("^[0 ]+(?=.)", "");
    return stripped.isEmpty() ? text : stripped;
  }

  private static String directive(char d, LocalDateTime t) {
    return switch (d) {
      case 'a' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
      case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      case 'b', 'h' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
      case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      case 'c' -> directive('a', t) + " " + directive('b', t) + " " + directive('e', t) + " "
          + directive('X', t) + " " + t.getYear();
      case 'C' -> two(t.getYear() / 100);
      case 'd' -> two(t.getDayOfMonth());
      case 'D', 'x' -> two(t.getMonthValue()) + "/" + two(t.getDayOfMonth()) + "/" + two(t.getYear() % 100);
      case 'e' -> String.format("%2d", t.getDayOfMonth());
      case 'F' -> t.getYear() + "-" + two(t.getMonthValue()) + "-" + two(t.getDayOfMonth());
      case 'G' -> Integer.toString(t.get(IsoFields.WEEK_BASED_YEAR));
      case 'H' -> two(t.getHour());
      case 'I' -> two(t.getHour() % 12 == 0 ? 12 : t.getHour() % 12);
      case 'j' -> String.format("%03d", t.getDayOfYear());
      case 'k' -> String.format("%2d", t.getHour());
      case 'l' -> String.format("%2d", t.getHour() % 12 == 0 ? 12 : t.getHour() % 12);
      case 'm' -> two(t.getMonthValue());
      case 'M' -> two(t.getMinute());
      case 'n' -> "\n";
      case 'p' -> t.getHour() < 12 ? "AM" : "PM";
      case 'R' -> two(t.getHour()) + ":" + two(t.getMinute());
      case 'S' -> two(t.getSecond());
      case 't' -> "\t";
      case 'T', 'X' -> two(t.getHour()) + ":" + two(t.getMinute()) + ":" + two(t.getSecond());
      case 'u' -> Integer.toString(t.getDayOfWeek().getValue());
      case 'V' -> two(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case 'w' -> Integer.toString(t.getDayOfWeek().getValue() % 7);
      case 'U' -> two((t.getDayOfYear() + 6 - t.getDayOfWeek().getValue() % 7) / 7);
      case 'W' -> two((t.getDayOfYear() + 6 - (t.getDayOfWeek().getValue() + 6) % 7) / 7);
      case 'y' -> two(t.getYear() % 100);
      case 'Y' -> Integer.toString(t.getYear());
      case 'f' -> String.format("%06d", t.get(ChronoField.MICRO_OF_SECOND));
      case 'z', 'Z' -> "";
      case '%' -> "%";
      default -> null;
    };
  }

  private static String two(int value) {
    return value < 10 ? "0" + value : Integer.toString(value);
  }
}
