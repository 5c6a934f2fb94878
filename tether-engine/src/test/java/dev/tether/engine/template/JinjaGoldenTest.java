package dev.tether.engine.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Small templates whose output (or error) real Python Jinja2 produced under Hugging Face's settings;
 * see {@code src/test/resources/jinja-golden/README.md}.
 */
class JinjaGoldenTest {
  /** One golden case. */
  record Case(String file, int index, String template, Map<String, Value> variables, String expected) {
    @Override
    public String toString() {
      return file + " #" + index + ": " + template.replace("\n", "\\n").replace("\r", "\\r");
    }
  }

  static Stream<Case> semantics() throws IOException {
    return load("semantics.json");
  }

  static Stream<Case> whitespace() throws IOException {
    return load("whitespace.json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("semantics")
  void evaluatesAsJinja2Does(Case c) {
    assertThat(render(c)).isEqualTo(c.expected());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("whitespace")
  void controlsWhitespaceAsJinja2Does(Case c) {
    assertThat(render(c)).isEqualTo(c.expected());
  }

  private static String render(Case c) {
    try {
      return ChatTemplate.parse(c.template()).render(c.variables(), TemplateCorpusTest.FIXED_CLOCK);
    } catch (TemplateException e) {
      return "ERROR " + e.describe();
    }
  }

  private static Stream<Case> load(String file) throws IOException {
    Value.Dict document = (Value.Dict) Values.parseJson(
        Files.readString(TemplateCorpusTest.resource("/jinja-golden/" + file)));
    Map<String, Value> variables = new LinkedHashMap<>();
    ((Value.Dict) document.get(Value.str("variables"))).map()
        .forEach((k, v) -> variables.put(((Value.Str) k).value(), v));
    var cases = ((Value.Seq) document.get(Value.str("cases"))).items();
    return java.util.stream.IntStream.range(0, cases.size()).mapToObj(i -> {
      Value.Dict c = (Value.Dict) cases.get(i);
      Value output = c.get(Value.str("output"));
      String expected = output != null ? Values.str(output) : "ERROR " + Values.str(c.get(Value.str("error")));
      return new Case(file, i, Values.str(c.get(Value.str("template"))), variables, expected);
    });
  }
}
