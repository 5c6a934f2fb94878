package dev.tether.control.push;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts one encrypted message to one subscription (RFC 8030 §5): {@code TTL}, {@code Urgency},
 * {@code Content-Encoding: aes128gcm} and the VAPID {@code Authorization}.
 */
public final class PushSender {
  private static final Logger LOG = LoggerFactory.getLogger(PushSender.class);

  /** What became of a push: delivered to the push service, the subscription is gone (404/410), or failed. */
  public enum Outcome { DELIVERED, GONE, FAILED }

  private final HttpClient http;
  private final Vapid vapid;
  private final Clock clock;

  public PushSender(HttpClient http, Vapid vapid, Clock clock) {
    this.http = http;
    this.vapid = vapid;
    this.clock = clock;
  }

  public Outcome send(PushSubscription s, byte[] payload, Duration ttl, String urgency) {
    byte[] body = PushEncryption.encrypt(payload, EcKeys.unb64(s.p256dh()), EcKeys.unb64(s.auth()));
    URI endpoint = s.uri();
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .timeout(Duration.ofSeconds(10))
        .header("TTL", Long.toString(Math.max(0, ttl.toSeconds())))
        .header("Urgency", urgency)
        .header("Content-Encoding", "aes128gcm")
        .header("Content-Type", "application/octet-stream")
        .header("Authorization", vapid.authorization(endpoint, clock.instant()))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      int status = r.statusCode();
      if (status == 404 || status == 410) {
        return Outcome.GONE;
      }
      if (status >= 200 && status < 300) {
        return Outcome.DELIVERED;
      }
      LOG.warn("push service {} answered {}: {}", endpoint.getHost(), status, abbreviate(r.body()));
      return Outcome.FAILED;
    } catch (IOException e) {
      LOG.warn("push to {} failed: {}", endpoint.getHost(), e.getMessage());
      return Outcome.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.FAILED;
    }
  }

  private static String abbreviate(String s) {
    return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }

  static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
