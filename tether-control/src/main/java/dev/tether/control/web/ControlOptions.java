package dev.tether.control.web;

import java.time.Duration;

/**
 * Options of the control plane's HTTP surface.
 *
 * @param token the bearer token every non-public route requires (also accepted as {@code x-api-key});
 *     null turns auth off (loopback only, enforced by the caller)
 * @param keepAlive the longest silence on an SSE stream before a {@code : keepalive} comment
 * @param version reported by {@code /api/health}
 * @param agentToken a second token that opens Claude Code's hook routes ({@code /api/hooks/…}) and
 *     nothing else: agents Tether launches carry it, so a tool call inside them cannot answer its own
 *     approvals; null = none
 */
public record ControlOptions(String token, Duration keepAlive, String version, String agentToken) {
  public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(15);

  public ControlOptions(String token, Duration keepAlive, String version) {
    this(token, keepAlive, version, null);
  }

  public static ControlOptions of(String token, String version) {
    return new ControlOptions(token, DEFAULT_KEEP_ALIVE, version);
  }
}
