package dev.tether.engine.toolcall;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link TemplateDialect} against every template of the chat-template corpus. */
class TemplateDialectTest {
  private static final Map<ToolCallFormat, Set<String>> FORMATS = Map.of(
      ToolCallFormat.HARMONY, Set.of("openai-gpt-oss-120b"),
      ToolCallFormat.QWEN3_CODER, Set.of("ByteDance-Seed-OSS", "NVIDIA-Nemotron-3-Nano-30B-A3B-BF16",
          "Qwen-Qwen3-Coder-30B-A3B-Instruct", "Qwen3-Coder", "Qwen3.5-4B", "StepFun3.5-Flash",
          "unsloth-Nemotron-3-Nano"),
      ToolCallFormat.MISTRAL, Set.of("Mistral-Small-3.2-24B-Instruct-2506", "mistralai-Ministral-3-14B-Reasoning-2512",
          "mistralai-Mistral-Nemo-Instruct-2407", "unsloth-Magistral-Small-2509", "unsloth-mistral-Devstral-Small-2507"),
      ToolCallFormat.LLAMA_JSON, Set.of("meetkai-functionary-medium-v3.1", "meta-llama-Llama-3.1-8B-Instruct",
          "meta-llama-Llama-3.2-3B-Instruct"),
      ToolCallFormat.HERMES, Set.of("Bielik-11B-v3.0-Instruct", "MiMo-VL", "NousResearch-Hermes-2-Pro-Llama-3-8B-tool_use",
          "Qwen-QwQ-32B", "Qwen-Qwen2.5-7B-Instruct", "Qwen-Qwen3-0.6B", "Reka-Edge", "ibm-granite-granite-4.0",
          "ibm-granite-granite-4.1"),
      ToolCallFormat.GEMMA, Set.of("google-gemma-2-2b-it"));

  private static final Set<String> REASONING = Set.of("Bielik-11B-v3.0-Instruct", "GLM-4.6", "GLM-4.7-Flash",
      "HuggingFaceTB-SmolLM3-3B", "Kimi-K2-Thinking", "LFM2.5-8B-A1B", "LFM2.5-Instruct", "MiniMax-M2",
      "NVIDIA-Nemotron-3-Nano-30B-A3B-BF16", "unsloth-Nemotron-3-Nano", "NVIDIA-Nemotron-Nano-v2", "Qwen-QwQ-32B",
      "Qwen-Qwen3-0.6B", "Qwen3.5-4B", "Reka-Edge", "StepFun3.5-Flash", "deepseek-ai-DeepSeek-R1-Distill-Llama-8B",
      "deepseek-ai-DeepSeek-R1-Distill-Qwen-32B", "deepseek-ai-DeepSeek-V3.1", "deepseek-ai-DeepSeek-V3.2",
      "ibm-granite-granite-3.3-2B-Instruct", "llama-cpp-ibm-granite-granite-3.3-2B-Instruct", "llama-cpp-deepseek-r1",
      "llama-cpp-rwkv-world");

  static Stream<String> templates() throws IOException {
    try (Stream<Path> files = Files.list(corpus().resolve("templates"))) {
      return files.map(p -> p.getFileName().toString().replace(".jinja", "")).sorted().toList().stream();
    }
  }

  @Test
  void coversTheWholeCorpus() throws IOException {
    assertThat(templates()).hasSize(67);
    assertThat(FORMATS.values().stream().flatMap(Set::stream)).allMatch(name -> {
      try {
        return templates().anyMatch(name::equals);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("templates")
  void choosesTheFormatAndReasoningOfEachTemplate(String name) throws IOException {
    TemplateDialect dialect = TemplateDialect.of(Files.readString(corpus().resolve("templates/" + name + ".jinja")));
    Set<ToolCallFormat> expected = FORMATS.entrySet().stream()
        .filter(e -> e.getValue().contains(name)).map(Map.Entry::getKey).collect(Collectors.toSet());
    assertThat(dialect.formats()).as("formats").isEqualTo(expected);
    assertThat(dialect.reasoning()).as("reasoning").isEqualTo(REASONING.contains(name));
  }

  @Test
  void aPromptEndingInAnOpenThinkBlockStartsTheReplyInReasoning() throws IOException {
    assertThat(TemplateDialect.startsInReasoning(expected("llama-cpp-deepseek-r1/02_system_user"))).isTrue();
    assertThat(TemplateDialect.startsInReasoning(expected("Qwen3.5-4B/02_system_user"))).isTrue();
    assertThat(TemplateDialect.startsInReasoning(expected("Qwen-Qwen3-0.6B/02_system_user"))).isFalse();
    assertThat(TemplateDialect.startsInReasoning(expected("deepseek-ai-DeepSeek-V3.1/02_system_user"))).isFalse();
  }

  @Test
  void theExtractorFollowsTheDialectAndThePrompt() throws IOException {
    TemplateDialect qwen35 = TemplateDialect.of(Files.readString(corpus().resolve("templates/Qwen3.5-4B.jinja")));
    ToolCallExtractor extractor = qwen35.extractor(Set.of("get_weather"), expected("Qwen3.5-4B/04_tools_available"));
    List<Segment> segments = Fixture.run(extractor, List.of(
        "Paris weather.</think>\n\n<tool_call>\n<function=get_weather>\n<parameter=location>\nParis\n</parameter>\n"
            + "</function>\n</tool_call>"));
    assertThat(segments).containsExactly(
        new Segment.Reasoning("Paris weather."),
        new Segment.Text("\n\n"),
        new Segment.ToolCall("get_weather", "{\"location\":\"Paris\"}"));
  }

  private static String expected(String name) throws IOException {
    return Files.readString(corpus().resolve("expected/" + name + ".txt"));
  }

  private static Path corpus() {
    try {
      return Path.of(TemplateDialectTest.class.getResource("/chat-templates").toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("the chat-template corpus must be in src/test/resources", e);
    }
  }
}
