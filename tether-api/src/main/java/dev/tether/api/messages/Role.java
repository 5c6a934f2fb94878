package dev.tether.api.messages;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Who wrote a message. {@code system} inside {@code messages} is sent by Claude Code (beta
 * {@code mid-conversation-system-2026-04-07}).
 */
public enum Role {
  USER,
  ASSISTANT,
  SYSTEM;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Role of(String wire) {
    for (Role role : values()) {
      if (role.wire().equals(wire)) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "role must be one of user, assistant, system; got \"" + wire + "\"");
  }
}
