package dev.tether.cli.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Human quantities in configuration and flags: sizes ({@code 18GB}, {@code 20GiB}, {@code 512M}),
 * token counts ({@code 64k}, {@code 128K}, {@code 1m}, {@code 32768}) and durations ({@code 30s},
 * {@code 10m}, {@code 1h}, {@code 250ms}; a bare number is seconds).
 */
public final class Units {
  private static final Pattern NUMBER_UNIT = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]*)\\s*");

  private Units() {}

  /**
   * Bytes from a size. Decimal units (KB, MB, GB, TB) are powers of 1000 and binary ones (KiB, MiB,
   * GiB, TiB) powers of 1024; a bare K/M/G/T is binary, as memory sizes usually mean.
   */
  public static long parseBytes(String text) {
    Matcher m = match(text, "a size like 18GB, 20GiB or 512MiB");
    double n = Double.parseDouble(m.group(1));
    long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "", "b" -> 1L;
      case "kb" -> 1000L;
      case "mb" -> 1000L * 1000;
      case "gb" -> 1000L * 1000 * 1000;
      case "tb" -> 1000L * 1000 * 1000 * 1000;
      case "k", "kib" -> 1L << 10;
      case "m", "mib" -> 1L << 20;
      case "g", "gib" -> 1L << 30;
      case "t", "tib" -> 1L << 40;
      default -> throw new IllegalArgumentException("'" + text.strip() + "' is not a size like 18GB, 20GiB or 512MiB");
    };
    return Math.round(n * unit);
  }

  /** A token count: {@code 64k} is 65,536 tokens, {@code 1m} 1,048,576, as context lengths are counted. */
  public static int parseTokens(String text) {
    Matcher m = match(text, "a token count like 64k or 32768");
    double n = Double.parseDouble(m.group(1));
    long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "" -> 1L;
      case "k" -> 1024L;
      case "m" -> 1024L * 1024;
      default -> throw new IllegalArgumentException("'" + text.strip() + "' is not a token count like 64k or 32768");
    };
    long tokens = Math.round(n * unit);
    if (tokens > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("'" + text.strip() + "' is too many tokens");
    }
    return (int) tokens;
  }

  /** A duration; a bare number is seconds. */
  public static Duration parseDuration(String text) {
    Matcher m = match(text, "a duration like 30s, 10m or 250ms");
    double n = Double.parseDouble(m.group(1));
    double millis = switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "ms" -> n;
      case "", "s" -> n * 1000;
      case "m", "min" -> n * 60_000;
      case "h" -> n * 3_600_000;
      default -> throw new IllegalArgumentException("'" + text.strip() + "' is not a duration like 30s, 10m or 250ms");
    };
    return Duration.ofMillis(Math.round(millis));
  }

  /** A size for people: {@code 4.4 GiB}, {@code 812 MiB}. */
  public static String formatBytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int i = -1;
    while (value >= 1024 && i < units.length - 1) {
      value /= 1024;
      i++;
    }
    return (value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value))
        + " " + units[i];
  }

  /** A token count for people: {@code 64k}, {@code 131k}, {@code 4096}. */
  public static String formatTokens(long tokens) {
    return tokens >= 1024 && tokens % 1024 == 0 ? tokens / 1024 + "k" : Long.toString(tokens);
  }

  /** A duration as configuration writes it: {@code 10m}, {@code 5s}, {@code 250ms}. */
  public static String formatDuration(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0 && ms > 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }

  private static Matcher match(String text, String expected) {
    Matcher m = NUMBER_UNIT.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not " + expected);
    }
    return m;
  }
}
