package dev.tether.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.cli.bench.ScriptedOpenAiServer;
import dev.tether.cli.bench.ScriptedOpenAiServer.Reply;
import dev.tether.gateway.http.HttpOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole gateway over the OpenAI backend: the real server on port 0, an in-test scripted OpenAI
 * upstream, the official Anthropic SDK as the client (retries off).
 */
class OpenAiGatewayIT {
  private ScriptedOpenAiServer upstream;
  private TetherServer server;
  private AnthropicClient client;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    upstream = ScriptedOpenAiServer.start("qwen2.5-coder", request -> ScriptedOpenAiServer.text("Hello from the upstream.", 4));
    server = startGateway(List.of(upstream.baseUrl()));
    client = AnthropicOkHttpClient.builder().baseUrl(server.baseUrl().toString()).apiKey("k").maxRetries(0).build();
  }

  private static TetherServer startGateway(List<URI> upstreams) {
    return TetherServer.start("127.0.0.1", 0, new HttpOptions("k", Duration.ofMillis(200), HttpOptions.DEFAULT_MAX_BODY),
        List.of(Backends.openAi(upstreams)), List.of());
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
    upstream.close();
  }

  private static final Tool BASH = Tool.builder().name("Bash").description("Run a command")
      .inputSchema(Tool.InputSchema.builder()
          .properties(JsonValue.from(Map.of("command", Map.of("type", "string"))))
          .putAdditionalProperty("required", JsonValue.from(List.of("command"))).build())
      .build();

  private MessageCreateParams.Builder params() {
    return MessageCreateParams.builder().model("claude-opus-4-8").maxTokens(1000).addUserMessage("Say hello");
  }

  private Message streamed(MessageCreateParams params) {
    MessageAccumulator accumulator = MessageAccumulator.create();
    try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
      stream.stream().forEach(accumulator::accumulate);
    }
    return accumulator.message();
  }

  @Test
  void streamingAndNonStreamingGiveTheSameMessage() {
    Message plain = client.messages().create(params().build());
    Message streamed = streamed(params().build());
    assertThat(plain.content()).singleElement().satisfies(b -> assertThat(b.asText().text()).isEqualTo("Hello from the upstream."));
    assertThat(streamed.content()).singleElement().satisfies(b -> assertThat(b.asText().text()).isEqualTo("Hello from the upstream."));
    assertThat(streamed.stopReason()).isEqualTo(plain.stopReason()).contains(StopReason.END_TURN);
    assertThat(streamed.usage().outputTokens()).isEqualTo(plain.usage().outputTokens());
    assertThat(plain.usage().inputTokens()).as("the upstream's real prompt_tokens").isEqualTo(25);
    assertThat(upstream.requests().getFirst().path("model").asText()).as("unknown names go to the upstream's model").isEqualTo("qwen2.5-coder");
    assertThat(plain.model().asString()).as("the reply echoes the requested name").isEqualTo("claude-opus-4-8");
    assertThat(streamed.model().asString()).isEqualTo("claude-opus-4-8");
  }

  @Test
  void aToolRoundTripWorks() {
    upstream.script(request -> ScriptedOpenAiServer.toolCall("call_1", "Bash", "{\"command\":\"echo \\\"hello\\\"\"}"));
    Message first = streamed(params().addTool(BASH).build());
    assertThat(first.stopReason()).contains(StopReason.TOOL_USE);
    var toolUse = first.content().getFirst().asToolUse();
    assertThat(toolUse.name()).isEqualTo("Bash");
    assertThat(toolUse._input().convert(Map.class)).isEqualTo(Map.of("command", "echo \"hello\""));

    upstream.script(request -> ScriptedOpenAiServer.text("It printed hello.", 5));
    Message second = streamed(params().addTool(BASH)
        .addMessage(first)
        .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
            ToolResultBlockParam.builder().toolUseId(toolUse.id()).content("hello").build())))
        .build());
    assertThat(second.content().getFirst().asText().text()).isEqualTo("It printed hello.");
    JsonNode sent = upstream.requests().getLast();
    JsonNode toolMessage = null;
    for (JsonNode m : sent.get("messages")) {
      if (m.path("role").asText().equals("tool")) {
        toolMessage = m;
      }
    }
    assertThat(toolMessage).isNotNull();
    assertThat(toolMessage.path("tool_call_id").asText()).isEqualTo(toolUse.id());
    assertThat(toolMessage.path("content").asText()).isEqualTo("hello");
    assertThat(sent.path("tools").get(0).path("function").path("name").asText()).isEqualTo("Bash");
  }

  @Test
  void parallelToolCallsBecomeSeparateBlocks() {
    upstream.script(request -> new Reply.Chunks(List.of(
        "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"Bash\",\"arguments\":\"{\\\"command\\\":\"}}]}}]}",
        "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"Bash\",\"arguments\":\"{\\\"command\\\":\\\"pwd\\\"}\"}}]}}]}",
        "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"ls\\\"}\"}}]}}]}",
        "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}")));
    for (Message message : List.of(streamed(params().addTool(BASH).build()), client.messages().create(params().addTool(BASH).build()))) {
      assertThat(message.content()).hasSize(2);
      assertThat(message.content()).extracting(b -> b.asToolUse()._input().convert(Map.class))
          .containsExactly(Map.of("command", "ls"), Map.of("command", "pwd"));
      assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    }
  }

  @Test
  void toolCallsWrittenAsTextAreRecovered() {
    upstream.script(request -> ScriptedOpenAiServer.text(
        "Let me look.\n<tool_call>\n{\"name\": \"Bash\", \"arguments\": {\"command\": \"ls\"}}\n</tool_call>", 6));
    Message message = streamed(params().addTool(BASH).build());
    assertThat(message.content()).extracting(ContentBlock::isToolUse).containsExactly(false, true);
    assertThat(message.content().getFirst().asText().text()).contains("Let me look.");
    assertThat(message.content().get(1).asToolUse()._input().convert(Map.class)).isEqualTo(Map.of("command", "ls"));
    assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
  }

  @Test
  void anUnreachableUpstreamIsARetryableOverload() {
    server.close();
    server = startGateway(List.of(URI.create("http://127.0.0.1:9/v1")));
    client = AnthropicOkHttpClient.builder().baseUrl(server.baseUrl().toString()).apiKey("k").maxRetries(0).build();
    assertThatThrownBy(() -> client.messages().create(params().build()))
        .isInstanceOfSatisfying(AnthropicServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(529));
  }

  @Test
  void upstreamFailuresMapToAnthropicErrors() throws Exception {
    upstream.script(request -> new Reply.Failure(429, "{\"error\":{\"message\":\"busy\"}}", "4"));
    HttpResponse<String> busy = post("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(busy.statusCode()).isEqualTo(429);
    assertThat(busy.headers().firstValue("retry-after")).contains("4");
    assertThat(busy.body()).contains("rate_limit_error");

    upstream.script(request -> new Reply.Failure(500, "{\"error\":{\"message\":\"boom\"}}", null));
    assertThat(post("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode()).isEqualTo(529);

    upstream.script(request -> new Reply.Failure(400,
        "{\"error\":{\"code\":400,\"message\":\"the request exceeds the available context size, try increasing it\",\"type\":\"exceed_context_size_error\"}}", null));
    HttpResponse<String> tooLong = post("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(tooLong.body()).contains("prompt is too long");
  }

  @Test
  void claudeCodesFirstTurnIsTranslatedForTheUpstream() throws Exception {
    HttpResponse<String> response = post(ClaudeCodeShapesIT.fixture("turn1"));
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode sent = upstream.requests().getLast();
    JsonNode messages = sent.get("messages");
    assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
    assertThat(messages.get(0).path("content").asText()).startsWith("You are a Claude agent").doesNotContain("billing");
    assertThat(messages.get(messages.size() - 1).path("role").asText()).isEqualTo("user");
    assertThat(messages.toString()).contains("Available agent types");
    assertThat(sent.path("tools")).hasSize(5);
    assertThat(sent.path("tools").toString()).doesNotContain("$schema");
    assertThat(sent.has("thinking")).isFalse();
  }

  @Test
  void titleGenerationAsksForJsonThroughResponseFormat() throws Exception {
    post(ClaudeCodeShapesIT.fixture("title"));
    JsonNode format = upstream.requests().getLast().path("response_format");
    assertThat(format.path("type").asText()).isEqualTo("json_schema");
    assertThat(format.path("json_schema").path("schema").path("properties").has("title")).isTrue();
  }

  @Test
  void openAiClientsGetChatCompletions() throws Exception {
    HttpResponse<String> plain = http.send(HttpRequest.newBuilder(server.baseUrl().resolve("/v1/chat/completions"))
        .header("Authorization", "Bearer k")
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"qwen2.5-coder\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(plain.statusCode()).isEqualTo(200);
    JsonNode body = dev.tether.api.json.Json.tree(plain.body());
    assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Hello from the upstream.");
    assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");

    HttpResponse<String> streamed = http.send(HttpRequest.newBuilder(server.baseUrl().resolve("/v1/chat/completions"))
        .header("Authorization", "Bearer k")
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"qwen2.5-coder\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(streamed.body()).contains("\"content\":\"Hell\"").endsWith("data: [DONE]\n\n");

    HttpResponse<String> bad = http.send(HttpRequest.newBuilder(server.baseUrl().resolve("/v1/chat/completions"))
        .header("Authorization", "Bearer k").POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"x\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).startsWith("{\"error\":{");
  }

  @Test
  void theUpstreamsModelsAreListedWithAliases() {
    assertThat(client.models().list().data()).extracting(m -> m.id()).contains("qwen2.5-coder", "claude-qwen2.5-coder");
  }

  private HttpResponse<String> post(String body) throws Exception {
    return http.send(HttpRequest.newBuilder(server.baseUrl().resolve("/v1/messages?beta=true"))
        .header("x-api-key", "k").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
