package dev.tether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.engine.runtime.EngineOptions;
import dev.tether.engine.runtime.ModelLoadException;
import dev.tether.gateway.backend.local.LocalBackend;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tether serve --model FILE.gguf}: which file, the engine options the flags give, and load failures as one line. */
class LocalServeIT {
  @TempDir Path home;
  private String previousHome;
  private LocalModels.EngineLoader previousLoader;
  private final AtomicReference<EngineOptions> loadedWith = new AtomicReference<>();

  @BeforeEach
  void setUp() {
    previousHome = System.getProperty("tether.home");
    System.setProperty("tether.home", home.toString());
    previousLoader = LocalModels.loader;
  }

  @AfterEach
  void restore() {
    LocalModels.loader = previousLoader;
    if (previousHome == null) {
      System.clearProperty("tether.home");
    } else {
      System.setProperty("tether.home", previousHome);
    }
  }

  private static String errorOf(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute(args)).isEqualTo(1);
    assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
    return err.toString();
  }

  /** Loads a scripted engine (real tokenizer and template of the file) and remembers the options. */
  private void scriptedLoader() {
    LocalModels.loader = (file, options, progress) -> {
      loadedWith.set(options);
      progress.update(Files.size(file), Files.size(file));
      return ScriptedEngine.open(file, options.contextLength());
    };
  }

  private Backends.Wiring wiring(String... args) {
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs(args);
    var config = serve.flags.load(TetherHome.fromEnvironment().ensure(), Map.of());
    return Backends.build(config, serve.flags, Map.of());
  }

  @Test
  void aCorruptFileIsNamedWithWhatIsWrongAndWhere() throws Exception {
    Path bad = home.resolve("broken.gguf");
    byte[] good = Files.readAllBytes(ScriptedEngine.writeModel(home.resolve("good.gguf"), ScriptedEngine.HERMES_TEMPLATE));
    Files.write(bad, java.util.Arrays.copyOf(good, 200));
    String err = errorOf("serve", "--port", "0", "--model", bad.toString());
    assertThat(err).startsWith("tether: ").contains("broken.gguf").containsPattern("offset \\d+|at \\d+");
  }

  @Test
  void aMissingFileSaysSo() {
    assertThat(errorOf("serve", "--port", "0", "--model", home.resolve("nothing.gguf").toString()))
        .contains("model file not found: " + home.resolve("nothing.gguf"));
  }

  @Test
  void aModelOverTheMemoryCapIsRefusedWithTheEnginesMessage() throws Exception {
    Path model = ScriptedEngine.writeModel(home.resolve("tiny.gguf"), ScriptedEngine.HERMES_TEMPLATE);
    LocalModels.loader = (file, options, progress) -> {
      loadedWith.set(options);
      long need = 20L << 30;
      if (options.memoryCapBytes() > 0 && need > options.memoryCapBytes()) {
        throw new ModelLoadException("needs 20.0 GiB (weights 18.5 GiB + KV cache 1.5 GiB), more than the memory cap of 18 GB");
      }
      return ScriptedEngine.open(file, options.contextLength());
    };
    String err = errorOf("serve", "--port", "0", "--model", model.toString(), "--memory-cap", "18GB");
    assertThat(err.strip()).isEqualTo("tether: cannot load " + model
        + ": needs 20.0 GiB (weights 18.5 GiB + KV cache 1.5 GiB), more than the memory cap of 18 GB");
    assertThat(loadedWith.get().memoryCapBytes()).isEqualTo(18_000_000_000L);
  }

  @Test
  void theFlagsBecomeTheEnginesOptions() throws Exception {
    scriptedLoader();
    Path model = ScriptedEngine.writeModel(home.resolve("tiny.gguf"), ScriptedEngine.HERMES_TEMPLATE);
    Backends.Wiring wiring = wiring("--model", model.toString(), "--threads", "3", "--max-context", "1000",
        "--kv-slots", "2", "--memory-cap", "20GiB", "--disk-cache", "1GiB", "--queue-depth", "2");
    try {
      assertThat(wiring.backends()).singleElement().isInstanceOf(LocalBackend.class);
      assertThat(wiring.localModel()).contains("tiny");
      assertThat(wiring.describe()).isEqualTo("local (tiny.gguf, context 1000)");
      EngineOptions options = loadedWith.get();
      assertThat(options.threads()).isEqualTo(3);
      assertThat(options.contextLength()).isEqualTo(1000);
      assertThat(options.slots()).isEqualTo(2);
      assertThat(options.memoryCapBytes()).isEqualTo(20L << 30);
      assertThat(options.cacheDir()).contains(home.resolve("cache"));
      assertThat(options.diskCacheBytes()).isEqualTo(1L << 30);
    } finally {
      wiring.backends().forEach(b -> b.close());
    }
  }

  @Test
  void theDefaultsAreEveryCoreAndTheModelsOwnContextUpToTheCap() throws Exception {
    scriptedLoader();
    Path model = ScriptedEngine.writeModel(home.resolve("tiny.gguf"), ScriptedEngine.HERMES_TEMPLATE);
    Backends.Wiring wiring = wiring("--model", model.toString());
    wiring.backends().forEach(b -> b.close());
    EngineOptions options = loadedWith.get();
    assertThat(options.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(options.contextLength()).isEqualTo(4096);  // the tiny model's own, under the 64k cap
    assertThat(options.slots()).isEqualTo(4);
    assertThat(options.memoryCapBytes()).isZero();
  }

  @Test
  void aDiscoveredNameRunsInProcessWhenNoServerIsConfigured() throws Exception {
    scriptedLoader();
    Files.createDirectories(home.resolve("models"));
    ScriptedEngine.writeModel(home.resolve("models/my-coder.gguf"), ScriptedEngine.HERMES_TEMPLATE);
    Backends.Wiring wiring = wiring("--model", "my-coder");
    wiring.backends().forEach(b -> b.close());
    assertThat(wiring.localModel()).contains("my-coder");
    assertThat(errorOf("serve", "--port", "0", "--model", "no-such-model")).contains("no model named 'no-such-model'");
  }

  @Test
  void withAnUpstreamANameIsTheUpstreamsModel() {
    Backends.Wiring wiring = wiring("--model", "qwen2.5-coder:7b", "--upstream", "http://127.0.0.1:9/v1");
    wiring.backends().forEach(b -> b.close());
    assertThat(wiring.localModel()).isEmpty();
    assertThat(wiring.backends()).extracting(b -> b.name()).containsExactly("openai");
  }
}
