package dev.tether.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import dev.tether.engine.runtime.GenerationResult;
import dev.tether.gateway.backend.local.LocalBackend;
import dev.tether.gateway.backend.local.LocalBackendOptions;
import dev.tether.gateway.http.HttpOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local backend through the real server on port 0, with a scripted engine (real tokenizer and
 * chat template of a tiny model, scripted tokens), driven by the official Anthropic SDK and plain HTTP.
 */
class LocalBackendIT {
  @TempDir Path dir;
  private ScriptedEngine engine;
  private TetherServer server;
  private AnthropicClient client;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    engine = ScriptedEngine.create(dir, 2048);
    startServer(LocalBackendOptions.of("tiny-qwen").withQueueDepth(0));
  }

  private void startServer(LocalBackendOptions options) {
    server = TetherServer.start("127.0.0.1", 0, new HttpOptions("secret", Duration.ofMillis(100), 1_000_000),
        List.of(new LocalBackend(engine, options)), List.of());
    client = AnthropicOkHttpClient.builder().baseUrl(server.baseUrl().toString()).apiKey("secret").maxRetries(0).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private static MessageCreateParams.Builder ask(String text) {
    return MessageCreateParams.builder().model("tiny-qwen").maxTokens(200).addUserMessage(text);
  }

  private Message streamed(MessageCreateParams params) {
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
      stream.stream().forEach(accumulator::accumulate);
    }
    return accumulator.message();
  }

  @Test
  void streamsTheGeneratedTextWithRealCounts() {
    Message message = streamed(ask("Say hello").build());
    assertThat(message.content()).hasSize(1);
    assertThat(message.content().getFirst().asText().text()).isEqualTo("Hello from the engine.");
    assertThat(message.stopReason()).contains(StopReason.END_TURN);
    GenerationResult result = engine.results.getLast();
    assertThat(message.usage().outputTokens()).isEqualTo(result.generatedTokens()).isGreaterThan(1);
    assertThat(engine.text(engine.requests.getLast().prompt()))
        .isEqualTo("<|im_start|>user\nSay hello<|im_end|>\n<|im_start|>assistant\n");
    assertThat(message.usage().inputTokens() + message.usage().cacheReadInputTokens().orElse(0L)
        + message.usage().cacheCreationInputTokens().orElse(0L)).isEqualTo(result.promptTokens());
    assertThat(message.model().asString()).isEqualTo("tiny-qwen");
  }

  @Test
  void nonStreamingGivesTheSameMessage() {
    Message plain = client.messages().create(ask("Say hello").build());
    assertThat(plain.content().getFirst().asText().text()).isEqualTo("Hello from the engine.");
    assertThat(plain.stopReason()).contains(StopReason.END_TURN);
    assertThat(plain.usage().outputTokens()).isEqualTo(engine.results.getLast().generatedTokens());
  }

  @Test
  void aToolCallBecomesAToolUseBlockWithParsedInput() {
    engine.reply = prompt -> "Let me look.<tool_call>{\"name\": \"Bash\", \"arguments\": {\"command\": \"ls -la\"}}</tool_call>";
    Tool bash = Tool.builder().name("Bash").description("Run a shell command")
        .inputSchema(Tool.InputSchema.builder().properties(JsonValue.from(Map.of("command", Map.of("type", "string"))))
            .required(List.of("command")).build())
        .build();
    Message message = streamed(ask("List the files").addTool(bash).build());
    assertThat(message.content()).hasSize(2);
    assertThat(message.content().get(0).asText().text()).isEqualTo("Let me look.");
    var use = message.content().get(1).asToolUse();
    assertThat(use.name()).isEqualTo("Bash");
    assertThat(use.id()).startsWith("toolu_");
    assertThat(use._input().convert(Map.class)).isEqualTo(Map.of("command", "ls -la"));
    assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    assertThat(engine.text(engine.requests.getLast().prompt())).contains("<tools>").contains("\"name\": \"Bash\"");
  }

  @Test
  void aStopSequenceEndsGenerationAndIsReported() {
    engine.reply = prompt -> "one two STOP three four five six";
    Message message = streamed(ask("Count").stopSequences(List.of("STOP")).build());
    assertThat(message.content().getFirst().asText().text()).isEqualTo("one two ");
    assertThat(message.stopReason()).contains(StopReason.STOP_SEQUENCE);
    assertThat(message.stopSequence()).contains("STOP");
    assertThat(engine.results.getLast().stop()).isEqualTo(GenerationResult.StopReason.STOPPED);
  }

  @Test
  void maxTokensIsHonouredAndCappedByTheContext() {
    engine.reply = prompt -> "a b c d e f g h i j k l m n o p";
    Message message = streamed(ask("Letters").maxTokens(3).build());
    assertThat(message.stopReason()).contains(StopReason.MAX_TOKENS);
    assertThat(message.usage().outputTokens()).isEqualTo(3);
    assertThat(engine.requests.getLast().maxTokens()).isEqualTo(3);

    client.messages().create(ask("Letters").maxTokens(100_000).build());
    var last = engine.requests.getLast();
    assertThat(last.maxTokens()).isEqualTo(2048 - last.prompt().length);
  }

  @Test
  void aReusedPrefixIsReportedAsCacheRead() {
    String system = "You are a careful assistant. ".repeat(20);
    MessageCreateParams first = ask("First question").systemOfTextBlockParams(List.of(TextBlockParam.builder().text(system)
        .cacheControl(CacheControlEphemeral.builder().build()).build())).build();
    Message cold = streamed(first);
    assertThat(cold.usage().cacheReadInputTokens()).contains(0L);
    assertThat(cold.usage().cacheCreationInputTokens()).contains((long) engine.results.getLast().promptTokens());
    assertThat(cold.usage().inputTokens()).isZero();

    MessageCreateParams second = ask("Second question").systemOfTextBlockParams(List.of(TextBlockParam.builder().text(system)
        .cacheControl(CacheControlEphemeral.builder().build()).build())).build();
    Message warm = streamed(second);
    GenerationResult result = engine.results.getLast();
    assertThat(result.cachedTokens()).isGreaterThan(100);
    assertThat(warm.usage().cacheReadInputTokens()).contains((long) result.cachedTokens());
    assertThat(warm.usage().cacheCreationInputTokens()).contains((long) (result.promptTokens() - result.cachedTokens()));

    Message noCaching = streamed(ask("Second question").system(system).build());
    GenerationResult plain = engine.results.getLast();
    assertThat(noCaching.usage().inputTokens()).isEqualTo(plain.promptTokens() - plain.cachedTokens());
    assertThat(noCaching.usage().cacheCreationInputTokens()).contains(0L);
  }

  @Test
  void countTokensIsTheRenderedPromptsLength() {
    long counted = client.messages().countTokens(MessageCountTokensParams.builder().model("tiny-qwen")
        .addUserMessage("How many tokens is this?").build()).inputTokens();
    client.messages().create(ask("How many tokens is this?").build());
    assertThat(counted).isEqualTo(engine.requests.getLast().prompt().length);
  }

  @Test
  void modelsListTheModelWithItsContextLength() throws Exception {
    var ids = client.models().list().data().stream().map(m -> m.id()).toList();
    assertThat(ids).containsExactly("tiny-qwen", "claude-tiny-qwen");
    assertThat(client.models().retrieve("tiny-qwen").displayName()).isEqualTo("Tiny Qwen");
    HttpResponse<String> raw = http.send(HttpRequest.newBuilder(server.baseUrl().resolve("/v1/models"))
        .header("x-api-key", "secret").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(raw.body()).contains("\"max_input_tokens\":2048");
  }

  @Test
  void aFullQueueAnswers429WithRetryAfter() throws Exception {
    engine.gate = new CountDownLatch(1);
    CompletableFuture<Message> first = CompletableFuture.supplyAsync(() -> client.messages().create(ask("first").build()));
    assertThat(engine.begun.await(5, TimeUnit.SECONDS)).isTrue();
    HttpResponse<String> second = post("{\"model\":\"tiny-qwen\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"second\"}]}");
    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(second.headers().firstValue("retry-after")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
    assertThat(second.body()).contains("\"type\":\"rate_limit_error\"").contains("queue depth 0");
    engine.gate.countDown();
    assertThat(first.get(5, TimeUnit.SECONDS).content().getFirst().asText().text()).isEqualTo("Hello from the engine.");
    assertThat(client.messages().create(ask("third").build()).stopReason()).contains(StopReason.END_TURN);
  }

  @Test
  void aClientThatGoesAwayCancelsGeneration() throws Exception {
    engine.gate = new CountDownLatch(1);
    var response = http.send(HttpRequest.newBuilder(server.baseUrl().resolve("/v1/messages"))
        .header("x-api-key", "secret")
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"tiny-qwen\",\"max_tokens\":50,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    response.body().read();
    assertThat(engine.begun.await(5, TimeUnit.SECONDS)).isTrue();
    response.body().close();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (engine.results.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(engine.results).singleElement().satisfies(r ->
        assertThat(r.stop()).isEqualTo(GenerationResult.StopReason.CANCELLED));
  }

  @Test
  void reasoningBecomesAThinkingBlockBeforeTheText() throws Exception {
    stop();
    // A template that mentions <think> belongs to a model that reasons between those tags.
    Path thinker = ScriptedEngine.writeModel(dir.resolve("thinker.gguf"), ScriptedEngine.HERMES_TEMPLATE + "{#- <think> #}");
    engine = ScriptedEngine.open(thinker, 2048);
    engine.reply = prompt -> "<think>Two and two make four.</think>The answer is 4.";
    startServer(LocalBackendOptions.of("thinker"));
    Message message = streamed(ask("2+2?").model("thinker").build());
    assertThat(message.content()).hasSize(2);
    assertThat(message.content().get(0).asThinking().thinking()).isEqualTo("Two and two make four.");
    assertThat(message.content().get(0).asThinking().signature()).isNotEmpty();
    assertThat(message.content().get(1).asText().text()).isEqualTo("The answer is 4.");
    assertThat(message.stopReason()).contains(StopReason.END_TURN);
  }

  @Test
  void pingsFlowWhileTheEngineIsStillOnThePrompt() throws Exception {
    engine.gate = new CountDownLatch(1);
    CompletableFuture<HttpResponse<String>> reply = CompletableFuture.supplyAsync(() -> {
      try {
        return post("{\"model\":\"tiny-qwen\",\"max_tokens\":20,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(engine.begun.await(5, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(450);  // a long prefill: several ping intervals of 100 ms
    engine.gate.countDown();
    String body = reply.get(5, TimeUnit.SECONDS).body();
    assertThat(body).startsWith("event: message_start\n").contains("event: ping\ndata: {\"type\":\"ping\"}\n\n");
    assertThat(body.indexOf("event: ping")).isLessThan(body.indexOf("event: content_block_start"));
    assertThat(body).endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
  }

  @Test
  void openAiClientsGetTheSameModelThroughChatCompletions() throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.baseUrl().resolve("/v1/chat/completions"))
        .header("authorization", "Bearer secret").header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"tiny-qwen\",\"messages\":[{\"role\":\"user\","
            + "\"content\":\"Say hello\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    var json = dev.tether.api.json.Json.tree(response.body());
    assertThat(json.path("choices").path(0).path("message").path("content").asText()).isEqualTo("Hello from the engine.");
    assertThat(json.path("usage").path("completion_tokens").asInt()).isEqualTo(engine.results.getLast().generatedTokens());
  }

  @Test
  void aModelWithoutAChatTemplateIsAClearError() throws Exception {
    stop();
    Path bare = ScriptedEngine.writeModel(dir.resolve("base.gguf"), null);
    engine = ScriptedEngine.open(bare, 2048);
    startServer(LocalBackendOptions.of("base"));
    assertThatThrownBy(() -> client.messages().create(ask("hi").model("base").build()))
        .isInstanceOfSatisfying(AnthropicServiceException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(500);
          assertThat(e.getMessage()).contains("has no chat template");
        });
  }

  private HttpResponse<String> post(String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/messages"))
        .header("x-api-key", "secret").header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
