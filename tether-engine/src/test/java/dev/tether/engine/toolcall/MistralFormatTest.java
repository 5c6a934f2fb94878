package dev.tether.engine.toolcall;

import static dev.tether.engine.toolcall.Fixture.ALL;
import static dev.tether.engine.toolcall.Fixture.call;
import static dev.tether.engine.toolcall.Fixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MistralFormatTest {
  private static final Set<ToolCallFormat> MISTRAL = Set.of(ToolCallFormat.MISTRAL);

  static List<Fixture> fixtures() {
    return List.of(
        Fixture.of(
            "mistral: an array of calls",
            ALL,
            "[TOOL_CALLS][{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}]",
            call("get_weather", "{\"city\":\"Paris\"}")),
        Fixture.of(
            "mistral: two calls in the array, text before",
            MISTRAL,
            "Sure. [TOOL_CALLS] [{\"name\": \"a\", \"arguments\": {}, \"id\": \"abc123def\"},"
                + " {\"name\": \"b\", \"arguments\": {\"n\": 2}}]",
            text("Sure. "),
            call("a", "{}"),
            call("b", "{\"n\":2}")),
        Fixture.of(
            "mistral: the name-then-args form",
            ALL,
            "[TOOL_CALLS]get_weather[ARGS]{\"city\": \"Paris\"}",
            call("get_weather", "{\"city\":\"Paris\"}")),
        Fixture.of(
            "mistral: the name-then-args form repeated, text after",
            ALL,
            "[TOOL_CALLS]a[ARGS]{}[TOOL_CALLS]b[ARGS]{\"s\": \"}]\"} ok",
            call("a", "{}"),
            call("b", "{\"s\":\"}]\"}"),
            text(" ok")),
        Fixture.of(
            "mistral: with a call id",
            MISTRAL,
            "[TOOL_CALLS]f[CALL_ID]a1B2c3D4e[ARGS]{\"x\": true}",
            call("f", "{\"x\":true}")),
        Fixture.of(
            "mistral: double-encoded arguments",
            ALL,
            "[TOOL_CALLS][{\"name\": \"f\", \"arguments\": \"{\\\"a\\\": 1}\"}]",
            call("f", "{\"a\":1}")),
        Fixture.of(
            "mistral: not a call after the marker stays text",
            ALL,
            "[TOOL_CALLS]not a call",
            text("[TOOL_CALLS]not a call")),
        Fixture.of(
            "mistral: arguments that are no object stay text",
            MISTRAL,
            "[TOOL_CALLS]f[ARGS][1, 2]",
            text("[TOOL_CALLS]f[ARGS][1, 2]")),
        Fixture.of(
                "mistral: a tool that was not offered stays text",
                ALL,
                "[TOOL_CALLS][{\"name\": \"x\", \"arguments\": {}}]",
                text("[TOOL_CALLS][{\"name\": \"x\", \"arguments\": {}}]"))
            .offering("f"),
        Fixture.of(
            "mistral: unclosed arguments at the end stay text",
            ALL,
            "[TOOL_CALLS]f[ARGS]{\"a\": ",
            text("[TOOL_CALLS]f[ARGS]{\"a\": ")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void splitsTheOutputAsExpected(Fixture fixture) {
    assertThat(fixture.whole()).containsExactlyElementsOf(fixture.expected());
  }
}
