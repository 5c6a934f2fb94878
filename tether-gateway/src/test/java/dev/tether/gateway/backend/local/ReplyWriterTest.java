package dev.tether.gateway.backend.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.api.json.Json;
import dev.tether.api.messages.ContentBlock;
import dev.tether.api.messages.MessageResponse;
import dev.tether.api.messages.StopReason;
import dev.tether.api.messages.Usage;
import dev.tether.api.stream.MessageAssembler;
import dev.tether.api.stream.StreamEvent;
import dev.tether.engine.gguf.GgufHeader;
import dev.tether.engine.runtime.GenerationResult;
import dev.tether.engine.tiny.TinyModel;
import dev.tether.engine.tokenizer.Tokenizer;
import dev.tether.engine.toolcall.TemplateDialect;
import dev.tether.gateway.backend.BackendRequest;
import dev.tether.gateway.backend.Cancellation;
import dev.tether.gateway.backend.ClientGoneException;
import dev.tether.gateway.backend.blocks.BlockWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens to blocks with a real byte-level tokenizer: characters, markers and stop strings cut across tokens. */
class ReplyWriterTest {
  @TempDir static Path dir;
  private static Tokenizer tokenizer;

  @BeforeAll
  static void tokenizers() throws Exception {
    GgufHeader qwen = GgufHeader.read(TinyModel.builder().architecture("qwen2").build().write(dir.resolve("q.gguf")));
    tokenizer = Tokenizer.from(qwen);
  }

  private record Run(MessageAssembler assembler, ReplyWriter writer, int accepted) {}

  /** Feeds the tokens of {@code text} one by one, as the engine would, until the writer says stop. */
  private static Run run(String text, List<String> stops, Set<String> tools) {
    MessageAssembler assembler = new MessageAssembler();
    assembler.accept(new StreamEvent.MessageStart(MessageResponse.started("msg_1", "m", new Usage(1, 0, 0, 0))));
    ReplyWriter writer = new ReplyWriter(tokenizer.streamingDecoder(false),
        new TemplateDialect(Set.of(dev.tether.engine.toolcall.ToolCallFormat.HERMES), true).extractor(tools, ""),
        stops, new BlockWriter(assembler::accept));
    int accepted = 0;
    for (int token : tokenizer.encode(text, false, true)) {
      accepted++;
      if (!writer.accept(token)) {
        break;
      }
    }
    writer.finish(new GenerationResult(1, 0, accepted, GenerationResult.StopReason.END_OF_TURN, 1),
        new Usage(1, accepted, 0, 0), assembler::accept);
    return new Run(assembler, writer, accepted);
  }

  @Test
  void multiByteCharactersSurviveBeingSplitAcrossTokens() {
    String text = "Grüße aus Köln — 東京 🚀 done";
    assertThat(tokenizer.encode(text, false, true).length).isGreaterThan(text.length() / 2);
    var message = run(text, List.of(), Set.of()).assembler.message();
    assertThat(((ContentBlock.Text) message.content().getFirst()).text()).isEqualTo(text);
  }

  @Test
  void aStopSequenceCutAcrossTokensIsFoundAndNotShown() {
    Run run = run("alpha beta ##END## gamma delta epsilon", List.of("##END##"), Set.of());
    var message = run.assembler.message();
    assertThat(((ContentBlock.Text) message.content().getFirst()).text()).isEqualTo("alpha beta ");
    assertThat(message.stopReason()).isEqualTo(StopReason.STOP_SEQUENCE);
    assertThat(message.stopSequence()).isEqualTo("##END##");
    assertThat(run.accepted).isLessThan(tokenizer.encode("alpha beta ##END## gamma delta epsilon", false, true).length);
  }

  @Test
  void aToolCallAfterReasoningBecomesThinkingThenToolUse() {
    var message = run("<think>I should list files.</think><tool_call>{\"name\": \"Bash\", \"arguments\": {\"command\": \"ls\"}}</tool_call>",
        List.of(), Set.of("Bash")).assembler.message();
    assertThat(message.content()).hasSize(2);
    assertThat(((ContentBlock.Thinking) message.content().get(0)).thinking()).isEqualTo("I should list files.");
    ContentBlock.ToolUse use = (ContentBlock.ToolUse) message.content().get(1);
    assertThat(use.name()).isEqualTo("Bash");
    assertThat(use.input()).isEqualTo(Json.MAPPER.valueToTree(Map.of("command", "ls")));
    assertThat(message.stopReason()).isEqualTo(StopReason.TOOL_USE);
  }

  @Test
  void aCallToAToolNotOfferedStaysText() {
    var message = run("<tool_call>{\"name\": \"Nope\", \"arguments\": {}}</tool_call>", List.of(), Set.of("Bash"))
        .assembler.message();
    assertThat(message.content()).singleElement().isInstanceOf(ContentBlock.Text.class);
    assertThat(message.stopReason()).isEqualTo(StopReason.END_TURN);
  }

  @Test
  void aClientThatWentAwayStopsGenerationInsteadOfThrowingIntoTheEngine() {
    ReplyWriter writer = new ReplyWriter(tokenizer.streamingDecoder(false),
        TemplateDialect.of("").extractor(Set.of(), ""), List.of(), new BlockWriter(event -> {
          throw new ClientGoneException(null);
        }));
    boolean more = writer.accept(tokenizer.encode("Hello", false, true)[0]);
    assertThat(more).isFalse();
    assertThat(writer.gone()).isNotNull();
  }

  @Test
  void usageAddsUpToThePromptAndCountsNewTokensAsCacheCreationWhenCachingWasAsked() {
    GenerationResult result = new GenerationResult(1000, 900, 25, GenerationResult.StopReason.END_OF_TURN, 1);
    ObjectNode cached = (ObjectNode) Json.MAPPER.valueToTree(Map.of("system",
        List.of(Map.of("type", "text", "text", "s", "cache_control", Map.of("type", "ephemeral")))));
    assertThat(LocalBackend.usage(request(cached), result)).isEqualTo(new Usage(0, 25, 100, 900));
    assertThat(LocalBackend.usage(request(Json.object()), result)).isEqualTo(new Usage(100, 25, 0, 900));
    assertThat(LocalBackend.usage(request(null), result)).isEqualTo(new Usage(100, 25, 0, 900));
  }

  private static BackendRequest request(ObjectNode raw) {
    return new BackendRequest("req_1", null, raw, Map.of(), null, new Cancellation(), 0);
  }
}
