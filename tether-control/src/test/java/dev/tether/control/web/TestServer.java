package dev.tether.control.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.control.ControlJson;
import dev.tether.control.ControlService;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The control plane on a real Javalin server on port 0, configured as {@code tether serve} configures it
 * (virtual threads), with a plain {@link HttpClient} to talk to it.
 */
public final class TestServer implements AutoCloseable {
  public static final String TOKEN = "test-token-123";

  public final ControlService service;
  public final Javalin app;
  public final URI base;
  public final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String token;

  private TestServer(ControlService service, Javalin app, String token) {
    this.service = service;
    this.app = app;
    this.base = URI.create("http://127.0.0.1:" + app.port());
    this.token = token;
  }

  public static TestServer start(Path dataDir) {
    return start(dataDir, TOKEN, Duration.ofSeconds(15), ControlService.Config.defaults());
  }

  public static TestServer start(Path dataDir, String token, Duration keepAlive, ControlService.Config config) {
    ControlService service = ControlService.open(dataDir, config);
    Javalin app = Javalin.create(c -> {
      c.showJavalinBanner = false;
      c.useVirtualThreads = true;
    });
    ControlHttp.install(app, service, new ControlOptions(token, keepAlive, "test"));
    app.start("127.0.0.1", 0);
    return new TestServer(service, app, token);
  }

  public HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> get(String path) {
    return send(request(path).GET().build());
  }

  public HttpResponse<String> post(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  public HttpResponse<String> patch(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build());
  }

  public HttpResponse<String> delete(String path) {
    return send(request(path).DELETE().build());
  }

  /** The body of a response as JSON. */
  public static JsonNode json(HttpResponse<String> response) {
    return ControlJson.parse(response.body());
  }

  /** Creates a session and returns its id. */
  public String newSession(String name) {
    HttpResponse<String> r = post("/api/sessions", "{\"name\":\"" + name + "\",\"agent_type\":\"custom\"}");
    if (r.statusCode() != 201) {
      throw new IllegalStateException(r.statusCode() + " " + r.body());
    }
    return json(r).get("id").asText();
  }

  @Override
  public void close() {
    app.stop();
    service.close();
  }
}
