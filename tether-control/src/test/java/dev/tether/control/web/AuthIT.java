package dev.tether.control.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.control.ControlJson;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every route but the public few wants the token; the older WebSocket API too. */
class AuthIT {
  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(dir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> knock(RouteTable.Route route, String authorization) {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.base.resolve(route.concrete())).timeout(Duration.ofSeconds(10));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    b.header("Content-Type", "application/json");
    b.method(route.method().equals("WEBSOCKET") ? "GET" : route.method(),
        route.method().equals("GET") || route.method().equals("HEAD") || route.method().equals("WEBSOCKET")
            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
    return server.send(b.build());
  }

  @Test
  void everyRegisteredRouteButThePublicOnesRefusesRequestsWithoutTheToken() {
    List<RouteTable.Route> routes = RouteTable.of(server.app);
    assertThat(routes).hasSizeGreaterThan(25);
    assertThat(routes.stream().filter(RouteTable.Route::isPublic).map(r -> r.method() + " " + r.path()))
        .containsExactlyInAnyOrder("GET /api/health", "GET /", "GET /sw.js", "GET /manifest.webmanifest",
            "GET /favicon.ico", "GET /assets/<path>"); // the web UI's static files, nothing else
    for (RouteTable.Route route : routes) {
      HttpResponse<String> none = knock(route, null);
      HttpResponse<String> wrong = knock(route, "Bearer not-the-token");
      if (route.isPublic()) {
        // /assets/x1 is no file: public means "no token asked", so 404 rather than 401 there.
        assertThat(none.statusCode()).as(route.toString()).isEqualTo(route.path().contains("<") ? 404 : 200);
      } else {
        assertThat(none.statusCode()).as(route.toString()).isEqualTo(401);
        assertThat(wrong.statusCode()).as(route.toString()).isEqualTo(401);
        assertThat(ControlJson.parse(none.body()).get("error").get("code").asText()).isEqualTo("unauthorized");
        assertThat(none.headers().firstValue("www-authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
      }
    }
  }

  @Test
  void aForeignPageCannotPostEvenWithoutAToken() throws Exception {
    try (TestServer open = TestServer.start(dir.resolve("open"), null, Duration.ofSeconds(15),
        dev.tether.control.ControlService.Config.defaults())) {
      assertThat(open.get("/api/sessions").statusCode()).isEqualTo(200);
      HttpResponse<String> csrf = open.send(open.request("/api/sessions").header("Origin", "https://evil.example")
          .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}")).build());
      assertThat(csrf.statusCode()).isEqualTo(403);
      assertThat(ControlJson.parse(csrf.body()).get("error").get("code").asText()).isEqualTo("forbidden");
      HttpResponse<String> sameOrigin = open.send(open.request("/api/sessions")
          .header("Origin", "http://127.0.0.1:" + open.app.port())
          .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}")).build());
      assertThat(sameOrigin.statusCode()).isEqualTo(201);
      try (java.net.Socket socket = new java.net.Socket("127.0.0.1", open.app.port())) {
        socket.getOutputStream().write(("GET /api/sessions HTTP/1.1\r\nHost: attacker.example:8787\r\nConnection: close\r\n\r\n")
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream())).readLine();
        assertThat(status).as("DNS rebinding").startsWith("HTTP/1.1 403");
      }
    }
  }

  @Test
  void unknownPathsAsk401BeforeSaying404() {
    assertThat(server.send(HttpRequest.newBuilder(server.base.resolve("/api/secret-probe")).GET().build()).statusCode())
        .isEqualTo(401);
  }

  @Test
  void theTokenAlsoWorksAsXApiKey() {
    HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.base.resolve("/api/sessions"))
        .header("x-api-key", TestServer.TOKEN).GET().build());
    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void theHealthCheckNeedsNoToken() {
    HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.base.resolve("/api/health")).GET().build());
    JsonNode health = ControlJson.parse(r.body());
    assertThat(health.get("ok").asBoolean()).isTrue();
    assertThat(health.get("protocol").asInt()).isEqualTo(1);
  }

  private URI ws(String query) {
    return URI.create("ws://127.0.0.1:" + server.app.port() + LegacySocket.PATH + query);
  }

  @Test
  void theOlderWebSocketApiWantsTheTokenToo() {
    CompletableFuture<WebSocket> refused = server.http.newWebSocketBuilder()
        .buildAsync(ws(""), new WebSocket.Listener() {});
    assertThatThrownBy(refused::join).isInstanceOf(CompletionException.class)
        .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
            e -> assertThat(e.getResponse().statusCode()).isEqualTo(401));
  }

  @Test
  void theOlderWebSocketApiDrivesASessionAndMarksTheDisconnect() throws Exception {
    LinkedBlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
    WebSocket socket = server.http.newWebSocketBuilder().header("Authorization", "Bearer " + TestServer.TOKEN)
        .buildAsync(ws(""), new WebSocket.Listener() {
          private final StringBuilder partial = new StringBuilder();

          @Override
          public java.util.concurrent.CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
              replies.add(ControlJson.parse(partial.toString()));
              partial.setLength(0);
            }
            ws.request(1);
            return null;
          }
        }).join();
    socket.sendText("{\"type\":\"register\",\"agent_name\":\"bot\"}", true).join();
    assertThat(replies.poll(10, TimeUnit.SECONDS).get("type").asText()).isEqualTo("registered");
    socket.sendText("{\"type\":\"create_session\",\"session_name\":\"via ws\",\"agent_metadata\":{\"type\":\"bot\"}}", true).join();
    JsonNode created = replies.poll(10, TimeUnit.SECONDS);
    String id = created.get("session_id").asText();
    socket.sendText("{\"type\":\"event\",\"session_id\":\"" + id + "\",\"event\":{\"type\":\"output\",\"data\":{\"text\":\"hi\"}}}", true).join();
    assertThat(replies.poll(10, TimeUnit.SECONDS).get("seq").asLong()).isEqualTo(3);
    server.post("/api/sessions/" + id + "/input", "{\"text\":\"hello\"}");
    socket.sendText("{\"type\":\"poll_events\",\"session_id\":\"" + id + "\",\"since_seq\":0}", true).join();
    JsonNode events = replies.poll(10, TimeUnit.SECONDS).get("events");
    assertThat(events.get(0).get("type").asText()).isEqualTo("human_input");
    socket.sendText("{\"type\":\"bogus\"}", true).join();
    assertThat(replies.poll(10, TimeUnit.SECONDS).get("type").asText()).isEqualTo("error");
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    JsonNode last = null;
    for (int i = 0; i < 100; i++) {
      JsonNode all = ControlJson.parse(server.get("/api/sessions/" + id + "/events").body()).get("events");
      last = all.get(all.size() - 1);
      if (last.get("type").asText().equals("agent_disconnected")) {
        break;
      }
      Thread.sleep(50);
    }
    assertThat(last.get("type").asText()).isEqualTo("agent_disconnected");
  }
}
