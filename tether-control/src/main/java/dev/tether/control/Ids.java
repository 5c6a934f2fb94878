package dev.tether.control;

import java.security.SecureRandom;

/** Random ids with a kind prefix: {@code ses_…}, {@code apr_…}, {@code rul_…}; 20 characters of [0-9a-z]. */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

  private Ids() {}

  public static String session() {
    return next("ses_");
  }

  public static String approval() {
    return next("apr_");
  }

  public static String rule() {
    return next("rul_");
  }

  private static String next(String prefix) {
    char[] chars = new char[20];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return prefix + new String(chars);
  }
}
