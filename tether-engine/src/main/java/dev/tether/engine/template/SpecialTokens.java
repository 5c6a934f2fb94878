package dev.tether.engine.template;

/**
 * The special tokens a template may print as {@code bos_token} and {@code eos_token}. A {@code null}
 * token is not passed at all, so the template sees it as undefined, as transformers does for a
 * token the model does not set (Qwen has no BOS token).
 *
 * @param bos the beginning-of-sequence token text, or {@code null}
 * @param eos the end-of-sequence token text, or {@code null}
 */
public record SpecialTokens(String bos, String eos) {
  /** Neither token. */
  public static final SpecialTokens NONE = new SpecialTokens(null, null);
}
