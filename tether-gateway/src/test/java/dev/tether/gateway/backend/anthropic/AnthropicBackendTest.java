package dev.tether.gateway.backend.anthropic;

import static dev.tether.gateway.backend.anthropic.FakeAnthropicUpstream.event;
import static dev.tether.gateway.backend.anthropic.FakeAnthropicUpstream.json;
import static dev.tether.gateway.backend.anthropic.FakeAnthropicUpstream.sse;
import static dev.tether.gateway.backend.anthropic.FakeAnthropicUpstream.startStream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.api.error.ApiException;
import dev.tether.api.error.ErrorType;
import dev.tether.api.json.Json;
import dev.tether.api.messages.ContentBlock;
import dev.tether.api.messages.MessageResponse;
import dev.tether.api.messages.MessagesRequest;
import dev.tether.api.messages.StopReason;
import dev.tether.api.stream.MessageAssembler;
import dev.tether.api.stream.StreamEvent;
import dev.tether.gateway.backend.BackendRequest;
import dev.tether.gateway.backend.Cancellation;
import dev.tether.gateway.backend.ClientGoneException;
import dev.tether.gateway.backend.ModelTraits;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class AnthropicBackendTest {
  static final String BODY =
      """
      {"model":"claude-sonnet-4-5","max_tokens":1024,"stream":false,
       "messages":[{"role":"user","content":"hi"}],
       "context_management":{"edits":[{"type":"clear_thinking_20251015"}]},
       "metadata":{"user_id":"u1"}}
      """;

  static final String START =
      """
      {"type":"message_start","message":{"id":"msg_up1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":1}}}""";

  static final List<String> TEXT_AND_TOOL =
      List.of(
          START,
          "{\"type\":\"ping\"}",
          "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
          "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}",
          "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\", world\"}}",
          "{\"type\":\"content_block_stop\",\"index\":0}",
          "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Read\",\"input\":{}}}",
          "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}",
          "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"path\\\":\"}}",
          "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\\\"/tmp/a\\\"}\"}}",
          "{\"type\":\"content_block_stop\",\"index\":1}",
          "{\"type\":\"future_event\",\"detail\":42}",
          "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":17}}",
          "{\"type\":\"message_stop\"}");

  FakeAnthropicUpstream upstream;
  AnthropicBackend backend;

  @BeforeEach
  void start() throws IOException {
    upstream = new FakeAnthropicUpstream();
    backend = new AnthropicBackend(AnthropicBackendConfig.of(upstream.baseUrl(), null));
  }

  @AfterEach
  void stop() {
    backend.close();
    upstream.close();
  }

  static BackendRequest request(Map<String, List<String>> headers, String query, Cancellation cancellation)
      throws IOException {
    ObjectNode raw = (ObjectNode) Json.tree(BODY);
    MessagesRequest typed = Json.read(BODY, MessagesRequest.class);
    return new BackendRequest("req_abc123", typed, raw, headers, query, cancellation, 0);
  }

  static BackendRequest request() throws IOException {
    return request(
        Map.of("anthropic-version", List.of("2023-06-01"), "x-api-key", List.of("sk-client")),
        "beta=true",
        new Cancellation());
  }

  static Map<String, List<String>> claudeCodeHeaders() {
    Map<String, List<String>> h = new LinkedHashMap<>();
    h.put("anthropic-version", List.of("2023-06-01"));
    h.put("anthropic-beta", List.of("claude-code-20250219,interleaved-thinking-2025-05-14"));
    h.put("x-api-key", List.of("sk-client"));
    h.put("x-claude-code-session-id", List.of("5b7c"));
    h.put("x-stainless-retry-count", List.of("0"));
    h.put("user-agent", List.of("claude-cli/2.1.197 (external, cli)"));
    h.put("accept", List.of("application/json"));
    h.put("content-type", List.of("application/json"));
    // Hop-by-hop and framing headers of the client's own connection.
    h.put("host", List.of("127.0.0.1:4000"));
    h.put("content-length", List.of("99999"));
    h.put("connection", List.of("keep-alive, x-hop-private"));
    h.put("x-hop-private", List.of("only for the first hop"));
    h.put("keep-alive", List.of("timeout=5"));
    h.put("transfer-encoding", List.of("chunked"));
    h.put("accept-encoding", List.of("gzip, deflate, br, zstd"));
    h.put("expect", List.of("100-continue"));
    h.put("upgrade", List.of("h2c"));
    h.put("te", List.of("trailers"));
    h.put("trailer", List.of("x-checksum"));
    h.put("proxy-authorization", List.of("Basic c2VjcmV0"));
    return h;
  }

  static List<StreamEvent> collect(AnthropicBackend backend, BackendRequest request) {
    List<StreamEvent> events = new CopyOnWriteArrayList<>();
    backend.stream(request, events::add);
    return events;
  }

  @Test
  void forwardsTheClientHeadersAndQueryUnchanged() throws IOException {
    upstream.answer(exchange -> sse(exchange, TEXT_AND_TOOL));

    collect(backend, request(claudeCodeHeaders(), "beta=true", new Cancellation()));

    var got = upstream.last();
    assertThat(got.method()).isEqualTo("POST");
    assertThat(got.path()).isEqualTo("/v1/messages");
    assertThat(got.query()).isEqualTo("beta=true");
    assertThat(got.header("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(got.header("anthropic-beta")).isEqualTo("claude-code-20250219,interleaved-thinking-2025-05-14");
    assertThat(got.header("x-api-key")).isEqualTo("sk-client");
    assertThat(got.header("x-claude-code-session-id")).isEqualTo("5b7c");
    assertThat(got.header("x-stainless-retry-count")).isEqualTo("0");
    assertThat(got.header("user-agent")).isEqualTo("claude-cli/2.1.197 (external, cli)");
    assertThat(got.header("accept")).isEqualTo("application/json");
    assertThat(got.header("content-type")).isEqualTo("application/json");
  }

  @Test
  void doesNotForwardHopByHopHeaders() throws IOException {
    upstream.answer(exchange -> sse(exchange, TEXT_AND_TOOL));

    collect(backend, request(claudeCodeHeaders(), null, new Cancellation()));

    var got = upstream.last();
    assertThat(got.query()).isNull();
    assertThat(got.header("host")).isEqualTo(upstream.baseUrl().getAuthority());
    assertThat(got.header("content-length")).isEqualTo(String.valueOf(got.body().getBytes().length));
    for (String name :
        List.of("keep-alive", "x-hop-private", "transfer-encoding", "accept-encoding", "expect", "upgrade", "te", "trailer", "proxy-authorization")) {
      assertThat(got.header(name)).as(name).isNull();
    }
    assertThat(got.header("connection")).isNotEqualTo("keep-alive, x-hop-private");
  }

  @Test
  void forwardsABearerTokenWhenNoKeyIsConfigured() throws IOException {
    upstream.answer(exchange -> sse(exchange, TEXT_AND_TOOL));

    collect(
        backend,
        request(Map.of("authorization", List.of("Bearer tok-1"), "anthropic-version", List.of("2023-06-01")), null, new Cancellation()));

    assertThat(upstream.last().header("authorization")).isEqualTo("Bearer tok-1");
    assertThat(upstream.last().header("x-api-key")).isNull();
  }

  @Test
  void aConfiguredKeyReplacesTheClientsCredentials() throws IOException {
    upstream.answer(exchange -> sse(exchange, TEXT_AND_TOOL));
    try (var keyed = new AnthropicBackend(AnthropicBackendConfig.of(upstream.baseUrl(), "sk-gateway"))) {
      Map<String, List<String>> headers =
          Map.of("authorization", List.of("Bearer tok-1"), "x-api-key", List.of("sk-client"), "anthropic-version", List.of("2023-06-01"));

      collect(keyed, request(headers, null, new Cancellation()));
    }

    assertThat(upstream.last().header("x-api-key")).isEqualTo("sk-gateway");
    assertThat(upstream.last().header("authorization")).isNull();
    assertThat(upstream.last().headers().keySet().stream().filter(n -> n.equalsIgnoreCase("x-api-key"))).hasSize(1);
  }

  @Test
  void forwardsTheBodyWithStreamForcedOnAndUnknownFieldsKept() throws IOException {
    upstream.answer(exchange -> sse(exchange, TEXT_AND_TOOL));

    collect(backend, request());

    JsonNode sent = Json.tree(upstream.last().body());
    ObjectNode expected = (ObjectNode) Json.tree(BODY);
    expected.put("stream", true);
    assertThat(sent).isEqualTo(expected);
    assertThat(sent.path("context_management").path("edits").get(0).path("type").asText()).isEqualTo("clear_thinking_20251015");
  }

  @Test
  void relaysEveryEventInOrderAndTheyFoldIntoTheMessage() throws IOException {
    upstream.answer(exchange -> sse(exchange, TEXT_AND_TOOL));

    List<StreamEvent> events = collect(backend, request());

    assertThat(events).extracting(StreamEvent::type)
        .containsExactly(
            "message_start", "ping",
            "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
            "content_block_start", "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop",
            "future_event", "message_delta", "message_stop");
    assertThat(events.get(11)).isInstanceOf(StreamEvent.Unknown.class);

    MessageAssembler assembler = new MessageAssembler();
    events.forEach(assembler::accept);
    MessageResponse message = assembler.message();
    assertThat(message.id()).isEqualTo("msg_up1");
    assertThat(message.stopReason()).isEqualTo(StopReason.TOOL_USE);
    assertThat(message.usage().outputTokens()).isEqualTo(17);
    assertThat(message.content()).hasSize(2);
    assertThat(message.content().get(0)).isEqualTo(new ContentBlock.Text("Hello, world"));
    var tool = (ContentBlock.ToolUse) message.content().get(1);
    assertThat(tool.id()).isEqualTo("toolu_1");
    assertThat(tool.name()).isEqualTo("Read");
    assertThat(tool.input()).isEqualTo(Json.tree("{\"path\":\"/tmp/a\"}"));
  }

  @Test
  void aRateLimitAnswerKeepsItsTypeMessageAndRetryAfter() throws IOException {
    upstream.answer(
        exchange ->
            json(exchange, 429, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Number of requests has exceeded your rate limit\"}}",
                "retry-after", "7"));

    Throwable thrown = catchThrowable(() -> collect(backend, request()));

    assertThat(thrown).isInstanceOf(ApiException.class).hasMessage("Number of requests has exceeded your rate limit");
    var api = (ApiException) thrown;
    assertThat(api.type()).isEqualTo(ErrorType.RATE_LIMIT);
    assertThat(api.retryAfter()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void aBadRequestAnswerBecomesInvalidRequestWithTheUpstreamMessage() {
    upstream.answer(
        exchange ->
            json(exchange, 400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"max_tokens: must be at least 1\"},\"request_id\":\"req_up\"}"));

    assertThatThrownBy(() -> collect(backend, request()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST))
        .hasMessage("max_tokens: must be at least 1");
  }

  @Test
  void anOverloadedAnswerStaysOverloaded() {
    upstream.answer(
        exchange -> json(exchange, 529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));

    assertThatThrownBy(() -> collect(backend, request()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.OVERLOADED))
        .hasMessage("Overloaded");
  }

  @Test
  void aNonJsonErrorIsTypedByItsStatusWithAnExcerpt() {
    upstream.answer(
        exchange -> {
          byte[] html = "<html><body>502 Bad Gateway</body></html>".getBytes();
          exchange.getResponseHeaders().set("content-type", "text/html");
          exchange.sendResponseHeaders(502, html.length);
          exchange.getResponseBody().write(html);
        });

    assertThatThrownBy(() -> collect(backend, request()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.API))
        .hasMessageContaining("502")
        .hasMessageContaining("Bad Gateway");
  }

  @Test
  void aRefusedConnectionIsOverloadedSoClaudeCodeRetries() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    URI dead = URI.create("http://127.0.0.1:" + closedPort);
    try (var unreachable = new AnthropicBackend(AnthropicBackendConfig.of(dead, null))) {
      assertThatThrownBy(() -> collect(unreachable, request()))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.OVERLOADED))
          .hasMessageStartingWith("upstream " + dead + " unreachable: ");
    }
  }

  @Test
  void anErrorEventMidStreamIsThrownAfterTheEventsBeforeIt() throws IOException {
    upstream.answer(
        exchange ->
            sse(exchange, List.of(
                TEXT_AND_TOOL.get(0),
                TEXT_AND_TOOL.get(2),
                TEXT_AND_TOOL.get(3),
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")));
    List<StreamEvent> events = new CopyOnWriteArrayList<>();

    assertThatThrownBy(() -> backend.stream(request(), events::add))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.OVERLOADED))
        .hasMessage("Overloaded");
    assertThat(events).extracting(StreamEvent::type).containsExactly("message_start", "content_block_start", "content_block_delta");
  }

  @Test
  void aStreamCutBeforeMessageStopIsAnApiError() throws IOException {
    upstream.answer(exchange -> sse(exchange, TEXT_AND_TOOL.subList(0, 4)));
    List<StreamEvent> events = new CopyOnWriteArrayList<>();

    assertThatThrownBy(() -> backend.stream(request(), events::add))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.API))
        .hasMessageContaining("cut");
    assertThat(events).hasSize(4);
  }

  @Test
  void aSilentUpstreamTimesOut() throws IOException {
    CountDownLatch release = new CountDownLatch(1);
    upstream.answer(
        exchange -> {
          OutputStream out = startStream(exchange);
          event(out, START);
          awaitQuietly(release);
        });
    var config = new AnthropicBackendConfig(null, upstream.baseUrl(), null, null, Duration.ofMillis(300));
    try (var impatient = new AnthropicBackend(config)) {
      assertThatThrownBy(() -> collect(impatient, request()))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.TIMEOUT));
    } finally {
      release.countDown();
    }
  }

  @Test
  void cancellingTheRequestClosesTheUpstreamConnection() throws Exception {
    CountDownLatch upstreamSawClose = new CountDownLatch(1);
    upstream.answer(exchange -> pingUntilClosed(exchange, upstreamSawClose));
    Cancellation cancellation = new Cancellation();
    CountDownLatch firstEvent = new CountDownLatch(1);
    BackendRequest request = request(Map.of(), null, cancellation);

    CompletableFuture<Void> streaming =
        CompletableFuture.runAsync(() -> backend.stream(request, event -> firstEvent.countDown()));
    assertThat(firstEvent.await(5, TimeUnit.SECONDS)).isTrue();
    cancellation.cancel();

    assertThat(upstreamSawClose.await(5, TimeUnit.SECONDS)).isTrue();
    Throwable thrown = catchThrowable(() -> streaming.get(5, TimeUnit.SECONDS));
    assertThat(thrown).hasCauseInstanceOf(ClientGoneException.class);
  }

  @Test
  void cancellingBeforeTheUpstreamAnswersAbandonsTheRequest() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    upstream.answer(
        exchange -> {
          arrived.countDown();
          awaitQuietly(release);
        });
    Cancellation cancellation = new Cancellation();
    BackendRequest request = request(Map.of(), null, cancellation);
    try {
      CompletableFuture<Void> streaming = CompletableFuture.runAsync(() -> backend.stream(request, event -> {}));
      assertThat(arrived.await(5, TimeUnit.SECONDS)).isTrue();
      cancellation.cancel();

      Throwable thrown = catchThrowable(() -> streaming.get(5, TimeUnit.SECONDS));
      assertThat(thrown).hasCauseInstanceOf(ClientGoneException.class);
    } finally {
      release.countDown();
    }
  }

  @Test
  void aClientGoneFromTheSinkClosesTheUpstreamAndIsRethrown() throws IOException, InterruptedException {
    CountDownLatch upstreamSawClose = new CountDownLatch(1);
    upstream.answer(exchange -> pingUntilClosed(exchange, upstreamSawClose));
    ClientGoneException gone = new ClientGoneException(new IOException("broken pipe"));

    assertThatThrownBy(() -> backend.stream(request(), event -> {
          if (event instanceof StreamEvent.Ping) {
            throw gone;
          }
        }))
        .isSameAs(gone);
    assertThat(upstreamSawClose.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void countTokensForwardsTheBodyWithoutMaxTokensOrStream() throws IOException {
    upstream.answer(exchange -> json(exchange, 200, "{\"input_tokens\":1234}"));

    int tokens = backend.countTokens(request(claudeCodeHeaders(), "beta=true", new Cancellation()));

    assertThat(tokens).isEqualTo(1234);
    var got = upstream.last();
    assertThat(got.path()).isEqualTo("/v1/messages/count_tokens");
    assertThat(got.query()).isEqualTo("beta=true");
    assertThat(got.header("anthropic-beta")).startsWith("claude-code-20250219");
    assertThat(got.header("x-api-key")).isEqualTo("sk-client");
    assertThat(got.header("te")).isNull();
    JsonNode sent = Json.tree(got.body());
    assertThat(sent.has("max_tokens")).isFalse();
    assertThat(sent.has("stream")).isFalse();
    assertThat(sent.path("model").asText()).isEqualTo("claude-sonnet-4-5");
    assertThat(sent.has("context_management")).isTrue();
  }

  @Test
  void countTokensMapsUpstreamErrorsLikeMessages() {
    upstream.answer(
        exchange -> json(exchange, 404, "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"model: nope\"}}"));

    assertThatThrownBy(() -> backend.countTokens(request()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.NOT_FOUND))
        .hasMessage("model: nope");
  }

  @Test
  void modelsAreUnknownWithoutAKeyOfOurOwn() {
    assertThat(backend.models()).isEmpty();
    assertThat(upstream.received()).isEmpty();
  }

  @Test
  void modelsAreListedWithTheConfiguredKeyAndCached() {
    upstream.answer(
        exchange ->
            json(exchange, 200, """
                {"data":[{"type":"model","id":"claude-sonnet-4-5","display_name":"Claude Sonnet 4.5","created_at":"2025-09-29T00:00:00Z"},
                         {"type":"model","id":"claude-haiku-4-5","display_name":"Claude Haiku 4.5","created_at":"2025-10-01T00:00:00Z"}],
                 "has_more":false,"first_id":"claude-sonnet-4-5","last_id":"claude-haiku-4-5"}"""));
    try (var keyed = new AnthropicBackend(AnthropicBackendConfig.of(upstream.baseUrl(), "sk-gateway"))) {
      assertThat(keyed.models()).extracting(m -> m.id()).containsExactly("claude-sonnet-4-5", "claude-haiku-4-5");
      assertThat(keyed.models().getFirst().displayName()).isEqualTo("Claude Sonnet 4.5");
    }

    assertThat(upstream.received()).hasSize(1);
    var got = upstream.last();
    assertThat(got.method()).isEqualTo("GET");
    assertThat(got.path()).isEqualTo("/v1/models");
    assertThat(got.header("x-api-key")).isEqualTo("sk-gateway");
    assertThat(got.header("anthropic-version")).isEqualTo("2023-06-01");
  }

  @Test
  void describesItselfAsAPassThroughWithClaudeTraits() {
    assertThat(backend.name()).isEqualTo("anthropic");
    assertThat(backend.passThrough()).isTrue();
    assertThat(backend.traits("claude-opus-4-1")).isEqualTo(new ModelTraits(200_000, true, true, 128));
  }

  /** Streams pings until the client hangs up, then reports it. */
  private static void pingUntilClosed(com.sun.net.httpserver.HttpExchange exchange, CountDownLatch closed) {
    try {
      OutputStream out = startStream(exchange);
      event(out, START);
      for (int i = 0; i < 500; i++) {
        event(out, "{\"type\":\"ping\"}");
        Thread.sleep(20);
      }
    } catch (IOException e) {
      closed.countDown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
