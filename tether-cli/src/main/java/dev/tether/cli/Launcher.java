package dev.tether.cli;

import dev.tether.cli.config.Config;
import dev.tether.cli.config.Schema;
import dev.tether.cli.config.Units;
import dev.tether.cli.launch.ClaudeEnvironment;
import dev.tether.cli.launch.ClaudeLocator;
import dev.tether.cli.launch.ClaudeProcess;
import dev.tether.cli.launch.ClaudeSettings;
import dev.tether.cli.launch.TetherCommand;
import dev.tether.control.hook.HookSettings;
import dev.tether.cli.models.ModelEntry;
import dev.tether.cli.models.ModelPicker;
import dev.tether.cli.models.ModelSource;
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
import java.time.Duration;
import java.util.ArrayList;
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
    Backends.Wiring wiring;
    String model;
    Router.Target target;
    if (flags.upstreams.isEmpty() && flags.anthropic == null && config.backendNames().isEmpty()) {
      // No server to ask: the model runs in-process, loaded now so a model that cannot load fails
      // before claude starts. No prefill bars: claude owns the terminal.
      ModelEntry local = resolveLocal(config, chooser);
      wiring = Backends.local(config, LocalModels.open(config, home, local, false));
      model = local.name();
    } else {
      wiring = Backends.build(config, flags, env, false);
      String configured = config.string(Schema.MODEL_DEFAULT);
      model = LocalModels.isFile(configured) && wiring.localModel().isPresent()
          ? wiring.localModel().get() : null;
    }
    try {
      if (model == null) {
        model = chooseModel(config, wiring, chooser);
      }
      target = new Router(wiring.backends(), wiring.routes()).resolve(model);
      checkModel(target.backend(), model);
    } catch (RuntimeException e) {
      wiring.backends().forEach(Backend::close);
      throw e;
    }
    // The configured token when there is one (so /api clients and the phone can reach this server
    // too), else a fresh one that only this claude knows.
    String configured = config.string(Schema.SERVER_TOKEN);
    String token = configured.isBlank() ? "tether-" + TetherServer.randomToken() : configured;
    try (ServerStart.Started started = ServerStart.start(config, flags, wiring, token, true)) {
      URI base = started.server().baseUrl();
      awaitReady(base, token);
      int context = contextOf(config, target);
      // claude gets the agent token, which opens /v1 and the hooks but not the approvals API.
      ClaudeEnvironment environment = new ClaudeEnvironment(base.toString(), started.server().agentToken(),
          TetherServer.randomToken(), model,
          config.string(Schema.ROUTES_OPUS), config.string(Schema.ROUTES_SONNET),
          config.string(Schema.ROUTES_HAIKU), config.string(Schema.ROUTES_SUBAGENT),
          context, config.tokens(Schema.CLAUDE_MAX_OUTPUT_TOKENS), config.duration(Schema.CLAUDE_API_TIMEOUT),
          config.table(Schema.CLAUDE_ENV));
      List<String> given = new ArrayList<>(config.strings(Schema.CLAUDE_ARGS));
      given.addAll(claudeArgs);
      // Tether's hooks: claude merges them over the user's settings files (which stay untouched); a
      // --settings of the user's own is merged with them into one.
      List<String> args;
      try {
        args = ClaudeSettings.withHooks(given, HookSettings.of(TetherCommand.argv(env),
            config.duration(Schema.CONTROL_APPROVAL_TIMEOUT), config.duration(Schema.CONTROL_STOP_WAIT)).json());
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage());
      }
      err.println("tether: " + base + " · model " + model + " · context " + Units.formatTokens(context)
          + " · backend " + target.backend().name()
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

  /** The flag or configured model, else the user's pick among the backends' models. */
  private String chooseModel(Config config, Backends.Wiring wiring, ModelChooser chooser) {
    String model = config.string(Schema.MODEL_DEFAULT);
    if (model.isBlank()) {
      List<ModelEntry> found = ModelsCommand.discover(home, config);
      List<ModelEntry> offered = new ArrayList<>();
      for (Backend backend : wiring.backends()) {
        if (!backend.passThrough()) {
          for (BackendModel m : backend.models()) {
            offered.add(describe(backend, m, found));
          }
        }
      }
      model = chooser.choose(offered).name();
    }
    return model;
  }

  /** Fails when the model's backend does not answer; warns when it does not list the model. */
  private void checkModel(Backend backend, String model) {
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
  }

  /** The model to run in-process: the flag or configured name (or file), else the user's pick. */
  private ModelEntry resolveLocal(Config config, ModelChooser chooser) {
    String wanted = config.string(Schema.MODEL_DEFAULT);
    if (wanted.isBlank()) {
      ModelEntry picked = chooser.choose(ModelsCommand.discover(home, config));
      if (picked.path() == null) {
        throw new UserError("model '" + picked.name() + "' has no local file to run");
      }
      if (picked.problem() != null) {
        throw new UserError("cannot load " + picked.path() + ": " + picked.problem());
      }
      return picked;
    }
    return LocalModels.resolve(wanted, home, config, true).orElseThrow();
  }

  /** A backend's model as the picker shows it, with what discovery knows of the same name. */
  private static ModelEntry describe(Backend backend, BackendModel m, List<ModelEntry> found) {
    for (ModelEntry e : found) {
      if (e.name().equals(m.id()) || (e.name() + ":latest").equals(m.id()) || e.name().equals(m.id() + ":latest")) {
        return new ModelEntry(m.id(), e.path(), ModelSource.BACKEND, e.architecture(), e.parameters(),
            e.quantisation(), e.sizeBytes(), m.contextLength() > 0 ? m.contextLength() : e.contextLength(), null);
      }
    }
    return new ModelEntry(m.id(), null, ModelSource.BACKEND, "", 0, "", 0, m.contextLength(), null);
  }

  private static int contextOf(Config config, Router.Target target) {
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

  /** Picks a model when none is configured. */
  interface ModelChooser {
    /**
     * @param offered the backends' models, or the models found on disk
     * @throws UserError when there is nothing to choose, nobody to ask, or the user cancels
     */
    ModelEntry choose(List<ModelEntry> offered);
  }

  /** The picker on a terminal; without one, an error listing what there is to choose from. */
  static ModelChooser interactive(TetherHome home) {
    return offered -> {
      if (offered.isEmpty()) {
        throw new UserError("no model given and none found: pass --model NAME (or set model.default in "
            + home.config().resolve("config.toml") + "); `tether models` lists what is on disk");
      }
      java.io.Console console = System.console();
      if (console == null || !console.isTerminal()) {
        throw new UserError("no model given and no terminal to pick one on: pass --model with one of: "
            + String.join(", ", offered.stream().map(ModelEntry::name).toList()));
      }
      try (org.jline.terminal.Terminal terminal = org.jline.terminal.TerminalBuilder.builder().system(true).build()) {
        return ModelPicker.pick(terminal, offered, "Pick a model for Claude Code")
            .orElseThrow(() -> new UserError("no model picked"));
      } catch (IOException e) {
        throw new UserError("cannot open the terminal for the model picker: " + e.getMessage());
      }
    };
  }

  static Map<String, String> environment() {
    return new HashMap<>(System.getenv());
  }
}
