package dev.tether.cli.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;

class ModelPickerTest {
  private static final List<ModelEntry> MODELS = List.of(
      new ModelEntry("alpha", null, ModelSource.TETHER, "llama", 1_200_000_000L, "Q4_K_M", 800L << 20, 131072, null),
      new ModelEntry("beta", null, ModelSource.OLLAMA, "qwen2", 7_600_000_000L, "Q8_0", 8L << 30, 32768, null),
      new ModelEntry("gamma", null, ModelSource.HUGGING_FACE, "qwen3", 30_000_000L, "F16", 60L << 20, 40960, null));

  private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

  private Optional<String> pickWithKeys(String keys) throws IOException {
    PipedInputStream in = new PipedInputStream(1024);
    PipedOutputStream typed = new PipedOutputStream(in);
    // Type only once the picker has drawn itself, that is once the terminal is raw: keys typed
    // earlier would meet the line discipline (Ctrl-C as a signal, input held until a newline).
    Thread typist = Thread.ofVirtual().start(() -> {
      try {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!screen.toString(StandardCharsets.UTF_8).contains("hf-cache") && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        typed.write(keys.getBytes(StandardCharsets.UTF_8));
        typed.flush();
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    try (Terminal terminal = TerminalBuilder.builder().system(false).type("xterm-256color")
        .streams(in, screen).build()) {
      return ModelPicker.pick(terminal, MODELS, "Pick a model").map(ModelEntry::name);
    } finally {
      typist.interrupt();
    }
  }

  @Test
  void enterPicksTheFirstRowWithoutMoving() throws IOException {
    assertThat(pickWithKeys("\r")).contains("alpha");
  }

  @Test
  void jAndKMove() throws IOException {
    assertThat(pickWithKeys("jj\r")).contains("gamma");
    assertThat(pickWithKeys("jjk\r")).contains("beta");
  }

  @Test
  void arrowKeysMoveAndWrapAround() throws IOException {
    assertThat(pickWithKeys("\033[B\r")).contains("beta");
    assertThat(pickWithKeys("\033[A\r")).contains("gamma");
    assertThat(pickWithKeys("\033OB\033OB\033OB\r")).contains("alpha");
  }

  @Test
  void qEscAndCtrlCCancel() throws IOException {
    assertThat(pickWithKeys("jq")).isEmpty();
    assertThat(pickWithKeys("j\033")).isEmpty();
    assertThat(pickWithKeys("\003")).isEmpty();
  }

  @Test
  void theScreenShowsTheTableColumnsAndTheSelection() throws IOException {
    pickWithKeys("\r");
    String shown = screen.toString(StandardCharsets.UTF_8);
    assertThat(shown).contains("NAME", "ARCH", "PARAMS", "QUANT", "SIZE", "CONTEXT", "SOURCE");
    assertThat(shown).contains("7.6B", "Q8_0", "8.0 GiB", "32k", "ollama");
    assertThat(shown).contains("> \033[7malpha");
  }
}
