package dev.tether.control.push;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A browser's push subscription, as {@code PushSubscription.toJSON()} gives it: the push service
 * endpoint and the browser's keys ({@code p256dh}: its P-256 public key, {@code auth}: 16 random bytes),
 * both base64url.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PushSubscription(String endpoint, String p256dh, String auth) {

  /**
   * Checks a subscription a client sent: an https endpoint (http only to this machine, for tests and
   * local push services), a public key on P-256 and a 16-byte auth secret.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static PushSubscription validated(String endpoint, String p256dh, String auth) {
    if (endpoint == null || endpoint.isBlank()) {
      throw new IllegalArgumentException("endpoint is required");
    }
    if (endpoint.length() > 2048) {
      throw new IllegalArgumentException("endpoint is too long");
    }
    URI uri;
    try {
      uri = new URI(endpoint.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("endpoint is not a URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || !(scheme.equals("https") || (scheme.equals("http") && loopback(uri.getHost())))) {
      throw new IllegalArgumentException("endpoint must be an https URL");
    }
    if (uri.getUserInfo() != null) {
      throw new IllegalArgumentException("endpoint must not carry credentials");
    }
    if (p256dh == null || auth == null) {
      throw new IllegalArgumentException("keys.p256dh and keys.auth are required");
    }
    try {
      EcKeys.publicKey(EcKeys.unb64(p256dh));
      if (EcKeys.unb64(auth).length != 16) {
        throw new IllegalArgumentException("keys.auth must be 16 bytes");
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad subscription keys: " + e.getMessage());
    }
    return new PushSubscription(uri.toString(), p256dh.strip(), auth.strip());
  }

  private static boolean loopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
  }

  URI uri() {
    return URI.create(endpoint);
  }
}
