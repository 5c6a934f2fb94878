package dev.tether.control.approval;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** Where a rule applies: one session, every session in a directory tree, or everywhere. */
public enum RuleScope {
  SESSION,
  DIRECTORY,
  GLOBAL;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<RuleScope> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "session" -> Optional.of(SESSION);
      case "directory", "dir" -> Optional.of(DIRECTORY);
      case "global", "all" -> Optional.of(GLOBAL);
      default -> Optional.empty();
    };
  }

  @JsonCreator
  static RuleScope fromWire(String text) {
    return parse(text).orElseThrow(() -> new IllegalArgumentException(
        "unknown rule scope: " + text + " (expected session, directory or global)"));
  }
}
