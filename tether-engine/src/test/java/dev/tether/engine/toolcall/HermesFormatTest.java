package dev.tether.engine.toolcall;

import static dev.tether.engine.toolcall.Fixture.ALL;
import static dev.tether.engine.toolcall.Fixture.call;
import static dev.tether.engine.toolcall.Fixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HermesFormatTest {
  private static final Set<ToolCallFormat> HERMES = Set.of(ToolCallFormat.HERMES);

  static List<Fixture> fixtures() {
    return List.of(
        Fixture.of(
            "hermes: text then a call",
            ALL,
            """
            Let me check.
            <tool_call>
            {"name": "get_weather", "arguments": {"city": "Paris"}}
            </tool_call>""",
            text("Let me check.\n"),
            call("get_weather", "{\"city\":\"Paris\"}")),
        Fixture.of(
            "hermes: two calls in a row and text after",
            HERMES,
            """
            <tool_call>
            {"name": "a", "arguments": {"x": 1}}
            </tool_call>
            <tool_call>
            {"name": "b", "arguments": {"y": [true, null]}}
            </tool_call>
            Done.""",
            call("a", "{\"x\":1}"),
            text("\n"),
            call("b", "{\"y\":[true,null]}"),
            text("\nDone.")),
        Fixture.of(
            "hermes: parameters as a synonym of arguments",
            ALL,
            """
            <tool_call>{"name": "get_weather", "parameters": {"city": "Oslo"}}</tool_call>""",
            call("get_weather", "{\"city\":\"Oslo\"}")),
        Fixture.of(
            "hermes: double-encoded arguments",
            ALL,
            """
            <tool_call>{"name": "get_weather", "arguments": "{\\"city\\": \\"Paris\\"}"}</tool_call>""",
            call("get_weather", "{\"city\":\"Paris\"}")),
        Fixture.of(
            "hermes: no arguments",
            ALL,
            "<tool_call>{\"name\": \"now\"}</tool_call>",
            call("now", "{}")),
        Fixture.of(
            "hermes: an array of calls in one block",
            HERMES,
            "<tool_call>[{\"name\": \"a\"}, {\"name\": \"b\", \"arguments\": {}}]</tool_call>",
            call("a", "{}"),
            call("b", "{}")),
        Fixture.of(
                "hermes: a tool that was not offered stays text",
                ALL,
                "<tool_call>{\"name\": \"rm_rf\", \"arguments\": {}}</tool_call> ok",
                text("<tool_call>{\"name\": \"rm_rf\", \"arguments\": {}}</tool_call> ok"))
            .offering("get_weather"),
        Fixture.of(
            "hermes: bad JSON stays text",
            ALL,
            "<tool_call>{\"name\": \"a\", \"arguments\": {</tool_call>",
            text("<tool_call>{\"name\": \"a\", \"arguments\": {</tool_call>")),
        Fixture.of(
            "hermes: unclosed but complete at the end is a call",
            ALL,
            "Sure.\n<tool_call>\n{\"name\": \"a\", \"arguments\": {\"q\": \"x\"}}\n",
            text("Sure.\n"),
            call("a", "{\"q\":\"x\"}")),
        Fixture.of(
            "hermes: unclosed and incomplete at the end stays text",
            ALL,
            "<tool_call>{\"name\": \"a\", \"argu",
            text("<tool_call>{\"name\": \"a\", \"argu")),
        Fixture.of(
            "hermes: a marker mentioned in prose does not hide a later call",
            ALL,
            "Use the <tool_call> tag. <tool_call>{\"name\": \"a\"}</tool_call>",
            text("Use the <tool_call> tag. "),
            call("a", "{}")),
        Fixture.of(
            "hermes: escapes in arguments are re-encoded compactly",
            ALL,
            """
            <tool_call>{"name": "echo", "arguments": {"s": "caf\\u00e9 \\ud83d\\ude00\\n\\"q\\"", "n": 1.50}}</tool_call>""",
            call("echo", "{\"s\":\"café 😀\\n\\\"q\\\"\",\"n\":1.50}")),
        Fixture.of(
            "hermes: Qwen3-Coder content is not Hermes",
            HERMES,
            "<tool_call><function=a></function></tool_call>",
            text("<tool_call><function=a></function></tool_call>")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void splitsTheOutputAsExpected(Fixture fixture) {
    assertThat(fixture.whole()).containsExactlyElementsOf(fixture.expected());
  }

  @Test
  void emitsTheCallAsSoonAsItsClosingTagArrives() {
    ToolCallExtractor extractor = new ToolCallExtractor(HERMES, Set.of());

    assertThat(extractor.feed("<tool_call>{\"name\": \"a\"}")).isEmpty();
    assertThat(extractor.feed("</tool_call")).isEmpty();
    assertThat(extractor.feed(">")).containsExactly(call("a", "{}"));
  }
}
