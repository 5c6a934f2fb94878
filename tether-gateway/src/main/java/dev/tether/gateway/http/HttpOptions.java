package dev.tether.gateway.http;

import java.time.Duration;

/**
 * Options of the HTTP surface.
 *
 * @param token the token clients must present ({@code x-api-key} or {@code Authorization: Bearer});
 *     null = no auth (only allowed on loopback, enforced by the caller)
 * @param pingInterval the longest silence on an open stream (≤ 10 s for Claude Code)
 * @param maxBodyBytes larger bodies get 413 {@code request_too_large}
 */
public record HttpOptions(String token, Duration pingInterval, long maxBodyBytes) {
  public static final long DEFAULT_MAX_BODY = 32L * 1024 * 1024;

  public static HttpOptions defaults(String token) {
    return new HttpOptions(token, Duration.ofSeconds(5), DEFAULT_MAX_BODY);
  }
}
