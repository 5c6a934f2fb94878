package dev.tether.gateway.backend.anthropic;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an {@link AnthropicBackend}. Null arguments take the defaults, so a config file only
 * names what it changes.
 *
 * @param name the backend's name in routes; default {@code anthropic}
 * @param baseUrl the upstream root, without {@code /v1}; default {@code https://api.anthropic.com}.
 *     A path prefix (for a gateway mounted under a path) is kept.
 * @param apiKey when set, replaces the client's {@code x-api-key}/{@code Authorization}; when null
 *     the client's own credentials are forwarded. Never printed by {@link #toString()}.
 * @param connectTimeout how long to wait for a connection; default 10 s
 * @param idleTimeout how long the upstream may stay silent, before its answer and between stream
 *     chunks; default 5 minutes (the upstream sends pings well within that)
 */
public record AnthropicBackendConfig(
    String name, URI baseUrl, String apiKey, Duration connectTimeout, Duration idleTimeout) {

  /** The public Anthropic API. */
  public static final URI DEFAULT_BASE_URL = URI.create("https://api.anthropic.com");

  public static final String DEFAULT_NAME = "anthropic";
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

  public AnthropicBackendConfig {
    name = name == null || name.isBlank() ? DEFAULT_NAME : name;
    baseUrl = withoutTrailingSlash(baseUrl == null ? DEFAULT_BASE_URL : baseUrl);
    apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    connectTimeout = positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT, "connectTimeout");
    idleTimeout = positive(idleTimeout, DEFAULT_IDLE_TIMEOUT, "idleTimeout");
    String scheme = baseUrl.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme) || baseUrl.getHost() == null) {
      throw new IllegalArgumentException("baseUrl must be an http(s) URL with a host: " + baseUrl);
    }
  }

  /** The defaults, pointing at the public API with the client's own credentials. */
  public static AnthropicBackendConfig defaults() {
    return new AnthropicBackendConfig(null, null, null, null, null);
  }

  /** A config for {@code baseUrl} with the given key (null: forward the client's) and default timeouts. */
  public static AnthropicBackendConfig of(URI baseUrl, String apiKey) {
    return new AnthropicBackendConfig(null, baseUrl, apiKey, null, null);
  }

  /** Whether a key of our own is configured (then {@code /v1/models} can be asked). */
  public boolean hasApiKey() {
    return apiKey != null;
  }

  // The generated toString would print the key.
  @Override
  public String toString() {
    return "AnthropicBackendConfig[name=%s, baseUrl=%s, apiKey=%s, connectTimeout=%s, idleTimeout=%s]"
        .formatted(
            name,
            Redaction.url(baseUrl),
            apiKey == null ? "none" : Redaction.REDACTED,
            connectTimeout,
            idleTimeout);
  }

  private static URI withoutTrailingSlash(URI uri) {
    String text = uri.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return URI.create(text);
  }

  private static Duration positive(Duration value, Duration fallback, String what) {
    Duration d = Objects.requireNonNullElse(value, fallback);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive: " + d);
    }
    return d;
  }
}
