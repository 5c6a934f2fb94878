package dev.tether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.engine.tiny.TinyModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tether --model FILE.gguf} with no server configured: the model is loaded in-process before
 * claude starts, and a model that cannot load stops everything before claude runs. In its own JVM
 * with a fake claude, as a user would run it.
 */
class LocalLauncherIT {
  @TempDir Path dir;

  private Process tether(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
        "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(dir.resolve("stdout.txt").toFile())
        .redirectError(dir.resolve("stderr.txt").toFile());
    builder.environment().put("TETHER_HOME", dir.resolve("home").toString());
    builder.environment().put("TETHER_PORT", "0");
    return builder.start();
  }

  private String stderr() throws IOException {
    return Files.readString(dir.resolve("stderr.txt"));
  }

  @Test
  void aGgufFileIsLoadedInProcessBeforeClaudeStarts() throws Exception {
    FakeClaude claude = FakeClaude.create(dir);
    Path model = TinyModel.builder().architecture("qwen2").name("Tiny Qwen").build().write(dir.resolve("tiny-qwen.gguf"));
    Process p = tether("--model", model.toString(), "--threads", "2", "--claude-path", claude.script.toString());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("tether exits").isTrue();
    assertThat(p.exitValue()).as(stderr()).isZero();
    assertThat(claude.env()).containsEntry("ANTHROPIC_MODEL", "tiny-qwen");
    assertThat(claude.value("with-token")).isEqualTo("200");
    String err = stderr();
    assertThat(err).contains("tether: loaded tiny-qwen").contains("model tiny-qwen").contains("backend local");
    assertThat(err.indexOf("loaded tiny-qwen")).isLessThan(err.indexOf("model tiny-qwen"));
  }

  @Test
  void aModelThatCannotLoadStopsBeforeClaudeRuns() throws Exception {
    FakeClaude claude = FakeClaude.create(dir);
    Path model = TinyModel.builder().architecture("qwen2").build().write(dir.resolve("tiny.gguf"));
    Process p = tether("--model", model.toString(), "--memory-cap", "64KB", "--claude-path", claude.script.toString());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    assertThat(stderr()).contains("tether: cannot load " + model + ": ").contains("memory-cap")
        .doesNotContain("Exception");
    assertThat(claude.lines()).as("claude never ran").isEmpty();
  }
}
