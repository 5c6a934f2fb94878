package dev.tether.control.session;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/**
 * How much a session may do without asking. Named, never numbered (the original's 0/1/2 drifted).
 * Plan and task tools and free-form questions always ask, whatever the mode.
 */
public enum ApprovalMode {
  /** Everything asks (the default everywhere). */
  ASK("ask"),
  /** File edits are allowed; everything else asks. */
  AUTO_EDITS("auto-edits"),
  /** Everything is allowed. */
  AUTO("auto");

  private final String wire;

  ApprovalMode(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  /** Parses {@code ask}, {@code auto-edits} (also {@code auto_edits}, {@code acceptEdits}) or {@code auto}. */
  public static Optional<ApprovalMode> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String normal = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    return switch (normal) {
      case "ask", "default", "interactive" -> Optional.of(ASK);
      case "auto-edits", "acceptedits", "accept-edits" -> Optional.of(AUTO_EDITS);
      case "auto", "bypasspermissions" -> Optional.of(AUTO);
      default -> Optional.empty();
    };
  }

  @JsonCreator
  static ApprovalMode fromWire(String text) {
    return parse(text).orElseThrow(() -> new IllegalArgumentException(
        "unknown approval mode: " + text + " (expected ask, auto-edits or auto)"));
  }
}
