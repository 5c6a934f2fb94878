package dev.tether.control.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.control.ControlJson;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** VAPID per RFC 8292: the header format, the JWT's header and claims, and an ES256 signature the public key verifies. */
class VapidTest {
  final Vapid vapid = Vapid.generate("mailto:ops@example.com");
  final Instant now = Instant.parse("2026-11-21T12:00:00Z");

  @Test
  void theAuthorizationHeaderCarriesTheTokenAndTheKey() {
    String header = vapid.authorization(URI.create("https://fcm.googleapis.com/fcm/send/abc123"), now);
    assertThat(header).matches("vapid t=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+, k=[A-Za-z0-9_-]+");
    assertThat(header).endsWith(", k=" + vapid.publicKey());
    assertThat(EcKeys.unb64(vapid.publicKey())).hasSize(65).startsWith((byte) 4);
  }

  @Test
  void theJwtNamesTheOriginExpiresWithinADayAndIsSignedWithEs256() throws Exception {
    String header = vapid.authorization(URI.create("https://updates.push.services.mozilla.com:443/wpush/v2/gAAA"), now);
    String jwt = header.substring("vapid t=".length(), header.indexOf(", k="));
    String[] parts = jwt.split("\\.");
    assertThat(parts).hasSize(3);
    JsonNode head = ControlJson.parse(new String(EcKeys.unb64(parts[0]), StandardCharsets.UTF_8));
    assertThat(head.get("typ").asText()).isEqualTo("JWT");
    assertThat(head.get("alg").asText()).isEqualTo("ES256");
    JsonNode claims = ControlJson.parse(new String(EcKeys.unb64(parts[1]), StandardCharsets.UTF_8));
    assertThat(claims.get("aud").asText()).isEqualTo("https://updates.push.services.mozilla.com");
    assertThat(claims.get("sub").asText()).isEqualTo("mailto:ops@example.com");
    long exp = claims.get("exp").asLong();
    assertThat(exp).isGreaterThan(now.getEpochSecond()).isLessThanOrEqualTo(now.getEpochSecond() + 24 * 3600);

    byte[] signature = EcKeys.unb64(parts[2]);
    assertThat(signature).hasSize(64); // JWS ES256: R || S, not DER
    Signature verify = Signature.getInstance("SHA256withECDSAinP1363Format");
    verify.initVerify(EcKeys.publicKey(EcKeys.unb64(vapid.publicKey())));
    verify.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(verify.verify(signature)).isTrue();

    verify.initVerify(EcKeys.publicKey(EcKeys.unb64(Vapid.generate("mailto:x@y").publicKey())));
    verify.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(verify.verify(signature)).as("another key must not verify it").isFalse();
  }

  @Test
  void theAudienceKeepsANonDefaultPortAndDropsThePath() {
    assertThat(Vapid.audience(URI.create("http://127.0.0.1:8123/push/x?y=1"))).isEqualTo("http://127.0.0.1:8123");
    assertThat(Vapid.audience(URI.create("https://Push.Example.com/a"))).isEqualTo("https://push.example.com");
  }

  @Test
  void storedKeysComeBackAsTheSamePair() throws Exception {
    Vapid again = Vapid.of(vapid.publicKey(), vapid.privateKey(), vapid.subject());
    assertThat(again.publicKey()).isEqualTo(vapid.publicKey());
    String header = again.authorization(URI.create("https://push.example.com/x"), now);
    String jwt = header.substring(8, header.indexOf(", k="));
    Signature verify = Signature.getInstance("SHA256withECDSAinP1363Format");
    verify.initVerify(vapid.keys().getPublic());
    verify.update(jwt.substring(0, jwt.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII));
    assertThat(verify.verify(EcKeys.unb64(jwt.substring(jwt.lastIndexOf('.') + 1)))).isTrue();
  }
}
