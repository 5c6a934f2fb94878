package dev.tether.gateway.backend.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tether.api.error.ApiException;
import dev.tether.api.error.ErrorType;
import dev.tether.api.json.Json;
import dev.tether.api.messages.MessagesRequest;
import dev.tether.engine.gguf.GgufHeader;
import dev.tether.engine.gguf.GgufValue;
import dev.tether.engine.gguf.ModelMetadata;
import dev.tether.engine.tiny.TinyModel;
import dev.tether.engine.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A request rendered with the model's template and tokenized as the engine gets it. */
class PromptRendererTest {
  @TempDir static Path dir;
  private static Tokenizer tokenizer;
  private static ModelMetadata llama;
  private static Tokenizer llamaTokenizer;

  @BeforeAll
  static void tokenizers() throws Exception {
    tokenizer = Tokenizer.from(GgufHeader.read(TinyModel.builder().architecture("qwen2").build().write(dir.resolve("q.gguf"))));
    GgufHeader header = GgufHeader.read(TinyModel.builder().architecture("llama").build().write(dir.resolve("l.gguf")));
    llama = ModelMetadata.from(header);
    llamaTokenizer = Tokenizer.from(header);
  }

  @Test
  void aTemplateThatWritesBosGetsNoSecondOne() {
    PromptRenderer renderer = new PromptRenderer("tiny", llama, llamaTokenizer);
    MessagesRequest request = Json.MAPPER.convertValue(Map.of("model", "tiny", "max_tokens", 5,
        "messages", List.of(Map.of("role", "user", "content", "Hi"))), MessagesRequest.class);
    int[] tokens = renderer.render(request).tokens();
    int bos = llamaTokenizer.specialTokens().bos().orElseThrow();
    assertThat(tokens[0]).isEqualTo(bos);
    assertThat(tokens[1]).isNotEqualTo(bos);
    assertThat(llamaTokenizer.decode(tokens, true)).isEqualTo(renderer.render(request).text());
  }

  @Test
  void systemMessagesInsideTheConversationBecomeRemindersForTemplatesThatRefuseThem() {
    String strict = "{%- for m in messages %}{% if m.role == 'system' and not loop.first %}"
        + "{{ raise_exception('System message must be first') }}{% endif %}"
        + "<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}<|im_start|>assistant\n";
    ModelMetadata metadata = withTemplate(strict);
    PromptRenderer renderer = new PromptRenderer("tiny", metadata, tokenizer);
    MessagesRequest request = Json.MAPPER.convertValue(Map.of("model", "tiny", "max_tokens", 5, "messages", List.of(
        Map.of("role", "user", "content", "Hi"), Map.of("role", "system", "content", "Be brief"))), MessagesRequest.class);
    assertThat(renderer.render(request).text())
        .isEqualTo("<|im_start|>user\nHi\n\n<system-reminder>\nBe brief\n</system-reminder><|im_end|>\n"
            + "<|im_start|>assistant");  // Jinja drops the template's final newline
  }

  @Test
  void aTemplateThatRejectsTheConversationIsA400NamingTheReason() {
    PromptRenderer renderer = new PromptRenderer("tiny", withTemplate("{{ raise_exception('Roles must alternate') }}"),
        tokenizer);
    MessagesRequest request = Json.MAPPER.convertValue(Map.of("model", "tiny", "max_tokens", 5,
        "messages", List.of(Map.of("role", "user", "content", "Hi"))), MessagesRequest.class);
    assertThatThrownBy(() -> renderer.render(request))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.type()).isEqualTo(ErrorType.INVALID_REQUEST);
          assertThat(e.getMessage()).contains("Roles must alternate");
        });
  }

  private static ModelMetadata withTemplate(String template) {
    try {
      var writer = TinyModel.builder().architecture("qwen2").build().toWriter();
      writer.put("tokenizer.chat_template", GgufValue.string(template));
      Path file = Files.createTempFile(dir, "t", ".gguf");
      writer.write(file);
      return ModelMetadata.from(GgufHeader.read(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

}
