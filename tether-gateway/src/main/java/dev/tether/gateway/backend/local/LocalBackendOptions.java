package dev.tether.gateway.backend.local;

import java.util.Objects;

/**
 * How the local backend serves its model.
 *
 * @param name the backend's name for routes ({@code local})
 * @param modelId the name the model is listed and requested by (e.g. the file name without {@code .gguf})
 * @param queueDepth requests that may wait while one generates; more get 429
 * @param defaults sampling for what a request leaves unset
 * @param prefill told about each prompt's prefill (the console's progress bar); may be {@link
 *     PrefillListener#NONE}
 */
public record LocalBackendOptions(
    String name, String modelId, int queueDepth, SamplingDefaults defaults,
    PrefillListener prefill) {

  /** Validates. */
  public LocalBackendOptions {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(defaults, "defaults");
    prefill = prefill == null ? PrefillListener.NONE : prefill;
    if (queueDepth < 0) {
      throw new IllegalArgumentException("queue depth must be at least 0, not " + queueDepth);
    }
  }

  /** Backend {@code local}, queue depth 8, the usual sampling defaults, no progress listener. */
  public static LocalBackendOptions of(String modelId) {
    return new LocalBackendOptions("local", modelId, 8, SamplingDefaults.STANDARD, PrefillListener.NONE);
  }

  /** A copy with another queue depth. */
  public LocalBackendOptions withQueueDepth(int depth) {
    return new LocalBackendOptions(name, modelId, depth, defaults, prefill);
  }

  /** A copy with a prefill listener. */
  public LocalBackendOptions withPrefill(PrefillListener listener) {
    return new LocalBackendOptions(name, modelId, queueDepth, defaults, listener);
  }
}
