package dev.tether.cli;

import dev.tether.cli.config.Config;
import dev.tether.cli.config.Schema;
import dev.tether.cli.config.Units;
import dev.tether.cli.launch.ClaudeEnvironment;
import dev.tether.cli.launch.ClaudeLocator;
import dev.tether.cli.launch.ClaudeProcess;
import dev.tether.gateway.backend.Backend;
import dev.tether.gateway.backend.BackendModel;
import dev.tether.gateway.routing.Router;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code tether [--model M] [-- claude args]}: resolve the model, check it, start the server, wait
 * until it answers, run claude wired to it, and stop everything when claude exits (PRODUCT.md §3).
 */
final class Launcher {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

  private final TetherHome home;
  private final PrintWriter err;
  private final Map<String, String> env;

  Launcher(TetherHome home, PrintWriter err, Map<String, String> env) {
    this.home = home;
    this.err = err;
    this.env = env;
  }

  /** Runs claude on the resolved model; returns claude's exit code. */
  int launch(Config config, ServerFlags flags, List<String> claudeArgs, ModelChooser chooser) throws IOException {
    Path claude = locateClaude(config);
    Backends.Wiring wiring = Backends.build(config, flags, env);
    String model;
    try {
      model = resolveModel(config, wiring, chooser);
    } catch (RuntimeException e) {
      wiring.backends().forEach(Backend::close);
      throw e;
    }
    String token = "tether-" + randomToken();
    try (ServerStart.Started started = ServerStart.start(config, flags, wiring, token, true)) {
      URI base = started.server().baseUrl();
      awaitReady(base, token);
      int context = contextOf(config, wiring, model);
      ClaudeEnvironment environment = new ClaudeEnvironment(base.toString(), token, model,
          config.string(Schema.ROUTES_OPUS), config.string(Schema.ROUTES_SONNET),
          config.string(Schema.ROUTES_HAIKU), config.string(Schema.ROUTES_SUBAGENT),
          context, config.tokens(Schema.CLAUDE_MAX_OUTPUT_TOKENS), config.duration(Schema.CLAUDE_API_TIMEOUT),
          config.table(Schema.CLAUDE_ENV));
      List<String> args = new ArrayList<>(config.strings(Schema.CLAUDE_ARGS));
      args.addAll(claudeArgs);
      err.println("tether: " + base + " · model " + model + " · context " + Units.formatTokens(context)
          + " · backend " + new Router(wiring.backends(), wiring.routes()).resolve(model).backend().name()
          + " · logs " + home.logFile());
      err.flush();
      return ClaudeProcess.run(claude, args, environment.variables());
    }
  }

  private Path locateClaude(Config config) {
    try {
      return ClaudeLocator.locate(config.string(Schema.CLAUDE_PATH), env);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  /** The flag or configured model, else the user's pick; checked against its backend. */
  private String resolveModel(Config config, Backends.Wiring wiring, ModelChooser chooser) {
    String model = config.string(Schema.MODEL_DEFAULT);
    if (model.isBlank()) {
      List<BackendModel> offered = new ArrayList<>();
      for (Backend backend : wiring.backends()) {
        if (!backend.passThrough()) {
          offered.addAll(backend.models());
        }
      }
      model = chooser.choose(offered);
    }
    Backend backend = new Router(wiring.backends(), wiring.routes()).resolve(model).backend();
    if (!backend.passThrough()) {
      List<BackendModel> models = backend.models();
      if (models.isEmpty()) {
        throw new UserError("backend '" + backend.name() + "' did not answer with its models: is its server"
            + " running? (" + backend + ")");
      }
      String wanted = model;
      boolean known = models.stream().anyMatch(m -> m.id().equals(wanted) || m.id().equals(wanted + ":latest"));
      if (!known) {
        err.println("tether: warning: backend '" + backend.name() + "' does not list '" + model + "' (it has "
            + String.join(", ", models.stream().limit(8).map(BackendModel::id).toList())
            + (models.size() > 8 ? ", …" : "") + "); requests will ask for it anyway");
      }
    }
    return model;
  }

  private static int contextOf(Config config, Backends.Wiring wiring, String model) {
    Router.Target target = new Router(wiring.backends(), wiring.routes()).resolve(model);
    int own = target.backend().passThrough() ? 0 : target.backend().traits(target.model()).contextLength();
    int cap = config.tokens(Schema.MODEL_MAX_CONTEXT);
    return own > 0 && cap > 0 ? Math.min(own, cap) : Math.max(own, cap);
  }

  private static void awaitReady(URI base, String token) throws IOException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(base.resolve("/health"))
        .header("authorization", "Bearer " + token).timeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    IOException last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the server", e);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the server", e);
      }
    }
    throw new UserError("the server at " + base + " did not become ready in " + READY_TIMEOUT.toSeconds() + "s"
        + (last != null ? ": " + last.getMessage() : ""));
  }

  private static String randomToken() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Picks a model when none is configured. */
  interface ModelChooser {
    /**
     * @param offered the backends' models
     * @throws UserError when there is nothing to choose or nobody to ask
     */
    String choose(List<BackendModel> offered);
  }

  static Map<String, String> environment() {
    return new HashMap<>(System.getenv());
  }
}
