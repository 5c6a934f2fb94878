package dev.tether.cli;

import dev.tether.gateway.backend.Backend;
import dev.tether.gateway.http.HttpOptions;
import dev.tether.gateway.routing.Route;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tether serve}: runs the gateway until interrupted. */
@Command(
    name = "serve",
    aliases = "start",
    mixinStandardHelpOptions = true,
    description = "Run the gateway: the Anthropic Messages API on http://HOST:PORT (/v1/messages, count_tokens,"
        + " /v1/models, /v1/chat/completions), answered by an OpenAI-compatible upstream (--upstream) or"
        + " passed through to the Anthropic API (--anthropic). Stops on Ctrl-C.",
    footer = {
      "",
      "Examples:",
      "  tether serve --upstream http://localhost:11434/v1            # Ollama",
      "  tether serve --upstream http://localhost:8080/v1 --upstream http://gpu2:8080/v1   # failover",
      "  tether serve --upstream http://localhost:8080/v1 --anthropic --route 'claude-opus*=anthropic'",
      "  ANTHROPIC_BASE_URL=http://127.0.0.1:8787 claude"
    })
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}). Other than loopback needs --token.")
  String host;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8787", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--upstream", paramLabel = "URL", description = "OpenAI-compatible server base URL (llama-server, Ollama, LM Studio, vLLM, SGLang, mlx-lm), e.g. http://localhost:11434/v1. Repeat for failover.")
  List<URI> upstreams = new ArrayList<>();

  @Option(names = "--upstream-key", paramLabel = "KEY", description = "API key sent to the upstream (default: $TETHER_UPSTREAM_KEY).")
  String upstreamKey = System.getenv("TETHER_UPSTREAM_KEY");

  @Option(names = {"--model", "-m"}, paramLabel = "NAME", description = "Upstream model to use when a request names one the upstream lacks (e.g. claude-opus-4-8). Default: the upstream's first model.")
  String model;

  @Option(names = "--context-length", paramLabel = "TOKENS", description = "Context window of the upstream model when it does not report one (clamps max_tokens, rejects prompts that cannot fit).")
  Integer contextLength;

  @Option(names = "--reasoning", description = "The upstream model can think: forward thinking requests as reasoning_effort.")
  boolean reasoning;

  @Option(names = "--anthropic", arity = "0..1", fallbackValue = "https://api.anthropic.com", paramLabel = "URL", description = "Add the pass-through backend 'anthropic' (the real API, or any Anthropic-compatible server).")
  URI anthropic;

  @Option(names = "--route", paramLabel = "GLOB=BACKEND[:MODEL]", description = "Route model names matching GLOB to a backend ('openai' or 'anthropic'), optionally asking it for MODEL. First match wins; unmatched names go to the first backend.")
  List<String> routes = new ArrayList<>();

  @Option(names = "--token", paramLabel = "TOKEN", description = "Require this token (x-api-key or Authorization: Bearer). Default: $TETHER_TOKEN; none on loopback.")
  String token = System.getenv("TETHER_TOKEN");

  @Option(names = "--ping-interval", paramLabel = "SECONDS", defaultValue = "5", description = "Longest silence on a stream before a ping (default: ${DEFAULT-VALUE}; Claude Code wants <= 10).")
  double pingSeconds;

  @Option(names = "--dev", description = "Development mode: debug logging; auth off on loopback.")
  boolean dev;

  @Option(names = "--log-level", paramLabel = "LEVEL", description = "trace, debug, info (default), warn or error.")
  String logLevel;

  @Override
  public Integer call() throws Exception {
    TetherHome home = TetherHome.fromEnvironment().ensure();
    String effectiveToken = dev && TetherServer.isLoopback(host) ? null : blankToNull(token);
    HttpOptions options = new HttpOptions(effectiveToken,
        Duration.ofMillis((long) (pingSeconds * 1000)), HttpOptions.DEFAULT_MAX_BODY);
    List<Backend> backends = Backends.build(this);
    List<Route> parsedRoutes = new ArrayList<>();
    for (String spec : routes) {
      try {
        parsedRoutes.add(Route.parse(spec));
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage());
      }
    }
    TetherServer server;
    try {
      server = TetherServer.start(host, port, options, backends, parsedRoutes);
    } catch (IllegalArgumentException e) {
      backends.forEach(Backend::close);
      throw new UserError(e.getMessage());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "tether-shutdown"));
    System.err.println("tether " + Main.Version.version() + " serving the Anthropic API on " + server.baseUrl()
        + " (home " + home.root() + ")");
    System.err.println("  backends: " + Backends.describe(backends));
    System.err.println("  try: ANTHROPIC_BASE_URL=" + server.baseUrl()
        + (effectiveToken != null ? " ANTHROPIC_AUTH_TOKEN=<your token>" : " ANTHROPIC_AUTH_TOKEN=tether") + " claude");
    stopped.await();
    return 0;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
