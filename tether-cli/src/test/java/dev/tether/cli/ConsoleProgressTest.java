package dev.tether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.engine.runtime.GenerationRequest;
import dev.tether.engine.runtime.GenerationResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void withoutATerminalLoadingIsOnePlainLine() {
    var load = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false).load("qwen");
    load.update(0, 4L << 20);
    load.update(2L << 20, 4L << 20);
    load.update(4L << 20, 4L << 20);
    assertThat(output()).matches("tether: loaded qwen \\(4\\.0 MiB\\) in \\d+\\.\\d s\\R");
  }

  @Test
  void onATerminalLoadingDrawsABarThenClearsItForTheLine() {
    var load = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true).load("qwen");
    load.update(1L << 20, 4L << 20);
    load.update(4L << 20, 4L << 20);
    assertThat(output()).startsWith("\rloading qwen [#######-----------------------] 25% 1.0 MiB / 4.0 MiB")
        .contains("\r\033[Ktether: loaded qwen (4.0 MiB)");
  }

  @Test
  void onlyLongPrefillsAreReportedWithWhatTheCacheSaved() {
    var prefill = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false).prefill();
    prefill.finished(new GenerationResult(5000, 4500, 3, GenerationResult.StopReason.END_OF_TURN, 1_000_000));
    assertThat(output()).isEmpty();
    assertThat(prefill.started(5000)).as("no bar without a terminal").isSameAs(GenerationRequest.PrefillProgress.NONE);
    prefill.finished(new GenerationResult(5000, 500, 3, GenerationResult.StopReason.END_OF_TURN, 2_000_000_000L));
    assertThat(output()).isEqualTo("tether: prefill: 4500 tokens in 2.0 s (2250 tokens/s), 500 reused from the cache"
        + System.lineSeparator());
  }

  @Test
  void onATerminalALongPrefillDrawsABarAndClearsIt() {
    var prefill = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true).prefill();
    var progress = prefill.started(4096);
    progress.update(1024, 4096);
    progress.update(4096, 4096);
    assertThat(output()).startsWith("\rprefill [#######-----------------------] 25% 1024 / 4096 tokens").endsWith("\r\033[K");
  }
}
