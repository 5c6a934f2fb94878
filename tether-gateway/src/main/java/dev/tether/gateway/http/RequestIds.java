package dev.tether.gateway.http;

import java.security.SecureRandom;

/** Request ids in the API's style: {@code req_} and 24 base-62 characters. */
final class RequestIds {
  private static final char[] ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private RequestIds() {}

  static String next() {
    char[] out = new char[24];
    for (int i = 0; i < out.length; i++) {
      out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return "req_" + new String(out);
  }
}
