package dev.tether.control.web;

import java.time.Duration;

/**
 * Options of the control plane's HTTP surface.
 *
 * @param token the bearer token every non-public route requires (also accepted as {@code x-api-key});
 *     null turns auth off (loopback only, enforced by the caller)
 * @param keepAlive the longest silence on an SSE stream before a {@code : keepalive} comment
 * @param version reported by {@code /api/health}
 */
public record ControlOptions(String token, Duration keepAlive, String version) {
  public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(15);

  public static ControlOptions of(String token, String version) {
    return new ControlOptions(token, DEFAULT_KEEP_ALIVE, version);
  }
}
