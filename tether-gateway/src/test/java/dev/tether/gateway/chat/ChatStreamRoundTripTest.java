package dev.tether.gateway.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.api.stream.MessageAssembler;
import dev.tether.api.stream.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Streaming and non-streaming answers to one event sequence must say the same thing. */
class ChatStreamRoundTripTest {

  static Stream<Arguments> scripts() {
    return Stream.of(
        Arguments.of("thinking, text and two tool calls",
            (Supplier<List<StreamEvent>>) StreamScripts::thinkingTextAndTwoToolCalls),
        Arguments.of("text cut short", (Supplier<List<StreamEvent>>) StreamScripts::textCutShort),
        Arguments.of("tool input in the start event",
            (Supplier<List<StreamEvent>>) StreamScripts::toolInputInTheStartEvent),
        Arguments.of("empty reply", (Supplier<List<StreamEvent>>) StreamScripts::emptyReply));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scripts")
  void foldingTheChunksGivesTheNonStreamingTranslationOfTheAssembledMessage(
      String name, Supplier<List<StreamEvent>> script) {
    List<StreamEvent> events = script.get();
    List<String> lines = new ArrayList<>();
    ChatStreamTranslator translator = new ChatStreamTranslator(lines::add, true, 42L);
    MessageAssembler assembler = new MessageAssembler();
    for (StreamEvent event : events) {
      translator.accept(event);
      assembler.accept(event);
    }

    assertThat(ChunkAccumulator.fold(lines)).isEqualTo(
        ChunkAccumulator.view(ChatResponseTranslator.toChatCompletion(assembler.message(), 42L)));
  }
}
