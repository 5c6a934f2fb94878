package dev.tether.gateway.backend.openai;

import static dev.tether.gateway.backend.openai.OpenAiTestSupport.backend;
import static dev.tether.gateway.backend.openai.OpenAiTestSupport.config;
import static dev.tether.gateway.backend.openai.OpenAiTestSupport.hello;
import static dev.tether.gateway.backend.openai.OpenAiTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tether.api.error.ApiException;
import dev.tether.api.error.ErrorType;
import dev.tether.api.json.Json;
import dev.tether.api.messages.ContentBlock;
import dev.tether.api.messages.MessageResponse;
import dev.tether.api.messages.StopReason;
import dev.tether.api.messages.Usage;
import dev.tether.api.stream.StreamEvent;
import dev.tether.engine.toolcall.Segment;
import dev.tether.engine.toolcall.ToolCallExtractor;
import dev.tether.gateway.backend.openai.FakeOpenAiUpstream.Reply;
import dev.tether.gateway.backend.openai.OpenAiTestSupport.Recorder;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class OpenAiStreamingTest {
  private final FakeOpenAiUpstream upstream = FakeOpenAiUpstream.start();
  private final OpenAiBackend backend = backend(config(upstream.baseUrl()));

  @AfterEach
  void stop() {
    backend.close();
    upstream.close();
  }

  private static String content(String text) {
    return "{\"choices\":[{\"index\":0,\"delta\":{\"content\":" + Json.write(text) + "}}]}";
  }

  private static String finish(String reason) {
    return "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"" + reason + "\"}]}";
  }

  private static String toolCall(int index, String id, String name, String args) {
    String idPart = id == null ? "" : "\"id\":\"" + id + "\",\"type\":\"function\",";
    String namePart = name == null ? "" : "\"name\":\"" + name + "\",";
    return "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":" + index + "," + idPart
        + "\"function\":{" + namePart + "\"arguments\":" + Json.write(args) + "}}]}}]}";
  }

  private MessageResponse run(Reply reply) {
    upstream.enqueue(reply);
    Recorder recorder = new Recorder();
    backend.stream(hello(), recorder);
    return recorder.message();
  }

  @Test
  void textStreamsAsOneTextBlockWithoutLeadingWhitespaceBlocks() {
    Recorder recorder = new Recorder();
    upstream.enqueue(Reply.sse(content("\n\n"), content("Hello"), content(", world"), finish("stop")));

    backend.stream(hello(), recorder);

    MessageResponse message = recorder.message();
    assertThat(message.id()).isEqualTo("msg_0123abc");
    assertThat(message.model()).isEqualTo("qwen3-coder");
    assertThat(message.content()).containsExactly(new ContentBlock.Text("Hello, world"));
    assertThat(message.stopReason()).isEqualTo(StopReason.END_TURN);
    assertThat(recorder.types())
        .containsExactly("message_start", "content_block_start", "content_block_delta",
            "content_block_delta", "content_block_stop", "message_delta", "message_stop");
    assertThat(upstream.requests().getFirst().get("model").asText()).isEqualTo("qwen3-coder");
  }

  @Test
  void aWhitespaceOnlyReplyHasNoTextBlockAtAll() {
    MessageResponse message = run(Reply.sse(content("  "), content("\n"), finish("stop")));

    assertThat(message.content()).isEmpty();
  }

  @Test
  void reasoningContentBecomesAThinkingBlockClosedWithASignature() {
    MessageResponse message =
        run(Reply.sse(
            "{\"choices\":[{\"delta\":{\"reasoning_content\":\"Let me \"}}]}",
            "{\"choices\":[{\"delta\":{\"reasoning\":\"think.\"}}]}",
            content("Answer"),
            finish("stop")));

    assertThat(message.content()).hasSize(2);
    ContentBlock.Thinking thinking = (ContentBlock.Thinking) message.content().get(0);
    assertThat(thinking.thinking()).isEqualTo("Let me think.");
    assertThat(thinking.signature()).isNotBlank();
    assertThat(message.content().get(1)).isEqualTo(new ContentBlock.Text("Answer"));
  }

  @Test
  void parallelToolCallsWithInterleavedFragmentsBecomeSequentialToolUseBlocks() throws Exception {
    MessageResponse message =
        run(Reply.sse(
            content("Checking."),
            toolCall(0, "call_a", "Read", "{\"path\":"),
            toolCall(1, "call_b", "Bash", "{\"command\":"),
            toolCall(0, null, null, "\"a.txt\"}"),
            toolCall(1, null, null, "\"ls\"}"),
            finish("tool_calls")));

    assertThat(message.content())
        .containsExactly(
            new ContentBlock.Text("Checking."),
            new ContentBlock.ToolUse("call_a", "Read", Json.tree("{\"path\":\"a.txt\"}")),
            new ContentBlock.ToolUse("call_b", "Bash", Json.tree("{\"command\":\"ls\"}")));
    assertThat(message.stopReason()).isEqualTo(StopReason.TOOL_USE);
  }

  @Test
  void toolCallsSentWholeInOneChunkWithoutIdsOrArgumentsStillGetIdsAndInput() throws Exception {
    String oneChunk =
        "{\"choices\":[{\"delta\":{\"tool_calls\":["
            + "{\"index\":0,\"function\":{\"name\":\"TaskList\",\"arguments\":\"\"}},"
            + "{\"index\":1,\"id\":\"c2\",\"function\":{\"name\":\"Read\",\"arguments\":\"{\\\"path\\\":\\\"x\\\"}\"}}]}}]}";

    // Ollama-style: finish_reason "stop" although the turn called tools.
    MessageResponse message = run(Reply.sse(oneChunk, finish("stop")));

    assertThat(message.content()).hasSize(2);
    ContentBlock.ToolUse first = (ContentBlock.ToolUse) message.content().get(0);
    assertThat(first.id()).startsWith("toolu_");
    assertThat(first.input()).isEqualTo(Json.object());
    assertThat(message.content().get(1))
        .isEqualTo(new ContentBlock.ToolUse("c2", "Read", Json.tree("{\"path\":\"x\"}")));
    assertThat(message.stopReason()).isEqualTo(StopReason.TOOL_USE);
  }

  @Test
  void theFirstToolCallStreamsItsArgumentsAsTheyArrive() {
    upstream.enqueue(Reply.sse(
        toolCall(0, "c1", "Bash", "{\"comm"), toolCall(0, null, null, "and\":\"ls\"}"), finish("tool_calls")));
    Recorder recorder = new Recorder();

    backend.stream(hello(), recorder);

    assertThat(recorder.events)
        .filteredOn(e -> e instanceof StreamEvent.ContentBlockDelta)
        .hasSize(2);
  }

  @Test
  void finishReasonsMapToAnthropicStopReasons() {
    assertThat(run(Reply.sse(content("a"), finish("length"))).stopReason()).isEqualTo(StopReason.MAX_TOKENS);
    assertThat(run(Reply.sse(content("a"), finish("content_filter"))).stopReason())
        .isEqualTo(StopReason.REFUSAL);
    assertThat(run(Reply.sse(content("a"), finish("stop"))).stopReason()).isEqualTo(StopReason.END_TURN);
  }

  @Test
  void usageComesFromTheUpstreamWithCachedTokensSeparated() {
    MessageResponse message =
        run(Reply.sse(
            content("a"),
            finish("stop"),
            "{\"choices\":[],\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":7,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":60}}}"));

    assertThat(message.usage()).isEqualTo(new Usage(40, 7, 0, 60));
  }

  @Test
  void llamaCppTimingsGiveTheCacheCountAndChunksCountWhenNoUsageIsSent() {
    MessageResponse message =
        run(Reply.sse(content("a"), content("b"), "{\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}],"
            + "\"timings\":{\"cache_n\":12,\"prompt_n\":3}}"));

    assertThat(message.usage()).isEqualTo(new Usage(42, 2, 0, 12));
  }

  @Test
  void stopSequencesSplitAcrossChunksEndTheReplyAndCloseTheUpstream() {
    upstream.enqueue(Reply.openEnded(content("one two EN"), content("D three")));
    Recorder recorder = new Recorder();

    backend.stream(
        request(
            """
            {"model":"qwen3-coder","max_tokens":100,"stop_sequences":["END","never"],
             "messages":[{"role":"user","content":"count"}]}"""),
        recorder);

    MessageResponse message = recorder.message();
    assertThat(message.content()).containsExactly(new ContentBlock.Text("one two "));
    assertThat(message.stopReason()).isEqualTo(StopReason.STOP_SEQUENCE);
    assertThat(message.stopSequence()).isEqualTo("END");
  }

  @Test
  void textThatOnlyLooksLikeAStopSequenceIsReleased() {
    upstream.enqueue(Reply.sse(content("an E"), content("N"), content("d"), finish("stop")));
    Recorder recorder = new Recorder();

    backend.stream(
        request(
            """
            {"model":"qwen3-coder","max_tokens":100,"stop_sequences":["END"],
             "messages":[{"role":"user","content":"x"}]}"""),
        recorder);

    assertThat(recorder.message().content()).containsExactly(new ContentBlock.Text("an ENd"));
    assertThat(recorder.message().stopReason()).isEqualTo(StopReason.END_TURN);
  }

  @Test
  void aStreamCutBeforeTheEndFailsAfterMessageStart() {
    upstream.enqueue(new Reply(200, java.util.Map.of(), java.util.List.of("data: " + content("par") + "\n\n"),
        0, false, false));
    Recorder recorder = new Recorder();

    assertThatThrownBy(() -> backend.stream(hello(), recorder))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.type()).isEqualTo(ErrorType.API));
    assertThat(recorder.types()).first().isEqualTo("message_start");
  }

  @Test
  void anErrorObjectInsideTheStreamFails() {
    upstream.enqueue(Reply.sse(content("a"), "{\"error\":{\"message\":\"boom\"}}"));

    assertThatThrownBy(() -> backend.stream(hello(), new Recorder()))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("boom");
  }

  @Test
  void aSlowUpstreamGetsMessageStartEarlySoTheGatewayCanPing() {
    try (OpenAiBackend quick =
        backend(config(upstream.baseUrl())
            .withTimeouts(java.time.Duration.ofMillis(500), java.time.Duration.ofSeconds(5),
                java.time.Duration.ofMillis(100)))) {
      upstream.enqueue(Reply.sse(content("late"), finish("stop")).delayed(600, true));
      java.util.List<Long> startedAt = new java.util.ArrayList<>();
      long begin = System.nanoTime();
      Recorder recorder = new Recorder() {
        @Override
        public void accept(StreamEvent event) {
          if (event instanceof StreamEvent.MessageStart) {
            startedAt.add((System.nanoTime() - begin) / 1_000_000);
          }
          super.accept(event);
        }
      };

      quick.stream(hello(), recorder);

      assertThat(startedAt).singleElement().satisfies(ms -> assertThat(ms).isLessThan(500));
      assertThat(recorder.message().content()).containsExactly(new ContentBlock.Text("late"));
    }
  }

  /**
   * Needs the real {@code ToolCallExtractor}, written in parallel: the stub in this branch returns
   * all content as text. The assumption skips the test while the stub is in place and lets it run
   * by itself once the parsers land.
   */
  @Test
  @Tag("needs-extractor")
  void toolCallsWrittenAsTextBecomeToolUseBlocks() throws Exception {
    assumeTrue(
        ToolCallExtractor.anyFormat(Set.of("Bash")).feed("<tool_call>{\"name\":\"Bash\",\"arguments\":{}}</tool_call>")
            .stream().anyMatch(s -> s instanceof Segment.ToolCall)
            || ToolCallExtractor.anyFormat(Set.of("Bash")).finish().stream().anyMatch(s -> s instanceof Segment.ToolCall),
        "ToolCallExtractor is still the stub in this branch");
    upstream.enqueue(Reply.sse(
        content("<tool_call>{\"name\":\"Bash\",\"argu"),
        content("ments\":{\"command\":\"ls\"}}</tool_call>"),
        finish("stop")));
    Recorder recorder = new Recorder();

    backend.stream(
        request(
            """
            {"model":"qwen3-coder","max_tokens":100,"messages":[{"role":"user","content":"ls"}],
             "tools":[{"name":"Bash","input_schema":{"type":"object"}}]}"""),
        recorder);

    MessageResponse message = recorder.message();
    assertThat(message.content()).singleElement().isInstanceOfSatisfying(ContentBlock.ToolUse.class, use -> {
      assertThat(use.name()).isEqualTo("Bash");
      assertThat(use.input()).isEqualTo(Json.object().put("command", "ls"));
    });
    assertThat(message.stopReason()).isEqualTo(StopReason.TOOL_USE);
  }
}
