package dev.tether.gateway.backend.local;

import dev.tether.api.messages.MessagesRequest;
import dev.tether.engine.runtime.Sampling;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sampling for what a request leaves unset. The request's {@code temperature}, {@code top_k} and
 * {@code top_p} win; {@code min_p} has no Messages API field and always comes from here. A fresh
 * seed per request (the API has no seed field), unless a fixed one is configured.
 *
 * @param temperature the Messages API default is 1.0
 * @param topK 0 disables
 * @param topP 1 disables
 * @param minP 0 disables; llama.cpp's 0.05 trims the tail that makes small models ramble
 * @param seed a fixed seed for reproducible runs, or null for a fresh one per request
 */
public record SamplingDefaults(double temperature, int topK, double topP, double minP, Long seed) {
  /** Temperature 1 (as the API), top_k 40, top_p 0.95, min_p 0.05 (as llama.cpp). */
  public static final SamplingDefaults STANDARD = new SamplingDefaults(1.0, 40, 0.95, 0.05, null);

  /** The sampling for one request. */
  Sampling forRequest(MessagesRequest request) {
    return new Sampling(
        request.temperature() != null ? request.temperature() : temperature,
        request.topK() != null ? request.topK() : topK,
        request.topP() != null ? request.topP() : topP,
        minP,
        seed != null ? seed : ThreadLocalRandom.current().nextLong());
  }
}
