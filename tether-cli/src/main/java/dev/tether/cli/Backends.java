package dev.tether.cli;

import dev.tether.gateway.backend.Backend;
import dev.tether.gateway.backend.anthropic.AnthropicBackend;
import dev.tether.gateway.backend.anthropic.AnthropicBackendConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Builds the backends that {@code serve}'s options ask for. */
final class Backends {
  private Backends() {}

  static List<Backend> build(ServeCommand options) {
    List<Backend> backends = new ArrayList<>();
    if (options.anthropic != null) {
      backends.add(new AnthropicBackend(new AnthropicBackendConfig("anthropic", options.anthropic, null, null, null)));
    }
    if (backends.isEmpty()) {
      throw new UserError("no backend: give --upstream URL (an OpenAI-compatible server such as llama-server,"
          + " Ollama, LM Studio or vLLM) or --anthropic");
    }
    return backends;
  }

  static String describe(List<Backend> backends) {
    return backends.stream().map(Backend::name).collect(Collectors.joining(", "));
  }
}
