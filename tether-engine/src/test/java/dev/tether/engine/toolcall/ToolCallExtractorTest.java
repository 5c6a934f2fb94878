package dev.tether.engine.toolcall;

import static dev.tether.engine.toolcall.Fixture.ALL;
import static dev.tether.engine.toolcall.Fixture.call;
import static dev.tether.engine.toolcall.Fixture.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ToolCallExtractorTest {
  /** The longest marker that plain text may have to wait for. */
  private static final int LONGEST_MARKER = "<|python_tag|>".length();

  static Stream<Fixture> allFixtures() {
    return Stream.of(
            HermesFormatTest.fixtures(),
            Qwen3CoderFormatTest.fixtures(),
            LlamaJsonFormatTest.fixtures(),
            MistralFormatTest.fixtures(),
            HarmonyFormatTest.fixtures(),
            GemmaFormatTest.fixtures(),
            ReasoningTest.fixtures())
        .flatMap(List::stream);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allFixtures")
  void givesTheSameSegmentsWhetherFedWholeCharByCharOrInRandomChunks(Fixture fixture) {
    assertThat(fixture.whole()).as("whole").containsExactlyElementsOf(fixture.expected());
    assertThat(fixture.charByChar()).as("char by char").containsExactlyElementsOf(fixture.expected());
    for (long seed = 0; seed < 40; seed++) {
      assertThat(fixture.randomChunks(seed))
          .as("random chunks, seed %d", seed)
          .containsExactlyElementsOf(fixture.expected());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allFixtures")
  void neverLosesOutputWhenNoToolIsAccepted(Fixture fixture) {
    // With no formats at all, everything but <think> blocks is text, byte for byte.
    ToolCallExtractor extractor = new ToolCallExtractor(Set.of(), Set.of(), fixture.options());
    StringBuilder out = new StringBuilder();
    for (Segment segment : Fixture.run(extractor, List.of(fixture.input()))) {
      switch (segment) {
        case Segment.Text(String text) -> out.append(text);
        case Segment.Reasoning(String text) -> out.append(text);
        case Segment.ToolCall call -> throw new AssertionError("unexpected " + call);
      }
    }
    assertThat(out.toString())
        .isEqualTo(fixture.input().replace("<think>", "").replace("</think>", ""));
  }

  @Test
  void givesTheSameSegmentsForAnyChunkingOfRandomMixturesOfFormats() {
    List<String> pieces = new ArrayList<>();
    allFixtures().forEach(fixture -> pieces.add(fixture.input()));
    pieces.addAll(
        List.of(
            " ", "\n", "text ", "<", "<|", "[", "{", "}", "]", "`", "```", "<think>", "</think>",
            "<tool_call>", "</tool_call>", "<|end|>", "<|start|>", "<|channel|>", "<|message|>",
            "[TOOL_CALLS]", "[ARGS]", "<function=f>", "</function>", ";", "\"", "analysis", "final "));
    Random random = new Random(42);
    for (int round = 0; round < 300; round++) {
      StringBuilder input = new StringBuilder();
      int count = 1 + random.nextInt(6);
      for (int i = 0; i < count; i++) {
        input.append(pieces.get(random.nextInt(pieces.size())));
      }
      Set<String> tools = random.nextBoolean() ? Set.of() : Set.of("a", "f", "get_weather");
      ToolCallExtractor.Options options =
          ToolCallExtractor.Options.defaults().withStartsInReasoning(random.nextInt(5) == 0);
      Fixture fixture =
          new Fixture("round " + round, ALL, tools, options, input.toString(), List.of());
      List<Segment> whole = fixture.whole();

      assertThat(fixture.charByChar()).as("%s: %s", fixture, input).isEqualTo(whole);
      for (long seed = 0; seed < 5; seed++) {
        assertThat(fixture.randomChunks(seed)).as("%s: %s", fixture, input).isEqualTo(whole);
      }
    }
  }

  @Test
  void emitsPlainTextAsSoonAsItArrives() {
    ToolCallExtractor extractor = ToolCallExtractor.anyFormat(Set.of());

    assertThat(extractor.feed("Hello wor")).containsExactly(text("Hello wor"));
    assertThat(extractor.feed("ld")).containsExactly(text("ld"));
    assertThat(extractor.finish()).isEmpty();
  }

  @Test
  void holdsBackOnlyWhatCouldStillBeAMarker() {
    ToolCallExtractor extractor = ToolCallExtractor.anyFormat(Set.of());

    assertThat(extractor.feed("Hi. abc <tool_ca")).containsExactly(text("Hi. abc "));
    assertThat(extractor.feed("lx")).containsExactly(text("<tool_calx"));
    assertThat(extractor.feed(" [TOOL")).containsExactly(text(" "));
    assertThat(extractor.finish()).containsExactly(text("[TOOL"));
  }

  @Test
  void neverHoldsMoreThanTheLongestMarkerOfPlainText() {
    Random random = new Random(7);
    String[] pieces = {"a", " ", "\n", "<", "<|", "<|en", "[TOOL", "```", "<tool_c", "<thin", "x>"};
    StringBuilder input = new StringBuilder("Hi");
    for (int i = 0; i < 5_000; i++) {
      input.append(pieces[random.nextInt(pieces.length)]);
    }
    ToolCallExtractor extractor =
        new ToolCallExtractor(
            Set.of(ToolCallFormat.HERMES, ToolCallFormat.MISTRAL, ToolCallFormat.GEMMA), Set.of());
    int fed = 0;
    int emitted = 0;
    for (int i = 0; i < input.length(); i++) {
      fed++;
      for (Segment segment : extractor.feed(input.substring(i, i + 1))) {
        emitted += ((Segment.Text) segment).text().length();
      }
      assertThat(fed - emitted).isLessThanOrEqualTo(LONGEST_MARKER);
    }
  }

  @Test
  void releasesAnUnclosedCallFollowedByLotsOfTextAtTheEnd() {
    ToolCallExtractor extractor = ToolCallExtractor.anyFormat(Set.of());
    String tail = "word ".repeat(200_000);
    List<Segment> segments = new ArrayList<>(extractor.feed("Hi <tool_call>{\"name\": \"a\""));
    segments.addAll(extractor.feed(tail));
    segments.addAll(extractor.finish());

    assertThat(Fixture.merged(segments))
        .containsExactly(text("Hi <tool_call>{\"name\": \"a\"" + tail));
  }

  @Test
  void givesUpOnACallThatOutgrowsTheBlockLimitBeforeTheEnd() {
    ToolCallExtractor extractor =
        new ToolCallExtractor(
            ALL, Set.of(), ToolCallExtractor.Options.defaults().withMaxBlockChars(100));
    List<Segment> segments = new ArrayList<>(extractor.feed("<tool_call>{\"name\": \"a\", "));
    segments.addAll(extractor.feed("x".repeat(200)));

    assertThat(Fixture.merged(segments))
        .containsExactly(text("<tool_call>{\"name\": \"a\", " + "x".repeat(200)));
  }

  @Test
  void keepsCallsToOfferedToolsAndTextForOthers() {
    ToolCallExtractor extractor = ToolCallExtractor.anyFormat(Set.of("get_weather"));
    String input =
        "<tool_call>{\"name\": \"get_weather\"}</tool_call><tool_call>{\"name\": \"x\"}</tool_call>";

    assertThat(Fixture.run(extractor, List.of(input)))
        .containsExactly(
            call("get_weather", "{}"), text("<tool_call>{\"name\": \"x\"}</tool_call>"));
  }

  @Test
  void feedsTwoHundredKilobytesOfPlainTextCharByCharInLinearTime() {
    String sentence = "The quick brown fox jumps over the lazy dog; 1 < 2 and [x] {y} `z`.\n";
    String input = "Hi! " + sentence.repeat(200_000 / sentence.length() + 1);
    ToolCallExtractor extractor = ToolCallExtractor.anyFormat(Set.of());
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < input.length(); i++) {
      for (Segment segment : extractor.feed(input.substring(i, i + 1))) {
        out.append(((Segment.Text) segment).text());
      }
    }
    for (Segment segment : extractor.finish()) {
      out.append(((Segment.Text) segment).text());
    }

    assertThat(out.toString()).isEqualTo(input);
  }

  @Test
  void feedsALargeCallCharByCharInLinearTime() {
    String content = "line of code\n".repeat(20_000);
    String input =
        "<tool_call>\n<function=Write>\n<parameter=content>\n" + content
            + "</parameter>\n</function>\n</tool_call>";
    ToolCallExtractor extractor = ToolCallExtractor.anyFormat(Set.of());
    List<Segment> segments = new ArrayList<>();
    for (int i = 0; i < input.length(); i++) {
      segments.addAll(extractor.feed(input.substring(i, i + 1)));
    }
    segments.addAll(extractor.finish());

    assertThat(segments).hasSize(1);
    assertThat(((Segment.ToolCall) segments.getFirst()).argumentsJson())
        .startsWith("{\"content\":\"line of code\\nline of code")
        .hasSize(content.length() + 20_000 + "{\"content\":\"\"}".length() - 2);
  }

  @Test
  void ignoresEmptyChunks() {
    ToolCallExtractor extractor = ToolCallExtractor.anyFormat(Set.of());

    assertThat(extractor.feed("")).isEmpty();
    assertThat(extractor.finish()).isEmpty();
  }

  @Test
  void refusesInputAfterFinish() {
    ToolCallExtractor extractor = ToolCallExtractor.anyFormat(Set.of());
    extractor.finish();

    assertThatThrownBy(() -> extractor.feed("x")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void withoutFormatsOnlyReasoningIsRecognised() {
    ToolCallExtractor extractor = new ToolCallExtractor(Set.of(), Set.of());

    assertThat(Fixture.run(extractor, List.of("<think>a</think><tool_call>{\"name\":\"f\"}</tool_call>")))
        .containsExactly(
            Fixture.reasoning("a"), text("<tool_call>{\"name\":\"f\"}</tool_call>"));
  }
}
