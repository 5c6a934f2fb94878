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

class LlamaJsonFormatTest {
  private static final Set<ToolCallFormat> LLAMA = Set.of(ToolCallFormat.LLAMA_JSON);

  static List<Fixture> fixtures() {
    return List.of(
        Fixture.of(
            "llama: the whole reply is a call",
            ALL,
            "{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}",
            call("get_weather", "{\"city\":\"Paris\"}")),
        Fixture.of(
            "llama: leading whitespace and arguments instead of parameters",
            LLAMA,
            "\n\n {\"name\": \"a\", \"arguments\": {\"x\": 1}}",
            text("\n\n "),
            call("a", "{\"x\":1}")),
        Fixture.of(
            "llama: after the python tag",
            ALL,
            "<|python_tag|>{\"name\": \"a\", \"parameters\": {}}",
            call("a", "{}")),
        Fixture.of(
            "llama: several calls separated by semicolons",
            ALL,
            "{\"name\": \"a\", \"parameters\": {}}; {\"name\": \"b\", \"parameters\": {\"y\": 2}}",
            call("a", "{}"),
            call("b", "{\"y\":2}")),
        Fixture.of(
            "llama: an array of calls",
            ALL,
            "[{\"name\": \"a\", \"parameters\": {}}, {\"name\": \"b\", \"parameters\": {}}]",
            call("a", "{}"),
            call("b", "{}")),
        Fixture.of(
            "llama: double-encoded parameters",
            ALL,
            "{\"name\": \"a\", \"parameters\": \"{\\\"k\\\": \\\"v\\\"}\"}",
            call("a", "{\"k\":\"v\"}")),
        Fixture.of(
            "llama: JSON that is no call stays text",
            ALL,
            "{\"answer\": 42}",
            text("{\"answer\": 42}")),
        Fixture.of(
            "llama: prose that starts with a brace stays text",
            ALL,
            "{curly} braces are fun",
            text("{curly} braces are fun")),
        Fixture.of(
            "llama: a numbered list stays text",
            ALL,
            "[1] First item\n[2] Second",
            text("[1] First item\n[2] Second")),
        Fixture.of(
            "llama: JSON after prose is not a call",
            LLAMA,
            "Here: {\"name\": \"a\", \"parameters\": {}}",
            text("Here: {\"name\": \"a\", \"parameters\": {}}")),
        Fixture.of(
            "llama: unclosed JSON at the end stays text",
            ALL,
            "{\"name\": \"a\", \"parameters\": {\"x\": ",
            text("{\"name\": \"a\", \"parameters\": {\"x\": ")),
        Fixture.of(
                "llama: a tool that was not offered stays text",
                ALL,
                "{\"name\": \"other\", \"parameters\": {}}",
                text("{\"name\": \"other\", \"parameters\": {}}"))
            .offering("a"),
        Fixture.of(
            "llama: the reply may start after reasoning",
            ALL,
            "<think>use a tool</think>\n{\"name\": \"a\", \"parameters\": {}}",
            reasoning("use a tool"),
            text("\n"),
            call("a", "{}")),
        Fixture.of(
            "llama: text after the call stays text",
            ALL,
            "{\"name\": \"a\", \"parameters\": {\"s\": \"}\"}} Done; see above",
            call("a", "{\"s\":\"}\"}"),
            text(" Done; see above")),
        Fixture.of(
            "llama: a separator followed by no call stays text",
            LLAMA,
            "{\"name\": \"a\", \"parameters\": {}} ; not json",
            call("a", "{}"),
            text(" ; not json")),
        Fixture.of(
            "llama: the python tag followed by no JSON stays text",
            LLAMA,
            "<|python_tag|>brave_search.call(query=\"x\")",
            text("<|python_tag|>brave_search.call(query=\"x\")")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void splitsTheOutputAsExpected(Fixture fixture) {
    assertThat(fixture.whole()).containsExactlyElementsOf(fixture.expected());
  }

  @Test
  void holdsTheReplyBackOnlyWhileItCanStillBeACall() {
    ToolCallExtractor extractor = new ToolCallExtractor(LLAMA, Set.of());

    assertThat(extractor.feed("{\"name\": \"a\", ")).isEmpty();
    assertThat(extractor.feed("\"parameters\": {}}")).containsExactly(call("a", "{}"));

    ToolCallExtractor prose = new ToolCallExtractor(LLAMA, Set.of());
    assertThat(prose.feed("{ x")).containsExactly(text("{ x"));
  }
}
