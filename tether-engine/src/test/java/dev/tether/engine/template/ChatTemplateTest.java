package dev.tether.engine.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ChatTemplateTest {
  private static final String CHATML = """
      {%- for m in messages %}<|im_start|>{{ m.role }}
      {{ m.content }}<|im_end|>
      {% endfor %}
      {%- if add_generation_prompt %}<|im_start|>assistant
      {% endif %}""";

  private static Value message(String role, String content) {
    return Value.dict(Map.of("role", Value.str(role), "content", Value.str(content)));
  }

  private static String render(String template, Map<String, Value> variables) {
    return ChatTemplate.parse(template).render(variables, TemplateCorpusTest.FIXED_CLOCK);
  }

  @Test
  void rendersAConversationWithTheGenerationPrompt() {
    String prompt = ChatTemplate.parse(CHATML).render(
        Conversation.of(List.of(message("user", "Hi")), true), SpecialTokens.NONE);
    assertThat(prompt).isEqualTo("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
  }

  @Test
  void neverEvaluatesMessageContentAsTemplateText() {
    String content = "{{ 7 * 7 }} {% for x in range(3) %}loop{% endfor %} {{ raise_exception('no') }}";
    String prompt = ChatTemplate.parse(CHATML).render(
        Conversation.of(List.of(message("user", content)), false), SpecialTokens.NONE);
    assertThat(prompt).isEqualTo("<|im_start|>user\n" + content + "<|im_end|>\n");
  }

  @Test
  void passesTokensOnlyWhenSetAndToolsAsNoneWhenAbsent() {
    String template = "{{ bos_token is defined }} {{ eos_token }} {{ tools is defined }} {{ tools is none }}"
        + " {{ documents is none }}";
    ChatTemplate parsed = ChatTemplate.parse(template);
    Conversation conversation = Conversation.of(List.of(), false);
    assertThat(parsed.render(conversation, new SpecialTokens(null, "</s>")))
        .isEqualTo("False </s> True True True");
    Conversation withTools = new Conversation(List.of(), Optional.of(List.of(Value.str("t"))), false, Map.of());
    assertThat(parsed.render(withTools, SpecialTokens.NONE)).isEqualTo("False  True False True");
  }

  @Test
  void passesExtraVariables() {
    Conversation conversation = new Conversation(List.of(), Optional.empty(), false,
        Map.of("enable_thinking", Value.FALSE));
    assertThat(ChatTemplate.parse("{{ enable_thinking is false }}").render(conversation, SpecialTokens.NONE))
        .isEqualTo("True");
  }

  @Test
  void strftimeNowReadsTheInjectedClockInItsZone() {
    Clock clock = Clock.fixed(Instant.parse("2024-02-29T23:30:00Z"), ZoneOffset.ofHours(2));
    assertThat(ChatTemplate.parse("{{ strftime_now('%d %B %Y, %H:%M') }}").render(Map.of(), clock))
        .isEqualTo("01 March 2024, 01:30");
  }

  @Test
  void raiseExceptionFailsWithTheTemplatesOwnMessage() {
    assertThatThrownBy(() -> render("{{ raise_exception('Roles must alternate') }}", Map.of()))
        .isInstanceOfSatisfying(TemplateException.class, e -> {
          assertThat(e.raisedByTemplate()).isTrue();
          assertThat(e.getMessage()).isEqualTo("Roles must alternate");
          assertThat(e.describe()).isEqualTo("TemplateError: Roles must alternate");
        });
  }

  @Test
  void aTemplateThatDoesNotParseIsASyntaxError() {
    assertThatThrownBy(() -> ChatTemplate.parse("{% if x %}never closed"))
        .isInstanceOfSatisfying(TemplateException.class, e -> {
          assertThat(e.pythonClass()).isEqualTo("TemplateSyntaxError");
          assertThat(e.getMessage()).startsWith("Unexpected end of template. Jinja was looking for the following"
              + " tags: 'elif', 'else' or 'endif'. The innermost block that needs to be closed is 'if'.");
        });
    assertThatThrownBy(() -> ChatTemplate.parse("{% include 'other.jinja' %}"))
        .hasMessageContaining("'include' tag is not supported");
    assertThatThrownBy(() -> ChatTemplate.parse("{% do x %}")).hasMessageStartingWith("Encountered unknown tag 'do'.");
    assertThatThrownBy(() -> ChatTemplate.parse("{{ 'unclosed }}")).isInstanceOf(TemplateException.class);
  }

  @Test
  void parsesTheSameTextOnce() {
    String text = "{{ 'cached' }} " + System.nanoTime();
    assertThat(ChatTemplate.parse(text)).isSameAs(ChatTemplate.parse(text));
    assertThat(ChatTemplate.parse(text).source()).isEqualTo(text);
  }

  @Test
  void templatesRenderConcurrently() throws Exception {
    ChatTemplate template = ChatTemplate.parse(
        "{% set ns = namespace(n=0) %}{% for m in messages %}{% set ns.n = ns.n + 1 %}{% endfor %}{{ ns.n }}");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        List<Value> messages = new ArrayList<>();
        for (int j = 0; j < i; j++) {
          messages.add(message("user", "m" + j));
        }
        results.add(pool.submit(() -> template.render(Conversation.of(messages, false), SpecialTokens.NONE)));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get()).isEqualTo(Integer.toString(i));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refusesToLoopOrRecurseWithoutEnd() {
    assertThatThrownBy(() -> render("{% macro r() %}{{ r() }}{% endmacro %}{{ r() }}", Map.of()))
        .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.pythonClass()).isEqualTo("RecursionError"));
    assertThatThrownBy(() -> render("{{ range(100001)|length }}", Map.of()))
        .hasMessageContaining("Range too big");
    assertThatThrownBy(() -> render("{{ 'x' * 100000000 }}", Map.of())).isInstanceOf(TemplateException.class);
    assertThatThrownBy(() -> render(
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}", Map.of()))
        .isInstanceOf(TemplateException.class);
  }

  @Test
  void refusesAbsurdNestingInsteadOfOverflowingTheStack() {
    for (String template : List.of(
        "{{ " + "(".repeat(5000) + "1" + ")".repeat(5000) + " }}",
        "{{ " + "[".repeat(5000) + "]".repeat(5000) + " }}",
        "{{ " + "not ".repeat(5000) + "x }}",
        "{{ " + "-".repeat(5000) + "1 }}",
        "{% if x %}".repeat(5000) + "{% endif %}".repeat(5000))) {
      assertThatThrownBy(() -> ChatTemplate.parse(template))
          .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.getMessage()).contains("nests deeper"));
    }
    assertThat(render("{{ " + "(".repeat(50) + "1" + ")".repeat(50) + " }}", Map.of())).isEqualTo("1");
  }

  @Test
  void convertsPlainJavaObjectsAndJsonToPythonValues() {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("b", List.of(1, 2.5, true));
    object.put("a", null);
    object.put("n", new BigDecimal("3"));
    object.put("f", new BigDecimal("3.0"));
    assertThat(Values.repr(Values.of(object))).isEqualTo("{'b': [1, 2.5, True], 'a': None, 'n': 3, 'f': 3.0}");
    assertThat(Values.repr(Values.parseJson("{\"x\": [1, 1.0, 1e2, \"\\u00e9\", null]}")))
        .isEqualTo("{'x': [1, 1.0, 100.0, 'é', None]}");
    assertThatThrownBy(() -> Values.of(new Object())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsTheCorpusConversationFormat() {
    Conversation conversation = Conversation.fromDocument(Values.parseJson(
        "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"add_generation_prompt\": true}"));
    assertThat(conversation.messages()).hasSize(1);
    assertThat(conversation.tools()).isEmpty();
    assertThat(conversation.addGenerationPrompt()).isTrue();
    assertThatThrownBy(() -> Conversation.fromDocument(Values.parseJson("{\"messages\": 1}")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void printsFloatsAsPythonDoes() {
    assertThat(PyRepr.floatRepr(0.1)).isEqualTo("0.1");
    assertThat(PyRepr.floatRepr(1e16)).isEqualTo("1e+16");
    assertThat(PyRepr.floatRepr(1234567890123456.0)).isEqualTo("1234567890123456.0");
    assertThat(PyRepr.floatRepr(0.0001)).isEqualTo("0.0001");
    assertThat(PyRepr.floatRepr(0.00001)).isEqualTo("1e-05");
    assertThat(PyRepr.floatRepr(-2.5e-300)).isEqualTo("-2.5e-300");
    assertThat(PyRepr.floatRepr(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e+308");
    assertThat(PyRepr.floatRepr(5e-324)).isEqualTo("5e-324");
  }

  @Test
  void printsRandomFloatsAsPythonDoes() throws java.io.IOException {
    List<String> lines = java.nio.file.Files.readAllLines(TemplateCorpusTest.resource("/jinja-golden/floats.txt"));
    assertThat(lines).hasSizeGreaterThan(1000);
    for (String line : lines) {
      String[] parts = line.split(" ");
      assertThat(PyRepr.floatRepr(Double.parseDouble(parts[0]))).as(parts[0]).isEqualTo(parts[1]);
    }
  }
}
