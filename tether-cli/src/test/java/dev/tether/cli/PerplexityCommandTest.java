package dev.tether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.engine.tiny.TinyModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PerplexityCommandTest {
  /** The llama.cpp reference model and text, kept with the engine's tests. */
  private static final Path REFERENCE = Path.of("../tether-engine/src/test/resources/engine-reference");

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
  void printsThePerplexityLlamaCppReportsForTheReferenceModel() {
    Path model = REFERENCE.resolve("small-llama-f16.gguf");
    assertThat(model).as("engine reference model (tether-engine test resources)").exists();

    int code = run("perplexity", "--model", model.toString(), "--file", REFERENCE.resolve("ref-text.txt").toString(),
        "--ctx", "128", "--threads", "2");

    assertThat(code).as(err.toString()).isZero();
    String line = out.toString().trim();
    assertThat(line).matches("perplexity: \\d+\\.\\d{4}");
    double ppl = Double.parseDouble(line.substring("perplexity: ".length()));
    // llama-perplexity -c 128 -b 128 (expected.json): 14390.5378
    assertThat(ppl).isBetween(14390.5378 * 0.997, 14390.5378 * 1.003);
    assertThat(err.toString()).contains("[44/44]").contains("44 chunks of 128 tokens");
  }

  @Test
  void aTextTooShortForTwoChunksIsAOneLineError() throws Exception {
    Path model = TinyModel.builder().build().write(dir.resolve("tiny.gguf"));
    Path text = Files.writeString(dir.resolve("short.txt"), "just a few words");

    int code = run("perplexity", "--model", model.toString(), "--file", text.toString(), "--ctx", "64");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).startsWith("tether: the text has ").contains("at least 128 are needed")
        .doesNotContain("Exception");
  }

  @Test
  void aMissingFileOrAnUnsupportedModelIsAOneLineError() throws Exception {
    Path text = Files.writeString(dir.resolve("t.txt"), "text");
    assertThat(run("perplexity", "--model", dir.resolve("none.gguf").toString(), "--file", text.toString()))
        .isEqualTo(1);
    assertThat(err.toString()).contains("tether: no such model file");
    assertThat(run("perplexity", "--model", text.toString(), "--file", dir.resolve("none.txt").toString()))
        .isEqualTo(1);
    assertThat(err.toString()).contains("tether: no such file: ");
  }
}
