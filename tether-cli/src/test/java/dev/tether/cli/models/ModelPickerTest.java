package dev.tether.cli.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ModelPickerTest {
  private static final List<ModelEntry> MODELS = List.of(
      new ModelEntry("alpha", null, ModelSource.TETHER, "llama", 1_200_000_000L, "Q4_K_M", 800L << 20, 131072, null),
      new ModelEntry("beta", null, ModelSource.OLLAMA, "qwen2", 7_600_000_000L, "Q8_0", 8L << 30, 32768, null),
      new ModelEntry("gamma", null, ModelSource.HUGGING_FACE, "qwen3", 30_000_000L, "F16", 60L << 20, 40960, null));

  private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

  /** Keys the test types; reading waits for them (a terminal whose input ends is closed). */
  private static final class Keyboard extends InputStream {
    private final LinkedBlockingQueue<Integer> keys = new LinkedBlockingQueue<>();

    void type(String text) {
      for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
        keys.add(b & 0xff);
      }
    }

    @Override
    public int read() throws IOException {
      try {
        Integer b = keys.poll(60, TimeUnit.SECONDS);
        return b == null ? -1 : b;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }

    /** Whatever has been typed, waiting only for the first byte (as a terminal delivers keys). */
    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      int first = read();
      if (first < 0) {
        return -1;
      }
      buffer[offset] = (byte) first;
      int n = 1;
      Integer next;
      while (n < length && (next = keys.poll()) != null) {
        buffer[offset + n++] = next.byteValue();
      }
      return n;
    }

    @Override
    public int available() {
      return keys.size();
    }
  }

  private Optional<String> pickWithKeys(String keys) throws IOException {
    Keyboard keyboard = new Keyboard();
    // Keys come once the picker has drawn itself (the terminal is raw by then), as a user's would.
    Thread.ofVirtual().start(() -> {
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (!screen.toString(StandardCharsets.UTF_8).contains("hf-cache") && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      keyboard.type(keys);
    });
    // An external terminal keeps its line discipline in Java: no pty, so what the picker draws lands
    // in `screen` at once and keys reach it only as raw mode allows.
    try (Terminal terminal = new ExternalTerminal("test", "xterm-256color", keyboard, screen, StandardCharsets.UTF_8)) {
      return ModelPicker.pick(terminal, MODELS, "Pick a model").map(ModelEntry::name);
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
  void qCancels() throws IOException {
    assertThat(pickWithKeys("jq")).isEmpty();
  }

  @Test
  void escapeCancels() throws IOException {
    assertThat(pickWithKeys("j\033")).isEmpty();
  }

  @Test
  void ctrlCCancels() throws IOException {
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
