package dev.tether.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tether.engine.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Perplexity of the two reference models (random llama weights, F16 and Q8_0) on the reference text
 * against what llama.cpp's llama-perplexity reports ({@code engine-reference/expected.json}): the
 * forward pass, the tokenizer and the tensor formats have to be right for these to agree within
 * 0.3% (F16 and Q8_0 themselves differ by 0.03%; a wrong detail moves the value by percents).
 */
class ReferencePerplexityTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"small-llama-f16.gguf", "small-llama-Q8_0.gguf"})
  void perplexityAgreesWithLlamaCpp(String model) throws Exception {
    Path file = copy(model);
    String text = new String(resource("ref-text.txt"), StandardCharsets.UTF_8);
    @SuppressWarnings("unchecked")
    Map<String, Object> expected = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
        Json.parse(new String(resource("expected.json"), StandardCharsets.UTF_8))).get("models")).get(model);
    double want = ((Number) expected.get("perplexity")).doubleValue();
    int chunks = ((Number) expected.get("chunks")).intValue();
    try (InferenceEngine engine = InferenceEngine.load(file, EngineOptions.defaults(), LoadProgress.NONE)) {
      Perplexity.Result r = Perplexity.compute(engine, text, 128, Perplexity.Progress.NONE);
      System.out.printf("%s: perplexity %.4f (llama.cpp %.4f, %+.3f%%), %d chunks%n", model, r.perplexity(),
          want, 100 * (r.perplexity() / want - 1), r.chunks());
      assertThat(r.chunks()).isEqualTo(chunks);
      assertThat(r.scored()).isEqualTo(chunks * 63);
      assertThat(r.perplexity()).isCloseTo(want, within(want * 0.003));
    }
  }

  private Path copy(String name) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, resource(name));
    return p;
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = ReferencePerplexityTest.class.getResourceAsStream("/engine-reference/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource engine-reference/" + name);
      }
      return in.readAllBytes();
    }
  }
}
