package dev.tether.control.session;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a session is in its life. The legal moves are one table ({@link #canMoveTo}); anything else is
 * refused with 409. {@link #ENDED} is terminal; retention prunes ended sessions, never live ones.
 *
 * <pre>
 * created ──► running ◄──► awaiting_input
 *               │  ▲ ╲
 *               │  │  ► awaiting_approval
 *               ▼  │         │
 *          interrupting ◄────┘          (any live state) ──► error ──► running
 *                                        (any state but ended) ──► ended
 * </pre>
 */
public enum SessionState {
  CREATED,
  RUNNING,
  AWAITING_INPUT,
  AWAITING_APPROVAL,
  INTERRUPTING,
  ERROR,
  ENDED;

  /** The wire name, e.g. {@code awaiting_input}. */
  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name; empty for an unknown one. */
  public static Optional<SessionState> parse(String wire) {
    if (wire == null) {
      return Optional.empty();
    }
    String normal = wire.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    return Arrays.stream(values()).filter(s -> s.name().equals(normal)).findFirst();
  }

  @JsonCreator
  static SessionState fromWire(String wire) {
    return parse(wire).orElseThrow(() -> new IllegalArgumentException("unknown session state: " + wire));
  }

  /** The states this one may move to directly. */
  public Set<SessionState> next() {
    return switch (this) {
      case CREATED -> EnumSet.of(RUNNING, ERROR, ENDED);
      case RUNNING -> EnumSet.of(AWAITING_INPUT, AWAITING_APPROVAL, INTERRUPTING, ERROR, ENDED);
      case AWAITING_INPUT -> EnumSet.of(RUNNING, ERROR, ENDED);
      case AWAITING_APPROVAL -> EnumSet.of(RUNNING, AWAITING_INPUT, INTERRUPTING, ERROR, ENDED);
      case INTERRUPTING -> EnumSet.of(AWAITING_INPUT, ERROR, ENDED);
      case ERROR -> EnumSet.of(RUNNING, AWAITING_INPUT, ENDED);
      case ENDED -> EnumSet.noneOf(SessionState.class);
    };
  }

  /** Whether {@code target} is a legal next state (staying put is not a move). */
  public boolean canMoveTo(SessionState target) {
    return next().contains(target);
  }

  /** An agent is (or may be) working: the session must not be deleted without {@code force}. */
  public boolean busy() {
    return this == RUNNING || this == AWAITING_APPROVAL || this == INTERRUPTING;
  }
}
