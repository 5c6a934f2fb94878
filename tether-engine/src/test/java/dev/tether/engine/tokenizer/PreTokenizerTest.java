package dev.tether.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.engine.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hand-written splitters against the original regexes: {@code pretokenizer-cases.jsonl} holds
 * what Python's {@code regex} module makes of the patterns in the models' tokenizer.json files (see
 * {@code make_pretokenizer_cases.py} beside it), for hand-picked and random texts.
 */
class PreTokenizerTest {
  static Stream<Arguments> regexCases() throws IOException {
    try (InputStream in = PreTokenizerTest.class.getResourceAsStream("/tokenizer/pretokenizer-cases.jsonl")) {
      assertThat(in).as("pretokenizer-cases.jsonl on the test class path").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(line -> (Map<?, ?>) Json.parse(line))
          .map(c -> Arguments.of(c.get("pre"), c.get("text"), c.get("pieces")))
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("regexCases")
  void splitsAsTheOriginalRegexDoes(String pre, String text, List<String> pieces) {
    assertThat(PreTokenizer.named(pre).split(text)).containsExactlyElementsOf(pieces);
  }

  @Test
  void splitsTheClassicExampleAsEachFamilyDoes() {
    String text = "Hello world123 ... 's  \n\n  x";
    assertThat(PreTokenizer.named("gpt2").split(text))
        .containsExactly("Hello", " world", "123", " ...", " '", "s", "  \n\n ", " x");
    assertThat(PreTokenizer.named("llama-bpe").split(text))
        .containsExactly("Hello", " world", "123", " ...", " '", "s", "  \n\n", " ", " x");
    assertThat(PreTokenizer.named("qwen2").split(text))
        .containsExactly("Hello", " world", "1", "2", "3", " ...", " '", "s", "  \n\n", " ", " x");
  }

  @Test
  void groupsDigitsInThreesForLlama3AndSplitsCamelCaseForGpt4o() {
    assertThat(PreTokenizer.named("llama3").split("1234567")).containsExactly("123", "456", "7");
    assertThat(PreTokenizer.named("gpt-4o").split("parseHTTPResponse"))
        .containsExactly("parse", "HTTPResponse");
    assertThat(PreTokenizer.named("gpt-4o").split("I'M here")).containsExactly("I'M", " here");
  }

  @Test
  void knowsAliasesAndRejectsUnknownNames() {
    assertThat(PreTokenizer.named("llama3").name()).isEqualTo("llama-bpe");
    assertThat(PreTokenizer.named("deepseek-r1-qwen").name()).isEqualTo("qwen2");
    assertThat(PreTokenizer.named("llama4").name()).isEqualTo("gpt-4o");
    assertThat(PreTokenizer.isKnown("falcon")).isFalse();
    assertThatThrownBy(() -> PreTokenizer.named("falcon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("falcon");
  }

  @Test
  void piecesAlwaysConcatenateToTheText() {
    java.util.Random random = new java.util.Random(1);
    for (String name : List.of("gpt-2", "llama-bpe", "qwen2", "gpt-4o", "tekken", "deepseek-llm", "deepseek-coder", "default", "starcoder")) {
      PreTokenizer pre = PreTokenizer.named(name);
      for (int i = 0; i < 200; i++) {
        StringBuilder b = new StringBuilder();
        for (int k = random.nextInt(30); k > 0; k--) {
          b.appendCodePoint(random.nextInt(4) == 0 ? random.nextInt(0x30000) : random.nextInt(128));
        }
        String text = b.toString().replaceAll("[\\ud800-\\udfff]", "x");
        assertThat(String.join("", pre.split(text))).isEqualTo(text);
      }
    }
  }
}
