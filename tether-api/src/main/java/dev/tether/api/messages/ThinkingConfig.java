package dev.tether.api.messages;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Extended thinking: {@code enabled} (with {@code budget_tokens}), {@code adaptive} (the model
 * decides; sent by Claude Code even to custom model names) or {@code disabled}.
 */
public record ThinkingConfig(String type, @JsonProperty("budget_tokens") Integer budgetTokens) {

  /** Whether the caller asks for thinking at all. */
  public boolean wantsThinking() {
    return "enabled".equals(type) || "adaptive".equals(type);
  }
}
