package dev.tether.gateway.normalize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Reversible shortening of tool names longer than a backend accepts: the name keeps its first
 * characters and gets a hash of the full name as a suffix, so it stays unique and stable across
 * turns (the prompt prefix does not change). Replies are mapped back with {@link #original}.
 */
public final class ToolNames {
  private final int maxLength;
  private final Map<String, String> shortToLong = new HashMap<>();

  public ToolNames(int maxLength) {
    if (maxLength < 16) {
      throw new IllegalArgumentException("max tool name length must be at least 16, got " + maxLength);
    }
    this.maxLength = maxLength;
  }

  /** The name to send to the backend. */
  public String shorten(String name) {
    if (name == null || name.length() <= maxLength) {
      return name;
    }
    String hash = hash(name);
    String shortName = name.substring(0, maxLength - hash.length() - 1) + "_" + hash;
    shortToLong.put(shortName, name);
    return shortName;
  }

  /** The client's name for a name the backend used. */
  public String original(String name) {
    return shortToLong.getOrDefault(name, name);
  }

  /** Whether any name was shortened. */
  public boolean any() {
    return !shortToLong.isEmpty();
  }

  private static String hash(String name) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
