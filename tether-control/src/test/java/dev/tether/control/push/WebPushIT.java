package dev.tether.control.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.tether.control.ControlJson;
import dev.tether.control.web.TestServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Web Push end to end on loopback: a browser's subscription stored over REST, an approval raised, and a
 * fake push service receiving a request it can authenticate (VAPID) and decrypt (with the "browser's"
 * private key); a subscription the push service calls gone (410) is dropped.
 */
class WebPushIT {
  record Received(Map<String, String> headers, byte[] body) {}

  @TempDir
  Path dir;

  TestServer server;
  HttpServer pushService;
  final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
  final AtomicInteger status = new AtomicInteger(201);

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(dir);
    pushService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    pushService.createContext("/push/", exchange -> {
      Map<String, String> headers = new java.util.HashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.getFirst()));
      received.add(new Received(headers, exchange.getRequestBody().readAllBytes()));
      exchange.sendResponseHeaders(status.get(), -1);
      exchange.close();
    });
    pushService.start();
  }

  @AfterEach
  void stop() {
    pushService.stop(0);
    server.close();
  }

  private String endpoint() {
    return "http://127.0.0.1:" + pushService.getAddress().getPort() + "/push/device-1";
  }

  @Test
  void anApprovalReachesTheSubscribedBrowserEncryptedAndSigned() throws Exception {
    String key = TestServer.json(server.get("/api/push/key")).get("public_key").asText();
    assertThat(EcKeys.unb64(key)).hasSize(65);
    assertThat(TestServer.json(server.get("/api/push/key")).get("public_key").asText()).as("kept").isEqualTo(key);

    KeyPair browser = EcKeys.generate();
    byte[] auth = new byte[16];
    new java.security.SecureRandom().nextBytes(auth);
    String p256dh = EcKeys.b64(EcKeys.encode((ECPublicKey) browser.getPublic()));
    var r = server.post("/api/push/subscriptions", "{\"endpoint\":\"" + endpoint() + "\",\"expirationTime\":null,"
        + "\"keys\":{\"p256dh\":\"" + p256dh + "\",\"auth\":\"" + EcKeys.b64(auth) + "\"}}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);

    String session = server.newSession("deploy");
    server.post("/api/sessions/" + session + "/start", "{\"prompt\":\"go\"}");
    server.post("/api/sessions/" + session + "/approvals", "{\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"npm test\"}}");

    Received push = received.poll(10, TimeUnit.SECONDS);
    assertThat(push).as("the push service got a request").isNotNull();
    assertThat(push.headers()).containsEntry("content-encoding", "aes128gcm").containsEntry("urgency", "high");
    assertThat(Long.parseLong(push.headers().get("ttl"))).isPositive();

    String authorization = push.headers().get("authorization");
    assertThat(authorization).startsWith("vapid t=").endsWith(", k=" + key);
    String jwt = authorization.substring(8, authorization.indexOf(", k="));
    JsonNode claims = ControlJson.parse(new String(EcKeys.unb64(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    assertThat(claims.get("aud").asText()).isEqualTo("http://127.0.0.1:" + pushService.getAddress().getPort());
    Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
    es256.initVerify(EcKeys.publicKey(EcKeys.unb64(key)));
    es256.update(jwt.substring(0, jwt.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII));
    assertThat(es256.verify(EcKeys.unb64(jwt.substring(jwt.lastIndexOf('.') + 1)))).isTrue();

    JsonNode message = ControlJson.parse(new String(PushCrypto.decrypt(push.body(), browser, auth), StandardCharsets.UTF_8));
    assertThat(message.get("title").asText()).isEqualTo("Bash needs approval");
    assertThat(message.get("body").asText()).isEqualTo("deploy: $ npm test");
    assertThat(message.get("session_id").asText()).isEqualTo(session);
    assertThat(message.get("url").asText()).isEqualTo("/#/s/" + session);
    assertThat(message.get("approval_id").asText()).startsWith("apr_");
  }

  @Test
  void aSubscriptionThePushServiceCallsGoneIsDropped() throws Exception {
    KeyPair browser = EcKeys.generate();
    String body = "{\"endpoint\":\"" + endpoint() + "\",\"keys\":{\"p256dh\":\""
        + EcKeys.b64(EcKeys.encode((ECPublicKey) browser.getPublic())) + "\",\"auth\":\"" + EcKeys.b64(new byte[16]) + "\"}}";
    assertThat(server.post("/api/push/subscriptions", body).statusCode()).isEqualTo(201);
    status.set(410);
    String session = server.newSession("idle");
    server.post("/api/sessions/" + session + "/start", "{}");
    assertThat(server.post("/api/sessions/" + session + "/events", "{\"type\":\"status\",\"data\":{\"status\":\"awaiting_input\"}}")
        .statusCode()).isEqualTo(201);
    Received push = received.poll(10, TimeUnit.SECONDS);
    assertThat(push).isNotNull();
    JsonNode message = ControlJson.parse(new String(PushCrypto.decrypt(push.body(), browser, new byte[16]), StandardCharsets.UTF_8));
    assertThat(message.get("title").asText()).isEqualTo("idle is waiting for you");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    WebPush probe = WebPush.open(server.service, dir.resolve("tether.db"), java.net.http.HttpClient.newHttpClient(), "mailto:x@y");
    try {
      while (probe.subscriptions() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(probe.subscriptions()).isZero();
    } finally {
      probe.close();
    }
  }

  @Test
  void badSubscriptionsAreRefusedWithAClearMessage() {
    var notHttps = server.post("/api/push/subscriptions", "{\"endpoint\":\"http://push.example.com/x\",\"keys\":"
        + "{\"p256dh\":\"" + EcKeys.b64(EcKeys.encode((ECPublicKey) EcKeys.generate().getPublic())) + "\",\"auth\":\"AAAAAAAAAAAAAAAAAAAAAA\"}}");
    assertThat(notHttps.statusCode()).isEqualTo(422);
    assertThat(notHttps.body()).contains("https");
    var badKey = server.post("/api/push/subscriptions", "{\"endpoint\":\"https://push.example.com/x\",\"keys\":"
        + "{\"p256dh\":\"AAAA\",\"auth\":\"AAAAAAAAAAAAAAAAAAAAAA\"}}");
    assertThat(badKey.statusCode()).isEqualTo(422);
    assertThat(badKey.body()).contains("65 bytes");
    assertThat(server.send(server.request("/api/push/subscriptions").header("Content-Type", "application/json")
        .method("DELETE", java.net.http.HttpRequest.BodyPublishers.ofString("{\"endpoint\":\"https://push.example.com/none\"}"))
        .build()).body()).contains("\"removed\":false");
    assertThat(URI.create(endpoint()).getHost()).isEqualTo("127.0.0.1");
  }
}
