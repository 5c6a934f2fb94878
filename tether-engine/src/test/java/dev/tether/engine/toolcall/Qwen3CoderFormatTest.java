package dev.tether.engine.toolcall;

import static dev.tether.engine.toolcall.Fixture.ALL;
import static dev.tether.engine.toolcall.Fixture.call;
import static dev.tether.engine.toolcall.Fixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Qwen3CoderFormatTest {
  private static final Set<ToolCallFormat> QWEN3_CODER = Set.of(ToolCallFormat.QWEN3_CODER);

  static List<Fixture> fixtures() {
    return List.of(
        Fixture.of(
            "qwen3-coder: the documented example",
            ALL,
            """
            I'll list the files.
            <tool_call>
            <function=Bash>
            <parameter=command>
            ls -la
            </parameter>
            <parameter=timeout>
            5000
            </parameter>
            </function>
            </tool_call>""",
            text("I'll list the files.\n"),
            call("Bash", "{\"command\":\"ls -la\",\"timeout\":5000}")),
        Fixture.of(
            "qwen3-coder: without the tool_call wrapper",
            QWEN3_CODER,
            """
            <function=Read>
            <parameter=path>
            /etc/hosts
            </parameter>
            </function>
            Reading it now.""",
            call("Read", "{\"path\":\"/etc/hosts\"}"),
            text("\nReading it now.")),
        Fixture.of(
            "qwen3-coder: JSON values keep their type, the rest are strings",
            ALL,
            """
            <tool_call>
            <function=f>
            <parameter=flag>
            true
            </parameter>
            <parameter=ratio>
            0.25
            </parameter>
            <parameter=obj>
            {"a": [1, 2]}
            </parameter>
            <parameter=list>
            ["x"]
            </parameter>
            <parameter=nothing>
            null
            </parameter>
            <parameter=quoted>
            "hi"
            </parameter>
            <parameter=words>
            hello world
            </parameter>
            </function>
            </tool_call>""",
            call(
                "f",
                "{\"flag\":true,\"ratio\":0.25,\"obj\":{\"a\":[1,2]},\"list\":[\"x\"],"
                    + "\"nothing\":null,\"quoted\":\"\\\"hi\\\"\",\"words\":\"hello world\"}")),
        Fixture.of(
            "qwen3-coder: only one framing newline is stripped on each side",
            ALL,
            "<tool_call>\n<function=Write>\n<parameter=content>\n\ndef f():\n    return 1\n\n"
                + "</parameter>\n</function>\n</tool_call>",
            call("Write", "{\"content\":\"\\ndef f():\\n    return 1\\n\"}")),
        Fixture.of(
            "qwen3-coder: a function without parameters",
            ALL,
            "<tool_call>\n<function=now>\n</function>\n</tool_call>",
            call("now", "{}")),
        Fixture.of(
            "qwen3-coder: two bare functions in a row",
            QWEN3_CODER,
            "<function=a>\n<parameter=x>\n1\n</parameter>\n</function>\n"
                + "<function=b>\n<parameter=y>\nz\n</parameter>\n</function>",
            call("a", "{\"x\":1}"),
            text("\n"),
            call("b", "{\"y\":\"z\"}")),
        Fixture.of(
            "qwen3-coder: unclosed at the end but complete is a call",
            ALL,
            "<tool_call>\n<function=Bash>\n<parameter=command>\nls\n</parameter>\n",
            call("Bash", "{\"command\":\"ls\"}")),
        Fixture.of(
                "qwen3-coder: a tool that was not offered stays text",
                ALL,
                "<function=Nope>\n</function>",
                text("<function=Nope>\n</function>"))
            .offering("Bash"),
        Fixture.of(
            "qwen3-coder: prose mentioning the marker stays text",
            ALL,
            "Write <function=my func> or <function=> in docs.",
            text("Write <function=my func> or <function=> in docs.")),
        Fixture.of(
            "qwen3-coder: a parameter outside a function stays text",
            ALL,
            "<tool_call>\n<parameter=x>\n1\n</parameter>\n</tool_call>",
            text("<tool_call>\n<parameter=x>\n1\n</parameter>\n</tool_call>")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void splitsTheOutputAsExpected(Fixture fixture) {
    assertThat(fixture.whole()).containsExactlyElementsOf(fixture.expected());
  }

  @Test
  void parameterValuesAreJsonWhenTheyParseAndStringsOtherwise() {
    assertThat(Qwen3CoderParser.value("\n42\n")).isEqualTo(new BigDecimal("42"));
    assertThat(Qwen3CoderParser.value("\r\nfalse\r\n")).isEqualTo(false);
    assertThat(Qwen3CoderParser.value("\n  \n")).isEqualTo("  ");
    assertThat(Qwen3CoderParser.value("[1, 2")).isEqualTo("[1, 2");
    assertThat(Qwen3CoderParser.value("\"text\"")).isEqualTo("\"text\"");
  }

  @Test
  void aParameterMissingItsClosingTagRunsToTheEndOfTheFunction() {
    assertThat(Qwen3CoderParser.parse("<function=f>\n<parameter=a>\nx\n</function>"))
        .contains(List.of(new Segment.ToolCall("f", "{\"a\":\"x\"}")));
  }
}
