package dev.tether.cli;

import dev.tether.cli.config.Config;
import dev.tether.cli.config.ConfigLoader;
import dev.tether.cli.config.Schema;
import dev.tether.cli.models.ModelDiscovery;
import dev.tether.cli.models.ModelEntry;
import dev.tether.cli.models.ModelStores;
import dev.tether.cli.models.ModelTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tether models}: the GGUF models found on this machine. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = "List the GGUF models found: $TETHER_HOME/models (or --models-dir), Ollama's store, LM Studio,"
        + " the Hugging Face cache and llama.cpp's cache. Reads headers only.")
final class ModelsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--models-dir", paramLabel = "DIR", description = "Where your own .gguf files live (default $TETHER_HOME/models).")
  String modelsDir;

  @Override
  public Integer call() {
    TetherHome home = TetherHome.fromEnvironment().ensure();
    Map<String, Object> flags = new HashMap<>();
    if (modelsDir != null) {
      flags.put(Schema.MODEL_MODELS_DIR, modelsDir);
    }
    Config config = ConfigLoader.load(home.config(), System.getenv(), flags);
    print(spec.commandLine().getOut(), discover(home, config));
    return 0;
  }

  /** The models of every store, with the configured models directory first. */
  static List<ModelEntry> discover(TetherHome home, Config config) {
    return ModelDiscovery.discover(ModelStores.standard(modelsDir(home, config), System.getenv()));
  }

  static Path modelsDir(TetherHome home, Config config) {
    String dir = config.string(Schema.MODEL_MODELS_DIR);
    return dir.isBlank() ? home.root().resolve("models")
        : Path.of(dir.replaceFirst("^~(?=/|$)", System.getProperty("user.home")));
  }

  static void print(PrintWriter out, List<ModelEntry> models) {
    if (models.isEmpty()) {
      out.println("No GGUF models found. Put .gguf files in ~/.tether/models (or pass --models-dir), or pull one with"
          + " Ollama, LM Studio or huggingface-cli.");
    } else {
      ModelTable.render(models).forEach(out::println);
    }
    out.flush();
  }
}
