package dev.tether.engine.toolcall;

import static dev.tether.engine.toolcall.Fixture.ALL;
import static dev.tether.engine.toolcall.Fixture.call;
import static dev.tether.engine.toolcall.Fixture.reasoning;
import static dev.tether.engine.toolcall.Fixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReasoningTest {
  static List<Fixture> fixtures() {
    return List.of(
        Fixture.of(
            "reasoning: a think block then the answer",
            ALL,
            "<think>\nLet me see.\n</think>\n\nParis.",
            reasoning("\nLet me see.\n"),
            text("\n\nParis.")),
        Fixture.of(
            "reasoning: think blocks anywhere",
            Set.of(),
            "A<think>b</think>C<think>d</think>",
            text("A"),
            reasoning("b"),
            text("C"),
            reasoning("d")),
        Fixture.of(
                "reasoning: the output starts inside reasoning",
                ALL,
                "I should call it.</think>\nOK.",
                reasoning("I should call it."),
                text("\nOK."))
            .startingInReasoning(),
        Fixture.of(
                "reasoning: a repeated opening tag is dropped",
                ALL,
                "<think>\nhmm</think>ok",
                reasoning("\nhmm"),
                text("ok"))
            .startingInReasoning(),
        Fixture.of(
            "reasoning: unclosed at the end is all reasoning",
            ALL,
            "<think>still going <tool_c",
            reasoning("still going <tool_c")),
        Fixture.of(
            "reasoning: markers inside reasoning are reasoning",
            ALL,
            "<think>maybe <tool_call>{\"name\": \"a\"}</tool_call></think>",
            reasoning("maybe <tool_call>{\"name\": \"a\"}</tool_call>")),
        Fixture.of(
                "reasoning: qwen3 thinks then calls",
                ALL,
                "The user wants weather.\n</think>\n\n<tool_call>\n"
                    + "{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>",
                reasoning("The user wants weather.\n"),
                text("\n\n"),
                call("get_weather", "{\"city\":\"Paris\"}"))
            .startingInReasoning()
            .offering("get_weather"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void splitsTheOutputAsExpected(Fixture fixture) {
    assertThat(fixture.whole()).containsExactlyElementsOf(fixture.expected());
  }

  @Test
  void streamsReasoningWhileHoldingBackOnlyAPossibleClosingTag() {
    ToolCallExtractor extractor =
        new ToolCallExtractor(
            ALL, Set.of(), ToolCallExtractor.Options.defaults().withStartsInReasoning(true));

    assertThat(extractor.feed("step one</th")).containsExactly(reasoning("step one"));
    assertThat(extractor.feed("ink>Answer")).containsExactly(text("Answer"));
  }
}
