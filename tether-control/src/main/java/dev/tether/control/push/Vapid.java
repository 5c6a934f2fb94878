package dev.tether.control.push;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The server's application server identity (VAPID, RFC 8292): a P-256 key pair whose public half the
 * browser is given when it subscribes, and the signed JWT that proves a push request comes from us.
 *
 * @param subject who runs this server, as a {@code mailto:} or {@code https:} URI (the push service's contact)
 */
public record Vapid(KeyPair keys, String subject) {
  /** How long a token is valid; RFC 8292 allows at most 24 hours. */
  static final Duration VALIDITY = Duration.ofHours(12);
  public static final String DEFAULT_SUBJECT = "mailto:tether@localhost";

  public Vapid {
    if (!(keys.getPublic() instanceof ECPublicKey) || !(keys.getPrivate() instanceof ECPrivateKey)) {
      throw new IllegalArgumentException("VAPID keys are P-256 EC keys");
    }
  }

  public static Vapid generate(String subject) {
    return new Vapid(EcKeys.generate(), subject);
  }

  /** From the stored forms: the 65-byte public point and the 32-byte private scalar, base64url. */
  public static Vapid of(String publicKey, String privateKey, String subject) {
    return new Vapid(new KeyPair(EcKeys.publicKey(EcKeys.unb64(publicKey)), EcKeys.privateKey(EcKeys.unb64(privateKey))),
        subject);
  }

  /** The public key as the browser's {@code applicationServerKey} wants it (uncompressed point, base64url). */
  public String publicKey() {
    return EcKeys.b64(EcKeys.encode((ECPublicKey) keys.getPublic()));
  }

  String privateKey() {
    return EcKeys.b64(EcKeys.encode((ECPrivateKey) keys.getPrivate()));
  }

  /** The {@code Authorization} header for a push to {@code endpoint}: {@code vapid t=<jwt>, k=<public key>}. */
  public String authorization(URI endpoint, Instant now) {
    return "vapid t=" + token(audience(endpoint), now.plus(VALIDITY)) + ", k=" + publicKey();
  }

  /** The push service's origin, the JWT's audience (RFC 8292 §2). */
  static String audience(URI endpoint) {
    String scheme = endpoint.getScheme().toLowerCase(Locale.ROOT);
    int port = endpoint.getPort();
    boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
    return scheme + "://" + endpoint.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
  }

  /** An ES256 JWT: header and claims as compact JSON, signature as the 64-byte {@code R || S}. */
  String token(String audience, Instant expires) {
    String header = "{\"typ\":\"JWT\",\"alg\":\"ES256\"}";
    String claims = "{\"aud\":\"" + jsonText(audience) + "\",\"exp\":" + expires.getEpochSecond() + ",\"sub\":\""
        + jsonText(subject) + "\"}";
    String signingInput = EcKeys.b64(header.getBytes(StandardCharsets.UTF_8)) + "."
        + EcKeys.b64(claims.getBytes(StandardCharsets.UTF_8));
    try {
      Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
      es256.initSign(keys.getPrivate());
      es256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + EcKeys.b64(es256.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ES256 signing failed", e);
    }
  }

  private static String jsonText(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
