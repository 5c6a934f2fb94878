package dev.tether.gateway.backend.anthropic;

import java.net.http.HttpRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the client's headers onto an upstream request. Pass-through means unchanged (the upstream
 * reads {@code anthropic-version}, {@code anthropic-beta}, the credentials and Claude Code's own
 * headers), except the hop-by-hop and framing headers that describe the client's connection, not
 * ours, and the body type, which is ours.
 */
final class ForwardedHeaders {
  private static final Logger log = LoggerFactory.getLogger(ForwardedHeaders.class);

  /** Never copied: they belong to one connection (RFC 9110 §7.6.1) or to the body we re-encode. */
  static final Set<String> NOT_FORWARDED =
      Set.of(
          "host",
          "content-length",
          "content-type",
          "connection",
          "keep-alive",
          "transfer-encoding",
          // We never decompress: asking for identity keeps the SSE readable as it arrives.
          "accept-encoding",
          "expect",
          "upgrade",
          "te",
          "trailer",
          "http2-settings");

  private static final Set<String> CREDENTIALS = Set.of("x-api-key", "authorization");

  private ForwardedHeaders() {}

  /**
   * Adds the forwardable headers of {@code headers} (lower-case names) to {@code builder}. When
   * {@code apiKey} is set it replaces the client's credentials.
   */
  static void copy(Map<String, List<String>> headers, String apiKey, HttpRequest.Builder builder) {
    Set<String> dropped = connectionListed(headers);
    headers.forEach(
        (rawName, values) -> {
          String name = rawName.toLowerCase(Locale.ROOT);
          if (!forwardable(name, dropped) || apiKey != null && CREDENTIALS.contains(name)) {
            return;
          }
          for (String value : values) {
            try {
              builder.header(name, value);
            } catch (IllegalArgumentException e) {
              // The JDK client refuses some names (restricted or malformed); skip rather than fail.
              log.debug("not forwarding header {}: {}", name, e.getMessage());
              break;
            }
          }
        });
    if (apiKey != null) {
      builder.header("x-api-key", apiKey);
    }
  }

  static boolean forwardable(String name, Set<String> connectionListed) {
    return !NOT_FORWARDED.contains(name)
        && !name.startsWith("proxy-")
        && !name.startsWith(":")
        && !connectionListed.contains(name);
  }

  /** Headers the client's {@code Connection} header names are hop-by-hop too (RFC 9110 §7.6.1). */
  private static Set<String> connectionListed(Map<String, List<String>> headers) {
    Set<String> names = new HashSet<>();
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase("connection")) {
        for (String value : e.getValue()) {
          for (String token : value.split(",")) {
            names.add(token.strip().toLowerCase(Locale.ROOT));
          }
        }
      }
    }
    return names;
  }
}
