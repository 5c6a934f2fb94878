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

class HarmonyFormatTest {
  private static final Set<ToolCallFormat> HARMONY = Set.of(ToolCallFormat.HARMONY);

  static List<Fixture> fixtures() {
    return List.of(
        Fixture.of(
            "harmony: analysis then a call",
            ALL,
            "<|channel|>analysis<|message|>Need the weather.<|end|><|start|>assistant<|channel|>"
                + "commentary to=functions.get_weather <|constrain|>json<|message|>"
                + "{\"city\":\"Paris\"}<|call|>",
            reasoning("Need the weather."),
            call("get_weather", "{\"city\":\"Paris\"}")),
        Fixture.of(
            "harmony: analysis then a final answer",
            ALL,
            "<|channel|>analysis<|message|>Easy.<|end|><|start|>assistant<|channel|>final"
                + "<|message|>The answer is 42.<|return|>",
            reasoning("Easy."),
            text("The answer is 42.")),
        Fixture.of(
            "harmony: output that starts after the channel token",
            ALL,
            "analysis<|message|>Hmm.<|end|><|start|>assistant<|channel|>final<|message|>Hi!<|end|>",
            reasoning("Hmm."),
            text("Hi!")),
        Fixture.of(
            "harmony: the recipient in the role header",
            ALL,
            "<|start|>assistant to=functions.get_weather<|channel|>commentary json<|message|>"
                + "{\"city\": \"Paris\"}<|call|>",
            call("get_weather", "{\"city\":\"Paris\"}")),
        Fixture.of(
            "harmony: output that starts with the recipient of the role header",
            HARMONY,
            " to=functions.f<|channel|>commentary json<|message|>{}<|call|>",
            call("f", "{}")),
        Fixture.of(
            "harmony: a call on the analysis channel",
            ALL,
            "<|channel|>analysis to=functions.lookup <|constrain|>json<|message|>{\"q\":\"x\"}"
                + "<|call|>",
            call("lookup", "{\"q\":\"x\"}")),
        Fixture.of(
            "harmony: commentary without a recipient is text",
            ALL,
            "<|channel|>commentary<|message|>Checking now.<|end|>",
            text("Checking now.")),
        Fixture.of(
                "harmony: a call to a tool that was not offered leaves its body as text",
                ALL,
                "<|channel|>commentary to=functions.nope<|message|>{\"a\":1}<|call|>",
                text("{\"a\":1}"))
            .offering("get_weather"),
        Fixture.of(
            "harmony: a call body that is no JSON object is text",
            HARMONY,
            "<|channel|>commentary to=functions.f<|message|>not json<|call|>",
            text("not json")),
        Fixture.of(
            "harmony: a call without its end token is taken at the end",
            ALL,
            "<|channel|>commentary to=functions.f <|constrain|>json<|message|>{\"a\": 1}",
            call("f", "{\"a\":1}")),
        Fixture.of(
            "harmony: double-encoded arguments",
            ALL,
            "<|channel|>commentary to=functions.f<|message|>\"{\\\"a\\\":1}\"<|call|>",
            call("f", "{\"a\":1}")),
        Fixture.of(
            "harmony: stray control tokens never reach the text",
            HARMONY,
            "Hello<|end|> there<|return|><|constrain|><|call|>",
            text("Hello there")),
        Fixture.of(
            "harmony: prose that starts like a channel name is text",
            HARMONY,
            "final answer: 42, finally",
            text("final answer: 42, finally")),
        Fixture.of(
            "harmony: a word that merely starts like a channel name is text",
            ALL,
            "finally done\nanalysis<|message|>x",
            text("finally done\nanalysisx")),
        Fixture.of(
            "harmony: a final message without its end token",
            ALL,
            "<|start|>assistant<|channel|>final<|message|>Partial answer",
            text("Partial answer")),
        Fixture.of(
            "harmony: a message that skips its end token before the next one",
            ALL,
            "<|channel|>analysis<|message|>a<|start|>assistant<|channel|>final<|message|>b",
            reasoning("a"),
            text("b")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void splitsTheOutputAsExpected(Fixture fixture) {
    assertThat(fixture.whole()).containsExactlyElementsOf(fixture.expected());
  }

  @Test
  void streamsReasoningAndTextWhileTheyArrive() {
    ToolCallExtractor extractor = new ToolCallExtractor(HARMONY, Set.of());

    assertThat(extractor.feed("<|channel|>analysis<|message|>Thinking ab"))
        .containsExactly(reasoning("Thinking ab"));
    assertThat(extractor.feed("out it<|e")).containsExactly(reasoning("out it"));
    assertThat(extractor.feed("nd|><|start|>assistant<|channel|>final<|message|>Hel"))
        .containsExactly(text("Hel"));
  }

  @Test
  void readsTheHeaderParts() {
    assertThat(HarmonyHeader.parse("<|start|>assistant to=functions.x<|channel|>commentary json"))
        .isEqualTo(new HarmonyHeader("commentary", "functions.x"));
    assertThat(HarmonyHeader.parse("<|channel|>commentary to=browser.search <|constrain|>json"))
        .isEqualTo(new HarmonyHeader("commentary", "browser.search"));
    assertThat(HarmonyHeader.parse("final")).isEqualTo(new HarmonyHeader("final", null));
    assertThat(new HarmonyHeader("commentary", "functions.get_weather").toolName())
        .isEqualTo("get_weather");
  }
}
