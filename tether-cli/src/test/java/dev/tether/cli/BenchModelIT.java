package dev.tether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.api.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tether bench --model}: the run's shape on a scripted engine (speed is measured, never asserted). */
class BenchModelIT {
  @TempDir Path home;
  private String previousHome;
  private LocalModels.EngineLoader previousLoader;
  private ScriptedEngine engine;

  @BeforeEach
  void setUp() {
    previousHome = System.getProperty("tether.home");
    System.setProperty("tether.home", home.toString());
    previousLoader = LocalModels.loader;
    LocalModels.loader = (file, options, progress) -> {
      engine = ScriptedEngine.open(file, options.contextLength());
      engine.reply = prompt -> "word ".repeat(200);
      engine.tokenDelayMillis = 1;
      return engine;
    };
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

  private String run(int exitCode, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute(args)).as(err.toString()).isEqualTo(exitCode);
    return exitCode == 0 ? out.toString() : err.toString();
  }

  @Test
  void jsonIsOneObjectWithTheRatesAndTimes() throws Exception {
    Path model = ScriptedEngine.writeModel(home.resolve("tiny.gguf"), ScriptedEngine.HERMES_TEMPLATE);
    String out = run(0, "bench", "--model", model.toString(), "--prompt", "64", "--gen", "8", "--threads", "2", "--json");
    assertThat(out.strip().lines()).hasSize(1);
    JsonNode json = Json.tree(out);
    for (String field : new String[] {"pp_tps", "tg_tps", "ttft_cold_ms", "ttft_cached_ms"}) {
      assertThat(json.path(field).isNumber()).as(field).isTrue();
      assertThat(json.path(field).asDouble()).as(field).isPositive();
    }
    assertThat(json.path("prompt_tokens").asInt()).isEqualTo(64);
    assertThat(json.path("gen_tokens").asInt()).isEqualTo(8);
    assertThat(json.path("threads").asInt()).isEqualTo(2);
    // The cached run is the same prompt plus a few tokens: all of the prompt is a reusable prefix.
    assertThat(json.path("cached_tokens").asInt()).isEqualTo(64);
    assertThat(engine.requests).hasSize(3);
    assertThat(engine.requests.get(1).prompt()).hasSize(64);
    assertThat(engine.requests.get(2).prompt()).hasSize(64 + ModelBench.CACHED_EXTRA)
        .startsWith(engine.requests.get(1).prompt());
    assertThat(engine.requests.get(0).prompt()[1]).isNotEqualTo(engine.requests.get(1).prompt()[1]);
  }

  @Test
  void restartLoadsTheModelAgainWithTheSameTemporaryDiskCacheAndDeletesIt() throws Exception {
    Path model = ScriptedEngine.writeModel(home.resolve("tiny.gguf"), ScriptedEngine.HERMES_TEMPLATE);
    java.util.List<java.util.Optional<Path>> dirs = new java.util.ArrayList<>();
    LocalModels.EngineLoader scripted = LocalModels.loader;
    LocalModels.loader = (file, options, progress) -> {
      dirs.add(options.cacheDir());
      return scripted.load(file, options, progress);
    };
    String out = run(0, "bench", "--model", model.toString(), "--prompt", "64", "--gen", "4", "--json", "--restart");
    JsonNode json = Json.tree(out);
    assertThat(json.path("ttft_restart_ms").isNumber()).isTrue();
    assertThat(json.path("restart_cached_tokens").isInt()).isTrue();
    assertThat(dirs).hasSize(2);
    assertThat(dirs.get(0)).isPresent().isEqualTo(dirs.get(1));
    assertThat(dirs.get(0).get()).doesNotExist();
    // The new engine sees the warm-up, then the cached run's prompt.
    assertThat(engine.requests).hasSize(2);
    assertThat(engine.requests.get(1).prompt()).hasSize(64 + ModelBench.CACHED_EXTRA);
  }

  @Test
  void withoutRestartThereIsNoDiskCacheAndNoRestartFigure() throws Exception {
    Path model = ScriptedEngine.writeModel(home.resolve("tiny.gguf"), ScriptedEngine.HERMES_TEMPLATE);
    String out = run(0, "bench", "--model", model.toString(), "--prompt", "32", "--gen", "2", "--json");
    assertThat(Json.tree(out).has("ttft_restart_ms")).isFalse();
  }

  @Test
  void theTextReportNamesEachFigure() throws Exception {
    Path model = ScriptedEngine.writeModel(home.resolve("tiny.gguf"), ScriptedEngine.HERMES_TEMPLATE);
    String out = run(0, "bench", "--model", model.toString(), "--prompt", "32", "--gen", "4");
    assertThat(out).contains("tiny.gguf").contains("pp ").contains("tg ").contains("tokens/s")
        .contains("time to first token").contains("cold").contains("cached");
  }

  @Test
  void aRunThatDoesNotFitTheContextIsRefused() throws Exception {
    Path model = ScriptedEngine.writeModel(home.resolve("tiny.gguf"), ScriptedEngine.HERMES_TEMPLATE);
    assertThat(run(1, "bench", "--model", model.toString(), "--prompt", "5000", "--gen", "8"))
        .contains("exceed the context of tiny (4096 tokens)");
    assertThat(run(1, "bench", "--model", home.resolve("none.gguf").toString())).contains("model file not found");
  }

  @Test
  void withoutAModelTheSubcommandsStillWork() {
    assertThat(run(0, "bench")).contains("gateway").contains("control");
    assertThat(Files.exists(home)).isTrue();
  }
}
