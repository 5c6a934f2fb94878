package dev.tether.gateway.backend.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tether.api.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A scripted OpenAI-compatible server on a free port: replies are queued, requests recorded. */
final class FakeOpenAiUpstream implements AutoCloseable {

  /**
   * One scripted answer to {@code POST /chat/completions}.
   *
   * @param chunks raw body pieces, written and flushed one by one
   * @param delayMillis pause before the headers when {@code headerDelay}, else between pieces
   * @param holdOpen after the pieces, keep writing SSE comments until the client goes away
   */
  record Reply(
      int status, Map<String, String> headers, List<String> chunks, long delayMillis,
      boolean headerDelay, boolean holdOpen) {

    /** A 200 event stream of these chunk JSONs, then {@code [DONE]}. */
    static Reply sse(String... chunkJson) {
      List<String> pieces = new ArrayList<>();
      Arrays.stream(chunkJson).forEach(c -> pieces.add("data: " + c + "\n\n"));
      pieces.add("data: [DONE]\n\n");
      return new Reply(200, Map.of("Content-Type", "text/event-stream"), pieces, 0, false, false);
    }

    static Reply error(int status, String body) {
      return new Reply(status, Map.of("Content-Type", "application/json"), List.of(body), 0, false, false);
    }

    Reply withHeader(String name, String value) {
      Map<String, String> all = new java.util.HashMap<>(headers);
      all.put(name, value);
      return new Reply(status, all, chunks, delayMillis, headerDelay, holdOpen);
    }

    Reply delayed(long millis, boolean beforeHeaders) {
      return new Reply(status, headers, chunks, millis, beforeHeaders, holdOpen);
    }

    /** These chunks (no {@code [DONE]}), then the stream stays open. */
    static Reply openEnded(String... chunkJson) {
      List<String> pieces = Arrays.stream(chunkJson).map(c -> "data: " + c + "\n\n").toList();
      return new Reply(200, Map.of("Content-Type", "text/event-stream"), pieces, 0, false, true);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final AtomicInteger modelCalls = new AtomicInteger();
  private volatile String models = "{\"object\":\"list\",\"data\":[{\"id\":\"qwen3-coder\",\"object\":\"model\"}]}";
  final CountDownLatch clientGone = new CountDownLatch(1);

  private FakeOpenAiUpstream() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    server.createContext("/v1/models", this::models);
    server.createContext("/v1/chat/completions", this::chat);
    server.start();
  }

  static FakeOpenAiUpstream start() {
    try {
      return new FakeOpenAiUpstream();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A base URL on which nothing listens (connection refused). */
  static String deadUrl() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  FakeOpenAiUpstream enqueue(Reply reply) {
    replies.add(reply);
    return this;
  }

  void models(String json) {
    models = json;
  }

  List<JsonNode> requests() {
    return requests;
  }

  List<String> authorizations() {
    return authorizations;
  }

  int modelCalls() {
    return modelCalls.get();
  }

  private void models(HttpExchange exchange) throws IOException {
    modelCalls.incrementAndGet();
    byte[] body = models.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private void chat(HttpExchange exchange) throws IOException {
    requests.add(Json.tree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    authorizations.add(auth == null ? "" : auth);
    Reply reply = replies.poll();
    if (reply == null) {
      reply = Reply.error(500, "{\"error\":{\"message\":\"no scripted reply\"}}");
    }
    try {
      if (reply.headerDelay()) {
        sleep(reply.delayMillis());
      }
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.sendResponseHeaders(reply.status(), 0);
      OutputStream out = exchange.getResponseBody();
      out.flush();
      boolean first = true;
      for (String chunk : reply.chunks()) {
        if (!reply.headerDelay() && !first) {
          sleep(reply.delayMillis());
        }
        first = false;
        out.write(chunk.getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
      if (reply.holdOpen()) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
          out.write(": still here\n\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
          sleep(20);
        }
      }
      out.close();
    } catch (IOException e) {
      clientGone.countDown(); // the client closed the connection under us
    } finally {
      exchange.close();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
