package dev.tether.cli.models;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The directories searched for models, from the environment the way each tool reads it.
 *
 * @param store one root and what kind of store it is
 */
public record ModelStores(List<Store> stores) {
  /** One root directory of a store. */
  public record Store(ModelSource source, Path root) {}

  /**
   * The usual places: Tether's models directory, then {@code $OLLAMA_MODELS} or
   * {@code ~/.ollama/models}, LM Studio's {@code ~/.lmstudio/models} and {@code ~/.cache/lm-studio/models},
   * the Hugging Face hub cache ({@code $HF_HUB_CACHE}, {@code $HF_HOME/hub} or
   * {@code ~/.cache/huggingface/hub}) and llama.cpp's cache ({@code $LLAMA_CACHE},
   * {@code ~/.cache/llama.cpp} or {@code ~/Library/Caches/llama.cpp}).
   */
  public static ModelStores standard(Path modelsDir, Map<String, String> env) {
    Path home = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
    Path cache = env.containsKey("XDG_CACHE_HOME") ? Path.of(env.get("XDG_CACHE_HOME")) : home.resolve(".cache");
    List<Store> stores = new ArrayList<>();
    stores.add(new Store(ModelSource.TETHER, modelsDir));
    stores.add(new Store(ModelSource.OLLAMA, env.containsKey("OLLAMA_MODELS")
        ? Path.of(env.get("OLLAMA_MODELS")) : home.resolve(".ollama/models")));
    stores.add(new Store(ModelSource.LM_STUDIO, home.resolve(".lmstudio/models")));
    stores.add(new Store(ModelSource.LM_STUDIO, cache.resolve("lm-studio/models")));
    Path hf = env.containsKey("HF_HUB_CACHE") ? Path.of(env.get("HF_HUB_CACHE"))
        : env.containsKey("HF_HOME") ? Path.of(env.get("HF_HOME"), "hub") : cache.resolve("huggingface/hub");
    stores.add(new Store(ModelSource.HUGGING_FACE, hf));
    if (env.containsKey("LLAMA_CACHE")) {
      stores.add(new Store(ModelSource.LLAMA_CPP, Path.of(env.get("LLAMA_CACHE"))));
    } else {
      stores.add(new Store(ModelSource.LLAMA_CPP, cache.resolve("llama.cpp")));
      stores.add(new Store(ModelSource.LLAMA_CPP, home.resolve("Library/Caches/llama.cpp")));
    }
    return new ModelStores(List.copyOf(stores));
  }
}
