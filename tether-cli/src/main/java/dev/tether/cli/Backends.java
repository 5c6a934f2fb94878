package dev.tether.cli;

import dev.tether.gateway.backend.Backend;
import dev.tether.gateway.backend.anthropic.AnthropicBackend;
import dev.tether.gateway.backend.anthropic.AnthropicBackendConfig;
import dev.tether.gateway.backend.openai.OpenAiBackend;
import dev.tether.gateway.backend.openai.OpenAiBackendConfig;
import dev.tether.gateway.tokens.TokenEstimator;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Builds the backends that {@code serve}'s options ask for; the first is the default route. */
final class Backends {
  private Backends() {}

  static List<Backend> build(ServeCommand options) {
    List<Backend> backends = new ArrayList<>();
    if (!options.upstreams.isEmpty()) {
      backends.add(openAi(options.upstreams, options.upstreamKey, options.model, options.contextLength, options.reasoning));
    }
    if (options.anthropic != null) {
      backends.add(new AnthropicBackend(new AnthropicBackendConfig("anthropic", options.anthropic, null, null, null)));
    }
    if (backends.isEmpty()) {
      throw new UserError("no backend: give --upstream URL (an OpenAI-compatible server such as llama-server,"
          + " Ollama, LM Studio or vLLM) or --anthropic");
    }
    return backends;
  }

  /** The {@code openai} backend over one or more upstream base URLs. */
  static Backend openAi(List<URI> urls, String key, String model, Integer contextLength, boolean reasoning) {
    List<String> bases = new ArrayList<>();
    for (URI url : urls) {
      if (url.getScheme() == null || !url.getScheme().startsWith("http") || url.getHost() == null) {
        throw new UserError("--upstream " + url + " is not an http(s) URL; give e.g. http://localhost:11434/v1");
      }
      bases.add(url.toString());
    }
    OpenAiBackendConfig config = OpenAiBackendConfig.of("openai", bases).withReasoning(reasoning);
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

  static String describe(List<Backend> backends) {
    return backends.stream().map(Backend::name).collect(Collectors.joining(", "));
  }
}
