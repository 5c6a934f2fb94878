package dev.tether.control.approval;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** An approval waits ({@link #PENDING}) until it is {@link #ALLOWED} or {@link #DENIED}, once. */
public enum ApprovalStatus {
  PENDING,
  ALLOWED,
  DENIED;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ApprovalStatus> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (ApprovalStatus s : values()) {
      if (s.wire().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  @JsonCreator
  static ApprovalStatus fromWire(String text) {
    return parse(text).orElseThrow(() -> new IllegalArgumentException("unknown approval state: " + text));
  }

  /** The status a decision leads to. */
  public static ApprovalStatus of(Decision decision) {
    return switch (decision) {
      case ALLOW -> ALLOWED;
      case DENY -> DENIED;
    };
  }
}
