package dev.tether.control.approval;

import java.time.Duration;
import java.util.Locale;

/** Reads short durations: {@code 90s}, {@code 30m}, {@code 2h}, {@code 1d}, or plain seconds. */
public final class Durations {
  private Durations() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException when it is not a positive duration in that form
   */
  public static Duration parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.isEmpty()) {
      throw new IllegalArgumentException("empty duration");
    }
    char unit = t.charAt(t.length() - 1);
    String number = Character.isDigit(unit) || unit == '.' ? t : t.substring(0, t.length() - 1).trim();
    double value;
    try {
      value = Double.parseDouble(number);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a duration: " + text + " (try 90s, 30m, 2h or 1d)");
    }
    double seconds = switch (unit) {
      case 's' -> value;
      case 'm' -> value * 60;
      case 'h' -> value * 3600;
      case 'd' -> value * 86400;
      default -> {
        if (Character.isDigit(unit) || unit == '.') {
          yield value;
        }
        throw new IllegalArgumentException("not a duration: " + text + " (try 90s, 30m, 2h or 1d)");
      }
    };
    if (!(seconds > 0) || seconds > 366 * 86400.0) {
      throw new IllegalArgumentException("duration out of range: " + text);
    }
    return Duration.ofMillis(Math.round(seconds * 1000));
  }
}
