package dev.tether.gateway.backend.openai;

/** What to do with {@code role:"system"} messages that appear inside {@code messages}. */
public enum SystemMessagePolicy {
  /**
   * Fold their text into the adjacent user turn, wrapped in {@code <system-reminder>} tags. Keeps
   * roles alternating (many chat templates reject a system message after the first) and keeps the
   * prompt prefix stable, so the upstream's prefix cache still hits.
   */
  INLINE_AS_USER,
  /** Send them as {@code system} messages where they stand, for servers whose templates allow it. */
  KEEP_AS_SYSTEM
}
