package dev.tether.gateway.backend.anthropic;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** An Anthropic API double on a free local port: records what it receives, answers as told. */
final class FakeAnthropicUpstream implements AutoCloseable {

  /** What one request looked like on arrival. */
  record Received(String method, String path, String query, Map<String, List<String>> headers, String body) {
    /** The first value of a header, any case, or null. */
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }
  }

  @FunctionalInterface
  interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile Handler handler = exchange -> json(exchange, 404, "{}");

  FakeAnthropicUpstream() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(
                new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    new String(body, StandardCharsets.UTF_8)));
            handler.handle(exchange);
          }
        });
    server.start();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  void answer(Handler handler) {
    this.handler = handler;
  }

  List<Received> received() {
    return received;
  }

  Received last() {
    return received.getLast();
  }

  /** Answers with a JSON body. */
  static void json(HttpExchange exchange, int status, String body, String... headerPairs) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < headerPairs.length; i += 2) {
      exchange.getResponseHeaders().add(headerPairs[i], headerPairs[i + 1]);
    }
    exchange.getResponseHeaders().set("content-type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  /** Starts an event stream; events are then written with {@link #event}. */
  static OutputStream startStream(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("content-type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    return exchange.getResponseBody();
  }

  /** Writes one SSE event whose name is the JSON's type, and flushes it. */
  static void event(OutputStream out, String json) throws IOException {
    String type = json.replaceFirst("^\\{\"type\":\"([^\"]+)\".*$", "$1");
    out.write(("event: " + type + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Answers with a whole event stream. */
  static void sse(HttpExchange exchange, List<String> events) throws IOException {
    OutputStream out = startStream(exchange);
    for (String e : events) {
      event(out, e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
