package dev.tether.gateway.backend;

/**
 * What the gateway needs to know about a model before handing it a request (PRODUCT.md §1
 * normalisation).
 *
 * @param contextLength context window in tokens; 0 when unknown (then {@code max_tokens} is not clamped)
 * @param thinking whether the model can think (else {@code thinking} is dropped)
 * @param imagesInToolResults whether images may stay inside tool results (else moved to the user turn)
 * @param maxToolNameLength longest tool name the backend accepts (longer names are shortened reversibly)
 */
public record ModelTraits(
    int contextLength, boolean thinking, boolean imagesInToolResults, int maxToolNameLength) {

  /** Traits of a model about which nothing is known: the conservative choices. */
  public static ModelTraits unknown() {
    return new ModelTraits(0, false, false, 64);
  }
}
