package dev.tether.control.session;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The kind of agent behind a session. Agents Tether does not know (an external agent reporting
 * {@code "agent_type": "my-bot"}) are {@link #CUSTOM}; their own name stays in the session's name.
 */
public enum AgentType {
  CLAUDE_CODE,
  CODEX,
  OPENCODE,
  PI,
  CUSTOM;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name leniently ({@code claude-code}, {@code Claude_Code}, {@code claude}); unknown → custom. */
  @JsonCreator
  public static AgentType parse(String wire) {
    if (wire == null || wire.isBlank()) {
      return CUSTOM;
    }
    String normal = wire.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    if (normal.equals("CLAUDE")) {
      return CLAUDE_CODE;
    }
    for (AgentType type : values()) {
      if (type.name().equals(normal)) {
        return type;
      }
    }
    return CUSTOM;
  }
}
