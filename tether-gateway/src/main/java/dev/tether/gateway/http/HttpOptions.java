package dev.tether.gateway.http;

import java.time.Duration;

/**
 * Options of the HTTP surface.
 *
 * @param token the token clients must present ({@code x-api-key} or {@code Authorization: Bearer});
 *     null = no auth (only allowed on loopback, enforced by the caller)
 * @param pingInterval the longest silence on an open stream (≤ 10 s for Claude Code)
 * @param maxBodyBytes larger bodies get 413 {@code request_too_large}
 * @param agentToken a second token accepted on {@code /v1} only: the one agents Tether launches get, so
 *     that what runs inside them (the model's own tool calls) cannot use the API that answers approvals;
 *     null = none
 */
public record HttpOptions(String token, Duration pingInterval, long maxBodyBytes, String agentToken) {
  public static final long DEFAULT_MAX_BODY = 32L * 1024 * 1024;

  public HttpOptions(String token, Duration pingInterval, long maxBodyBytes) {
    this(token, pingInterval, maxBodyBytes, null);
  }

  /** These options, also accepting {@code agentToken} on {@code /v1}. */
  public HttpOptions withAgentToken(String agentToken) {
    return new HttpOptions(token, pingInterval, maxBodyBytes, agentToken);
  }

  public static HttpOptions defaults(String token) {
    return new HttpOptions(token, Duration.ofSeconds(5), DEFAULT_MAX_BODY);
  }
}
