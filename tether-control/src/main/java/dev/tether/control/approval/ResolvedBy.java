package dev.tether.control.approval;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What settled an approval; every path emits {@code approval_resolved} naming one of these. */
public enum ResolvedBy {
  /** Someone answered (web, CLI, MCP, a bridge, REST). */
  HUMAN,
  /** A stored rule matched. */
  RULE,
  /** The session's approval mode allowed it. */
  MODE,
  /** Nobody answered in time: deny. */
  TIMEOUT,
  /** The session was interrupted or deleted while it waited: deny. */
  CANCEL;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  static ResolvedBy fromWire(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT));
  }
}
