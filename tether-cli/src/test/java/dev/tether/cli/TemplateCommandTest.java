package dev.tether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.engine.gguf.GgufValue;
import dev.tether.engine.tiny.TinyModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TemplateCommandTest {
  /** The engine's copy of the chat-template corpus (tests run in the module directory). */
  private static final Path CORPUS = Path.of("../tether-engine/src/test/resources/chat-templates");

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  private Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void rendersACorpusCaseByteForByte() throws Exception {
    assertThat(CORPUS).as("the corpus in tether-engine's test resources").isDirectory();
    int code = run("template", "render",
        "--template", CORPUS.resolve("templates/meta-llama-Llama-3.1-8B-Instruct.jinja").toString(),
        "--conversation", CORPUS.resolve("conversations/05_tool_call_roundtrip.json").toString(),
        "--bos-token", "<|begin_of_text|>", "--eos-token", "<|eot_id|>", "--now", "2025-01-15T12:00:00");

    assertThat(err.toString()).isEmpty();
    assertThat(code).isZero();
    assertThat(out.toString()).isEqualTo(
        Files.readString(CORPUS.resolve("expected/meta-llama-Llama-3.1-8B-Instruct/05_tool_call_roundtrip.txt")));
  }

  @Test
  void passesTokensTheClockAndTheGenerationPrompt() throws Exception {
    Path template = write("t.jinja", "{{ bos_token }}{{ messages[0].content }}{{ eos_token is defined }}"
        + "{% if add_generation_prompt %} @{{ strftime_now('%Y-%m-%d %H:%M') }}{% endif %}\n");
    Path conversation = write("c.json",
        "{\"messages\": [{\"role\": \"user\", \"content\": \"héllo\"}], \"add_generation_prompt\": true}");

    int code = run("template", "render", "--template", template.toString(), "--conversation", conversation.toString(),
        "--bos-token", "<s>", "--now", "2024-03-01T08:30:00");

    assertThat(code).isZero();
    assertThat(out.toString()).isEqualTo("<s>hélloFalse @2024-03-01 08:30");
  }

  @Test
  void aTemplateErrorGoesToStderrWithExitCodeOne() throws Exception {
    Path template = write("t.jinja", "{% if messages[0].role == 'system' %}{{ raise_exception('System role not"
        + " supported') }}{% endif %}ok");
    Path conversation = write("c.json", "{\"messages\": [{\"role\": \"system\", \"content\": \"s\"}]}");

    int code = run("template", "render", "--template", template.toString(), "--conversation", conversation.toString());

    assertThat(code).isEqualTo(1);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).isEqualTo("TemplateError: System role not supported" + System.lineSeparator());
  }

  @Test
  void takesTheTemplateAndTokensFromAGgufModel() throws Exception {
    Path model = dir.resolve("tiny.gguf");
    TinyModel.builder().architecture("qwen2").build().toWriter()
        .put("tokenizer.chat_template", GgufValue.string("[{{ bos_token }}|{{ eos_token }}]{{ messages|length }}"))
        .write(model);
    Path conversation = write("c.json", "{\"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}");

    assertThat(run("template", "render", "--model", model.toString(), "--conversation", conversation.toString()))
        .isZero();
    assertThat(out.toString()).isEqualTo("[<|endoftext|>|<|im_end|>]1");

    out.getBuffer().setLength(0);
    assertThat(run("template", "render", "--model", model.toString(), "--conversation", conversation.toString(),
        "--eos-token", "</s>")).isZero();
    assertThat(out.toString()).isEqualTo("[<|endoftext|>|</s>]1");
  }

  @Test
  void reportsUnreadableInputInOneLine() throws Exception {
    Path template = write("t.jinja", "x");
    int code = run("template", "render", "--template", template.toString(),
        "--conversation", dir.resolve("missing.json").toString());
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("tether: cannot read " + dir.resolve("missing.json") + ": no such file"
        + System.lineSeparator());

    err.getBuffer().setLength(0);
    Path bad = write("bad.json", "{\"messages\": 3}");
    assertThat(run("template", "render", "--template", template.toString(), "--conversation", bad.toString()))
        .isEqualTo(1);
    assertThat(err.toString()).startsWith("tether: " + bad + ": a conversation needs \"messages\"");

    err.getBuffer().setLength(0);
    Path notGguf = write("x.gguf", "not a model");
    assertThat(run("template", "render", "--model", notGguf.toString(), "--conversation", bad.toString()))
        .isEqualTo(1);
    assertThat(err.toString()).startsWith("tether: ").contains("x.gguf");
  }

  @Test
  void needsExactlyOneTemplateSource() throws Exception {
    Path conversation = write("c.json", "{\"messages\": []}");
    assertThat(run("template", "render", "--conversation", conversation.toString())).isEqualTo(2);
    assertThat(run("template", "render", "--template", "a", "--model", "b", "--conversation", conversation.toString()))
        .isEqualTo(2);
  }
}
