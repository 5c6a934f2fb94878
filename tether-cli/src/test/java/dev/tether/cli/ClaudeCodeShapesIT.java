package dev.tether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.api.messages.ContentBlock;
import dev.tether.api.messages.MessagesRequest;
import dev.tether.api.messages.Role;
import dev.tether.api.stream.MessageAssembler;
import dev.tether.api.stream.StreamEvent;
import dev.tether.gateway.backend.BackendRequest;
import dev.tether.gateway.http.HttpOptions;
import dev.tether.gateway.sse.SseReader;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Replays request bodies shaped like Claude Code's (test resources claude-code/) through the real server. */
class ClaudeCodeShapesIT {
  private final ScriptedBackend backend = new ScriptedBackend();
  private TetherServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    server = TetherServer.start("127.0.0.1", 0, new HttpOptions("t", Duration.ofSeconds(5), HttpOptions.DEFAULT_MAX_BODY),
        List.of(backend), List.of());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static String fixture(String name) throws Exception {
    try (InputStream in = ClaudeCodeShapesIT.class.getResourceAsStream("/claude-code/" + name + ".json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private MessageAssembler send(String body) throws Exception {
    HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(server.baseUrl().resolve("/v1/messages?beta=true"))
        .header("Authorization", "Bearer t")
        .header("anthropic-version", "2023-06-01")
        .header("anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14,context-management-2025-06-27,mid-conversation-system-2026-04-07,some-future-beta-2027-01-01")
        .header("X-Claude-Code-Session-Id", "3f0c2a52-7d4e-4c1b-9a57-1b2c3d4e5f60")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    MessageAssembler assembler = new MessageAssembler();
    try (SseReader reader = new SseReader(response.body())) {
      for (SseReader.Event e = reader.next(); e != null; e = reader.next()) {
        StreamEvent event = dev.tether.api.json.Json.read(e.data(), StreamEvent.class);
        assertThat(event.type()).isEqualTo(e.event());
        assembler.accept(event);
      }
    }
    assertThat(assembler.complete()).isTrue();
    return assembler;
  }

  @ParameterizedTest
  @ValueSource(strings = {"turn1", "turn2-tool-result", "turn3-subagent-result", "title"})
  void everyClaudeCodeShapeIsAccepted(String name) throws Exception {
    send(fixture(name));
    assertThat(backend.received).hasSize(1);
  }

  @Test
  void turnOneKeepsTheSystemMessageAsTheLastMessageAndStripsTheBillingLine() throws Exception {
    send(fixture("turn1"));
    MessagesRequest seen = backend.received.getFirst().messages();
    assertThat(seen.messages()).extracting(m -> m.role()).containsExactly(Role.USER, Role.SYSTEM);
    assertThat(seen.system()).hasSize(2);
    assertThat(seen.systemText()).doesNotContain("x-anthropic-billing-header").startsWith("You are a Claude agent");
    assertThat(seen.thinking()).as("thinking dropped for a model that cannot think").isNull();
    assertThat(seen.outputConfig().effort()).isEqualTo("high");
    assertThat(seen.tools()).hasSize(5).allSatisfy(t -> assertThat(t.name().length()).isLessThanOrEqualTo(64));
    assertThat(seen.tools().getFirst().inputSchema().get("$schema").asText()).contains("2020-12");
  }

  @Test
  void emptyTextBesideToolUseIsDroppedAndBothToolResultFormsAreRead() throws Exception {
    send(fixture("turn3-subagent-result"));
    BackendRequest seen = backend.received.getFirst();
    var assistant = seen.messages().messages().get(2);
    assertThat(assistant.content()).singleElement().isInstanceOf(ContentBlock.ToolUse.class);
    var stringResult = (ContentBlock.ToolResult) seen.messages().messages().get(3).content().getFirst();
    assertThat(stringResult.content()).containsExactly(new ContentBlock.Text("hello"));
    var blockResult = (ContentBlock.ToolResult) seen.messages().messages().get(5).content().getFirst();
    assertThat(((ContentBlock.Text) blockResult.content().getFirst()).text()).isEqualTo("The repository has 3 modules.");
    assertThat(seen.header("x-claude-code-session-id")).isEqualTo("3f0c2a52-7d4e-4c1b-9a57-1b2c3d4e5f60");
  }

  @Test
  void aShortenedToolNameIsMappedBackInTheReply() throws Exception {
    String longName = "mcp__very_long_server_name_for_testing__a_tool_with_an_extremely_long_descriptive_name";
    backend.script = (request, sink) -> {
      String sent = request.messages().tools().getLast().name();
      assertThat(sent).hasSizeLessThanOrEqualTo(64).isNotEqualTo(longName);
      ScriptedBackend.toolCall(request, sink, "toolu_9", sent, "{\"q\":\"x\"}");
    };
    MessageAssembler reply = send(fixture("turn3-subagent-result"));
    assertThat(((ContentBlock.ToolUse) reply.message().content().getFirst()).name()).isEqualTo(longName);
    // The shortened name in the history matches the one in the tool list, so the model sees one name.
    var history = (ContentBlock.ToolUse) backend.received.getFirst().messages().messages().get(4).content().getLast();
    assertThat(history.name()).isEqualTo(backend.received.getFirst().messages().tools().getLast().name());
  }

  @Test
  void maxTokensIsClampedToTheRoomLeftInTheContext() throws Exception {
    backend.traits = new dev.tether.gateway.backend.ModelTraits(40_000, false, false, 64);
    send(fixture("turn1"));
    MessagesRequest seen = backend.received.getFirst().messages();
    assertThat(seen.maxTokens()).isLessThan(40_000).isGreaterThan(30_000);
  }

  @Test
  void aPromptThatCannotFitIsA400InClaudeCodesWording() throws Exception {
    backend.traits = new dev.tether.gateway.backend.ModelTraits(300, false, false, 64);
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.baseUrl().resolve("/v1/messages?beta=true"))
        .header("x-api-key", "t").POST(HttpRequest.BodyPublishers.ofString(fixture("turn1"))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"invalid_request_error\"").containsPattern("prompt is too long: \\d+ tokens > 300 maximum");
  }
}
