package dev.tether.control.approval;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** The answer to an approval. */
public enum Decision {
  ALLOW,
  DENY;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code allow} / {@code deny} (also {@code approve}, {@code yes}, {@code reject}, {@code no}). */
  public static Optional<Decision> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "allow", "allowed", "approve", "approved", "yes", "y" -> Optional.of(ALLOW);
      case "deny", "denied", "reject", "rejected", "no", "n" -> Optional.of(DENY);
      default -> Optional.empty();
    };
  }

  @JsonCreator
  static Decision fromWire(String text) {
    return parse(text).orElseThrow(() -> new IllegalArgumentException("decision must be allow or deny, not " + text));
  }
}
