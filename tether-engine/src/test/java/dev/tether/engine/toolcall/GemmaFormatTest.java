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
import org.junit.jupiter.params.provider.ValueSource;

class GemmaFormatTest {
  private static final Set<ToolCallFormat> GEMMA = Set.of(ToolCallFormat.GEMMA);

  static List<Fixture> fixtures() {
    return List.of(
        Fixture.of(
            "gemma: one call",
            ALL,
            "```tool_code\nget_weather(city=\"Paris\", days=3)\n```",
            call("get_weather", "{\"city\":\"Paris\",\"days\":3}")),
        Fixture.of(
            "gemma: text around the block",
            GEMMA,
            "Let me look.\n```tool_code\nget_weather(city='Paris')\n```\nOne moment.",
            text("Let me look.\n"),
            call("get_weather", "{\"city\":\"Paris\"}"),
            text("\nOne moment.")),
        Fixture.of(
            "gemma: several calls, one per line",
            ALL,
            "```tool_code\na(x=1)\nb()\nc(y='z',)\n```",
            call("a", "{\"x\":1}"),
            call("b", "{}"),
            call("c", "{\"y\":\"z\"}")),
        Fixture.of(
            "gemma: python literals map to JSON",
            ALL,
            "```tool_code\nf(a='x', b=1.5, c=True, d=False, e=None, g=[1, 'two'],"
                + " h={'k': (1, 2), 3: \"v\"}, i=-3, j=1e3)\n```",
            call(
                "f",
                "{\"a\":\"x\",\"b\":1.5,\"c\":true,\"d\":false,\"e\":null,\"g\":[1,\"two\"],"
                    + "\"h\":{\"k\":[1,2],\"3\":\"v\"},\"i\":-3,\"j\":1E+3}")),
        Fixture.of(
            "gemma: string escapes",
            ALL,
            "```tool_code\nf(s=\"line\\nnext \\\"q\\\" \\u00e9\", t='it\\'s')\n```",
            call("f", "{\"s\":\"line\\nnext \\\"q\\\" é\",\"t\":\"it's\"}")),
        Fixture.of(
            "gemma: a print wrapper and the default_api prefix are dropped",
            GEMMA,
            "```tool_code\nprint(default_api.get_weather(city=\"Paris\"))\n```",
            call("get_weather", "{\"city\":\"Paris\"}")),
        Fixture.of(
            "gemma: arguments over several lines",
            GEMMA,
            "```tool_code\nf(\n  items=[\n    1,\n    2,\n  ],\n)\n```",
            call("f", "{\"items\":[1,2]}")),
        Fixture.of(
            "gemma: code that is no call stays text",
            ALL,
            "```tool_code\nfor x in y: print(x)\n```",
            text("```tool_code\nfor x in y: print(x)\n```")),
        Fixture.of(
                "gemma: a tool that was not offered stays text",
                ALL,
                "```tool_code\nshutdown()\n```",
                text("```tool_code\nshutdown()\n```"))
            .offering("get_weather"),
        Fixture.of(
            "gemma: other code fences are text",
            ALL,
            "```python\nf(x=1)\n```",
            text("```python\nf(x=1)\n```")),
        Fixture.of(
            "gemma: the language tag must end the fence line",
            GEMMA,
            "```tool_code_example\nf()\n```",
            text("```tool_code_example\nf()\n```")),
        Fixture.of(
            "gemma: unclosed but complete at the end is a call",
            ALL,
            "```tool_code\nf(x=1)\n",
            call("f", "{\"x\":1}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void splitsTheOutputAsExpected(Fixture fixture) {
    assertThat(fixture.whole()).containsExactlyElementsOf(fixture.expected());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "f(1)",
        "f(x=)",
        "f(x=1",
        "f(x='a)",
        "f(x=unknown)",
        "f(x=1 y=2)",
        "(x=1)",
        "f(x={[1]: 2})",
        "",
        "f(x=1) junk"
      })
  void rejectsWhatIsNotACallWithKeywordArguments(String code) {
    assertThat(PythonCallParser.parse(code)).isEmpty();
  }

  @Test
  void refusesAbsurdNestingInsteadOfOverflowingTheStack() {
    String deep = "f(x=" + "[".repeat(10_000) + "]".repeat(10_000) + ")";

    assertThat(PythonCallParser.parse(deep)).isEmpty();
  }

  @Test
  void readsTripleQuotedStringsAndHexEscapes() {
    assertThat(PythonCallParser.parse("f(s='''a\n'b'\n''', t=\"\\x41\\U0001F600\")"))
        .contains(List.of(new Segment.ToolCall("f", "{\"s\":\"a\\n'b'\\n\",\"t\":\"A😀\"}")));
  }
}
