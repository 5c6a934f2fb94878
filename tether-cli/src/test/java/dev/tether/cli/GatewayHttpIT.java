package dev.tether.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import dev.tether.api.error.ApiException;
import dev.tether.api.error.ErrorType;
import dev.tether.gateway.http.HttpOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real server on port 0 with a scripted backend, driven by the official Anthropic SDK and plain HTTP. */
class GatewayHttpIT {
  private final ScriptedBackend backend = new ScriptedBackend();
  private TetherServer server;
  private AnthropicClient client;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    server = TetherServer.start("127.0.0.1", 0,
        new HttpOptions("secret-token", Duration.ofMillis(100), 1_000_000), List.of(backend), List.of());
    client = AnthropicOkHttpClient.builder().baseUrl(server.baseUrl().toString()).apiKey("secret-token").maxRetries(0).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private MessageCreateParams params() {
    return MessageCreateParams.builder().model("claude-opus-4-8").maxTokens(100).addUserMessage("Say hello").build();
  }

  @Test
  void streamingAndNonStreamingGiveTheSameMessage() {
    Message plain = client.messages().create(params());
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params())) {
      stream.stream().forEach(accumulator::accumulate);
    }
    Message streamed = accumulator.message();
    assertThat(plain.content()).hasSize(1);
    assertThat(plain.content().getFirst().asText().text()).isEqualTo("Hello from the script.");
    assertThat(streamed.content().getFirst().asText().text()).isEqualTo(plain.content().getFirst().asText().text());
    assertThat(streamed.stopReason()).isEqualTo(plain.stopReason()).contains(StopReason.END_TURN);
    assertThat(streamed.usage().outputTokens()).isEqualTo(plain.usage().outputTokens()).isEqualTo(7);
    assertThat(plain.model().asString()).isEqualTo("claude-opus-4-8");
  }

  @Test
  void toolCallsArriveAsToolUseWithParsedInput() {
    backend.script = (request, sink) -> ScriptedBackend.toolCall(request, sink, "toolu_1", "Bash", "{\"command\":\"echo \\\"hi\\\"\"}");
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params())) {
      stream.stream().forEach(accumulator::accumulate);
    }
    var toolUse = accumulator.message().content().getFirst().asToolUse();
    assertThat(toolUse.name()).isEqualTo("Bash");
    assertThat(toolUse._input().toString()).contains("echo \"hi\"");
    assertThat(accumulator.message().stopReason()).contains(StopReason.TOOL_USE);
  }

  @Test
  void backendErrorsBeforeTheStreamBecomeHttpErrors() {
    backend.script = (request, sink) -> {
      throw new ApiException(ErrorType.OVERLOADED, "upstream unreachable");
    };
    assertThatThrownBy(() -> client.messages().create(params()))
        .isInstanceOfSatisfying(AnthropicServiceException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(529);
          assertThat(e.getMessage()).contains("upstream unreachable");
        });
  }

  @Test
  void rateLimitsCarryRetryAfter() throws Exception {
    backend.script = (request, sink) -> {
      throw new ApiException(ErrorType.RATE_LIMIT, "queue full", Duration.ofSeconds(3), null);
    };
    HttpResponse<String> response = post("/v1/messages", "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "secret-token");
    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("retry-after")).contains("3");
    assertThat(response.body()).contains("\"type\":\"rate_limit_error\"");
  }

  @Test
  void failuresAfterTheStreamBeganBecomeErrorEvents() throws Exception {
    backend.script = (request, sink) -> {
      ScriptedBackend.start(request, sink);
      throw new ApiException(ErrorType.OVERLOADED, "upstream died");
    };
    HttpResponse<String> response = post("/v1/messages", "{\"model\":\"m\",\"max_tokens\":5,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "secret-token");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).startsWith("event: message_start\n")
        .endsWith("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"upstream died\"}}\n\n");
  }

  @Test
  void pingsKeepASlowStreamAlive() throws Exception {
    backend.script = (request, sink) -> {
      ScriptedBackend.start(request, sink);
      sleep(450);
      ScriptedBackend.text(request, event -> {
        if (!(event instanceof dev.tether.api.stream.StreamEvent.MessageStart)) {
          sink.accept(event);
        }
      }, "late");
    };
    HttpResponse<String> response = post("/v1/messages", "{\"model\":\"m\",\"max_tokens\":5,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "secret-token");
    assertThat(response.body()).contains("event: ping\ndata: {\"type\":\"ping\"}\n\n");
    assertThat(response.body().indexOf("event: ping")).isLessThan(response.body().indexOf("content_block_start"));
  }

  @Test
  void everyResponseHasARequestIdAndErrorsHaveTheAnthropicShape() throws Exception {
    HttpResponse<String> bad = post("/v1/messages?beta=true", "{not json", "secret-token");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.headers().firstValue("request-id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
    assertThat(bad.body()).startsWith("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"request body is not valid JSON")
        .contains("\"request_id\":\"" + bad.headers().firstValue("request-id").orElseThrow() + "\"");

    HttpResponse<String> noMax = post("/v1/messages", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "secret-token");
    assertThat(noMax.statusCode()).isEqualTo(400);
    assertThat(noMax.body()).contains("max_tokens: Field required");

    HttpResponse<String> badRole = post("/v1/messages", "{\"model\":\"m\",\"max_tokens\":3,\"messages\":[{\"role\":\"robot\",\"content\":\"hi\"}]}", "secret-token");
    assertThat(badRole.statusCode()).isEqualTo(400);
    assertThat(badRole.body()).contains("role");

    HttpResponse<String> wrongToken = post("/v1/messages", "{}", "wrong");
    assertThat(wrongToken.statusCode()).isEqualTo(401);
    assertThat(wrongToken.body()).contains("authentication_error");

    HttpResponse<String> missing = post("/v1/nothing", "{}", "secret-token");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("not_found_error");
    assertThat(missing.headers().firstValue("request-id")).isPresent();

    HttpResponse<String> tooLarge = post("/v1/messages", "{\"model\":\"" + "x".repeat(1_100_000) + "\"}", "secret-token");
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.body()).contains("request_too_large");
  }

  @Test
  void headAndHealthAnswerWithoutAuth() throws Exception {
    HttpResponse<Void> head = http.send(HttpRequest.newBuilder(server.baseUrl().resolve("/")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    assertThat(head.statusCode()).isEqualTo(200);
    HttpResponse<String> health = http.send(HttpRequest.newBuilder(server.baseUrl().resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
  }

  @Test
  void modelsAreListedWithClaudeAliases() {
    var ids = client.models().list().data().stream().map(m -> m.id()).toList();
    assertThat(ids).containsExactly("qwen2.5-coder", "claude-qwen2.5-coder");
    assertThat(client.models().retrieve("claude-qwen2.5-coder").displayName()).contains("Qwen2.5 Coder");
  }

  @Test
  void countTokensIsARealCount() {
    long small = client.messages().countTokens(com.anthropic.models.messages.MessageCountTokensParams.builder()
        .model("m").addUserMessage("hi").build()).inputTokens();
    long large = client.messages().countTokens(com.anthropic.models.messages.MessageCountTokensParams.builder()
        .model("m").addUserMessage("hello world, this is a longer message ".repeat(50)).build()).inputTokens();
    assertThat(small).isPositive();
    assertThat(large).isGreaterThan(small * 20);
  }

  @Test
  void aClientThatGoesAwayCancelsTheBackend() throws Exception {
    var cancelled = new java.util.concurrent.CountDownLatch(1);
    backend.script = (request, sink) -> {
      request.cancellation().onCancel(cancelled::countDown);
      ScriptedBackend.start(request, sink);
      sleep(5000);
    };
    var future = http.sendAsync(HttpRequest.newBuilder(server.baseUrl().resolve("/v1/messages"))
        .header("x-api-key", "secret-token")
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"max_tokens\":5,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    var response = future.get();
    response.body().read();
    response.body().close();
    assertThat(cancelled.await(3, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
  }

  private HttpResponse<String> post(String path, String body, String token) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
        .header("x-api-key", token).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
