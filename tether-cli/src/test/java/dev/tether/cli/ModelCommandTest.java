package dev.tether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.engine.gguf.GgufHeader;
import dev.tether.engine.gguf.ModelMetadata;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ModelCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void makeTinyWritesAReadableModelWithTheRequestedSettings() throws Exception {
    Path file = dir.resolve("tiny.gguf");

    int code = run("model", "make-tiny", file.toString(), "--arch", "qwen3", "--name", "T", "--context-length", "256");

    assertThat(code).isZero();
    assertThat(out.toString()).startsWith("Wrote " + file).contains("qwen3 T").contains("context 256");
    ModelMetadata m = ModelMetadata.from(GgufHeader.read(file));
    assertThat(m.architecture()).isEqualTo("qwen3");
    assertThat(m.name()).hasValue("T");
    assertThat(m.contextLength()).hasValue(256);
    assertThat(m.tokenizer().model()).hasValue("gpt2");
  }

  @Test
  void makeTinyWritesASentencePieceVocabularyOnRequest() throws Exception {
    Path file = dir.resolve("spm.gguf");

    assertThat(run("model", "make-tiny", file.toString(), "--vocab", "llama")).isZero();

    assertThat(ModelMetadata.from(GgufHeader.read(file)).tokenizer().model()).hasValue("llama");
  }

  @Test
  void makeTinyRejectsAnUnknownArchitectureInOneLine() {
    int code = run("model", "make-tiny", dir.resolve("x.gguf").toString(), "--arch", "gpt-j");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("tether: --arch must be one of llama, qwen2, qwen3, not gpt-j" + System.lineSeparator());
  }

  @Test
  void makeTinyRejectsAnUnknownShapeOrTypeInOneLine() {
    assertThat(run("model", "make-tiny", dir.resolve("x.gguf").toString(), "--shape", "gpt2")).isEqualTo(1);
    assertThat(err.toString()).startsWith("tether: --shape/--type: unknown shape gpt2");
    assertThat(run("model", "make-tiny", dir.resolve("y.gguf").toString(), "--shape", "qwen05b", "--type", "Q3_K"))
        .isEqualTo(1);
    assertThat(err.toString()).contains("tether: --shape/--type: unknown type Q3_K");
  }
}
