package dev.tether.api.messages;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why the model stopped. */
public enum StopReason {
  END_TURN,
  MAX_TOKENS,
  STOP_SEQUENCE,
  TOOL_USE,
  PAUSE_TURN,
  REFUSAL,
  MODEL_CONTEXT_WINDOW_EXCEEDED;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static StopReason of(String wire) {
    return valueOf(wire.toUpperCase(Locale.ROOT));
  }
}
