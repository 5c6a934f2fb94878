package dev.tether.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tether.api.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A scripted OpenAI-compatible server on loopback: {@code GET /v1/models} and streaming
 * {@code POST /v1/chat/completions}, answering each request with what the script returns for it. It
 * stands in for llama-server/Ollama/vLLM in tests, in the benchmark and in manual checks with Claude
 * Code, since no real model can run here.
 */
public final class ScriptedOpenAiServer implements AutoCloseable {
  /** One scripted answer: an HTTP status with a JSON body, or a 200 stream of chunk payloads. */
  public sealed interface Reply {
    /** A 200 SSE stream; each entry is one {@code data:} payload (the server adds {@code [DONE]}). */
    record Chunks(List<String> payloads) implements Reply {}

    /** A non-200 answer. */
    record Failure(int status, String body, String retryAfter) implements Reply {}
  }

  private final HttpServer server;
  private final String model;
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private volatile Function<JsonNode, Reply> script;

  private ScriptedOpenAiServer(HttpServer server, String model, Function<JsonNode, Reply> script) {
    this.server = server;
    this.model = model;
    this.script = script;
  }

  /** Starts on a free loopback port. */
  public static ScriptedOpenAiServer start(String model, Function<JsonNode, Reply> script) throws IOException {
    // Without TCP_NODELAY the JDK server's small chunks meet Nagle's algorithm and delayed ACKs
    // (~40 ms stalls), which no real model server has.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    ScriptedOpenAiServer server = new ScriptedOpenAiServer(http, model, script);
    http.createContext("/v1/models", server::models);
    http.createContext("/v1/chat/completions", server::completions);
    http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    http.start();
    return server;
  }

  /** The OpenAI base URL, e.g. {@code http://127.0.0.1:PORT/v1}. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
  }

  /** Replaces the script. */
  public void script(Function<JsonNode, Reply> newScript) {
    this.script = newScript;
  }

  /** The chat-completion bodies received, in order. */
  public List<JsonNode> requests() {
    return requests;
  }

  /** A reply streaming {@code text} in pieces of {@code pieceLength} characters, then usage. */
  public static Reply text(String text, int pieceLength) {
    List<String> payloads = new ArrayList<>();
    for (int i = 0; i < text.length(); i += pieceLength) {
      payloads.add(chunk(delta("content", text.substring(i, Math.min(text.length(), i + pieceLength))), null));
    }
    payloads.add(chunk(Json.object(), "stop"));
    payloads.add(usage(25, Math.max(1, text.length() / 4)));
    return new Reply.Chunks(payloads);
  }

  /** A reply with one tool call whose arguments stream in pieces. */
  public static Reply toolCall(String id, String name, String argumentsJson) {
    List<String> payloads = new ArrayList<>();
    ObjectNode first = Json.object();
    ArrayNode calls = first.putArray("tool_calls");
    ObjectNode call = calls.addObject();
    call.put("index", 0).put("id", id).put("type", "function");
    call.putObject("function").put("name", name).put("arguments", "");
    payloads.add(chunk(first, null));
    for (int i = 0; i < argumentsJson.length(); i += 7) {
      ObjectNode more = Json.object();
      ObjectNode part = more.putArray("tool_calls").addObject();
      part.put("index", 0);
      part.putObject("function").put("arguments", argumentsJson.substring(i, Math.min(argumentsJson.length(), i + 7)));
      payloads.add(chunk(more, null));
    }
    payloads.add(chunk(Json.object(), "tool_calls"));
    payloads.add(usage(40, 12));
    return new Reply.Chunks(payloads);
  }

  private static ObjectNode delta(String field, String value) {
    ObjectNode delta = Json.object();
    delta.put(field, value);
    return delta;
  }

  private static String chunk(ObjectNode delta, String finishReason) {
    ObjectNode chunk = Json.object();
    chunk.put("id", "chatcmpl-scripted").put("object", "chat.completion.chunk").put("created", 0).put("model", "scripted");
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("delta", delta);
    if (finishReason == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finishReason);
    }
    return Json.write(chunk);
  }

  private static String usage(int prompt, int completion) {
    ObjectNode chunk = Json.object();
    chunk.put("id", "chatcmpl-scripted").put("object", "chat.completion.chunk").put("created", 0).put("model", "scripted");
    chunk.putArray("choices");
    chunk.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
        .put("total_tokens", prompt + completion);
    return Json.write(chunk);
  }

  private void models(HttpExchange exchange) throws IOException {
    ObjectNode body = Json.object();
    body.put("object", "list");
    body.putArray("data").addObject().put("id", model).put("object", "model").put("owned_by", "tether-test");
    send(exchange, 200, Json.write(body), null);
  }

  private void completions(HttpExchange exchange) throws IOException {
    JsonNode request;
    try {
      request = Json.MAPPER.readTree(exchange.getRequestBody());
    } catch (IOException e) {
      send(exchange, 400, "{\"error\":{\"message\":\"bad json\"}}", null);
      return;
    }
    requests.add(request);
    switch (script.apply(request)) {
      case Reply.Failure f -> send(exchange, f.status(), f.body(), f.retryAfter());
      case Reply.Chunks c -> {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
          for (String payload : c.payloads()) {
            out.write(("data: " + payload + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
          }
          out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
          // The client went away: nothing to do.
        }
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String body, String retryAfter) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    if (retryAfter != null) {
      exchange.getResponseHeaders().set("Retry-After", retryAfter);
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
