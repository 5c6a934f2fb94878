package dev.tether.cli;

import dev.tether.cli.config.Config;
import dev.tether.cli.config.Schema;
import dev.tether.cli.config.Units;
import dev.tether.gateway.backend.Backend;
import dev.tether.gateway.backend.anthropic.AnthropicBackend;
import dev.tether.gateway.backend.anthropic.AnthropicBackendConfig;
import dev.tether.gateway.backend.local.LocalBackend;
import dev.tether.gateway.backend.openai.OpenAiBackend;
import dev.tether.gateway.backend.openai.OpenAiBackendConfig;
import dev.tether.gateway.routing.Route;
import dev.tether.gateway.tokens.TokenEstimator;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the backends and routes the flags and configuration ask for. A model run in-process comes
 * first as {@code local} ({@code --model FILE.gguf}, or a model name found on disk when no other
 * backend is configured; loaded here, eagerly, so a model that cannot load fails before anything
 * starts), then the flag backends ({@code --upstream} as {@code openai}, {@code --anthropic} as
 * {@code anthropic}), then the configured ones in file order; the first answers model names no route
 * matches.
 */
final class Backends {
  private Backends() {}

  /** What the gateway runs with. */
  record Wiring(List<Backend> backends, List<Route> routes) {
    String describe() {
      return backends.stream().map(b -> b instanceof LocalBackend local ? LocalModels.describe(local) : b.name())
          .collect(Collectors.joining(", "));
    }

    /** The in-process model's name, when one is served. */
    java.util.Optional<String> localModel() {
      return backends.stream().filter(LocalBackend.class::isInstance).findFirst()
          .map(b -> b.models().getFirst().id());
    }
  }

  static Wiring build(Config config, ServerFlags flags, Map<String, String> env) {
    return build(config, flags, env, true);
  }

  /**
   * @param prefillProgress show long prefills of an in-process model on stderr (not under the
   *     launcher, where claude owns the terminal)
   */
  static Wiring build(Config config, ServerFlags flags, Map<String, String> env, boolean prefillProgress) {
    Map<String, Backend> backends = new LinkedHashMap<>();
    try {
      String model = config.string(Schema.MODEL_DEFAULT);
      boolean othersConfigured = !flags.upstreams.isEmpty() || flags.anthropic != null || !config.backendNames().isEmpty();
      TetherHome home = TetherHome.fromEnvironment();
      var local = LocalModels.resolve(model, home, config, !othersConfigured);
      if (local.isPresent()) {
        backends.put("local", LocalModels.open(config, home, local.get(), prefillProgress));
        model = "";  // the file is not a model name for the other backends
      }
      if (!flags.upstreams.isEmpty()) {
        Integer context = flags.contextLength == null ? null : parseTokens("--context-length", flags.contextLength);
        backends.put("openai", openAi("openai", flags.upstreams.stream().map(URI::toString).toList(),
            flags.upstreamKey, model.isEmpty() ? null : model, context, flags.reasoning, "--upstream"));
      }
      if (flags.anthropic != null) {
        backends.put("anthropic", anthropic("anthropic", flags.anthropic.toString(), null, "--anthropic"));
      }
      for (String name : config.backendNames()) {
        if (!backends.containsKey(name)) {
          backends.put(name, configured(config, name, env));
        }
      }
      if (backends.isEmpty()) {
        throw new UserError("no backend: give --upstream URL (an OpenAI-compatible server such as llama-server,"
            + " Ollama, LM Studio or vLLM), --model FILE.gguf to run a model in-process, --anthropic, or add a"
            + " [backends.NAME] table to "
            + config.files().stream().findFirst().map(Object::toString).orElse("config.toml"));
      }
      return new Wiring(List.copyOf(backends.values()), routes(config, backends.keySet()));
    } catch (RuntimeException e) {
      backends.values().forEach(Backend::close);
      throw e;
    }
  }

  /** Only the in-process model, as the launcher runs it when nothing else is configured. */
  static Wiring local(Config config, LocalBackend backend) {
    try {
      return new Wiring(List.of(backend), routes(config, java.util.Set.of(backend.name())));
    } catch (RuntimeException e) {
      backend.close();
      throw e;
    }
  }

  private static Backend configured(Config config, String name, Map<String, String> env) {
    String prefix = Schema.BACKENDS + "." + name + ".";
    String where = "backend '" + name + "' (" + config.source(prefix + "type") + ")";
    String type = config.string(prefix + "type");
    List<String> urls = config.strings(prefix + "urls");
    if (urls.isEmpty()) {
      throw new UserError(where + " needs urls = [\"http://…\"]");
    }
    String key = null;
    if (config.has(prefix + "api_key_env")) {
      String variable = config.string(prefix + "api_key_env");
      key = env.get(variable);
      if (key == null || key.isBlank()) {
        throw new UserError(where + " takes its API key from $" + variable + ", which is not set");
      }
    }
    return switch (type) {
      case "openai" -> openAi(name, urls, key,
          config.has(prefix + "model") ? config.string(prefix + "model") : null,
          config.has(prefix + "context_length") ? config.tokens(prefix + "context_length") : null,
          config.bool(prefix + "reasoning"), where);
      case "anthropic" -> {
        if (urls.size() > 1) {
          throw new UserError(where + ": an anthropic backend takes one URL");
        }
        yield anthropic(name, urls.getFirst(), key, where);
      }
      case "" -> throw new UserError(where + " needs type = \"openai\" or \"anthropic\"");
      default -> throw new UserError(where + ": unknown type '" + type + "' (openai or anthropic)");
    };
  }

  private static List<Route> routes(Config config, java.util.Set<String> names) {
    List<Route> routes = new ArrayList<>();
    for (String spec : config.strings(Schema.ROUTES_RULES)) {
      try {
        routes.add(Route.parse(spec));
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage() + " (" + config.source(Schema.ROUTES_RULES) + ")");
      }
    }
    for (String name : names) {
      config.table(Schema.BACKENDS + "." + name + ".models").forEach((alias, upstream) ->
          routes.add(new Route(alias, name, upstream)));
    }
    for (Route route : routes) {
      if (!names.contains(route.backend())) {
        throw new UserError("route '" + route.glob() + "' names backend '" + route.backend()
            + "', but the backends are: " + String.join(", ", names));
      }
    }
    return List.copyOf(routes);
  }

  /** An {@code openai} backend with nothing but its URLs, as tests and benchmarks use it. */
  static Backend openAi(List<URI> urls) {
    return openAi("openai", urls.stream().map(URI::toString).toList(), null, null, null, false, "--upstream");
  }

  /** The {@code openai} backend over one or more upstream base URLs. */
  static Backend openAi(String name, List<String> urls, String key, String model, Integer contextLength,
      boolean reasoning, String where) {
    for (String url : urls) {
      checkUrl(url, where);
    }
    OpenAiBackendConfig config = OpenAiBackendConfig.of(name, urls).withReasoning(reasoning);
    if (key != null && !key.isBlank()) {
      config = config.withApiKey(key);
    }
    if (model != null) {
      config = config.withDefaultModel(model);
    }
    if (contextLength != null) {
      config = config.withContextLength(contextLength);
    }
    return new OpenAiBackend(config, TokenEstimator::estimate);
  }

  private static Backend anthropic(String name, String url, String key, String where) {
    checkUrl(url, where);
    return new AnthropicBackend(new AnthropicBackendConfig(name, URI.create(url), key, null, null));
  }

  private static void checkUrl(String url, String where) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new UserError(where + ": '" + url + "' is not a URL; give e.g. http://localhost:11434/v1");
    }
    if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
      throw new UserError(where + ": '" + url + "' is not an http(s) URL; give e.g. http://localhost:11434/v1");
    }
  }

  private static int parseTokens(String flag, String text) {
    try {
      return Units.parseTokens(text);
    } catch (IllegalArgumentException e) {
      throw new UserError(flag + ": " + e.getMessage());
    }
  }
}
