package dev.tether.cli;

import dev.tether.cli.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code tether} command. */
@Command(
    name = "tether",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Tether: the local control plane for AI coding agents.",
      "",
      "With no command, launches Claude Code on a model: resolves it (--model, the configured default, or a"
          + " picker), starts the server, then runs claude in this terminal wired to it. Arguments after -- go"
          + " to claude. Exits with claude's exit code; Ctrl-C and claude's exit stop everything.",
      ""},
    footer = {
      "",
      "Examples:",
      "  tether --upstream http://localhost:11434/v1 --model qwen2.5-coder:7b",
      "  tether -m qwen2.5-coder:7b -- -p \"explain this repository\"",
      "  tether serve --upstream http://localhost:8080/v1      # the server only",
      "",
      "Configuration: $TETHER_HOME/config/config.toml (default ~/.tether); see `tether config show`."},
    subcommands = {ServeCommand.class, BenchCommand.class, FakeUpstreamCommand.class, ModelCommand.class,
        ModelsCommand.class, TemplateCommand.class, ConfigCommand.class, TraceCommand.class, HookCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ServerFlags flags;

  @Option(names = "--claude-path", paramLabel = "PATH", description = "The claude executable (default: found on PATH).")
  String claudePath;

  @Option(names = {"--serve-only", "--no-claude"}, description = "Run only the server, like `tether serve`.")
  boolean serveOnly;

  @Option(names = "--list", description = "List the models found, like `tether models`.")
  boolean list;

  @Parameters(paramLabel = "CLAUDE_ARGS", description = "Arguments for claude, after --.")
  List<String> claudeArgs = new ArrayList<>();

  public static void main(String[] args) {
    if (args.length == 2 && args[0].equals("hook")) {
      // Runs on every tool call: skip logging and command-line setup.
      System.exit(HookCommand.run(args[1], System.in, System.out, System.getenv()));
    }
    Logging.configure(args);
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, also used by tests to run commands in-process. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    dev.tether.cli.client.ClientCommands.register(cli);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      err.println("tether: " + (e instanceof UserError ? e.getMessage() : describe(e)));
      if (!(e instanceof UserError)) {
        org.slf4j.LoggerFactory.getLogger(Main.class).debug("failure", e);
      }
      return 1;
    });
    return cli;
  }

  private static String describe(Exception e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  @Override
  public Integer call() throws Exception {
    List<String> original = spec.commandLine().getParseResult().originalArgs();
    int dashes = original.indexOf("--");
    if (!claudeArgs.isEmpty() && (dashes < 0 || original.size() - dashes - 1 != claudeArgs.size())) {
      throw new UserError("unknown command '" + claudeArgs.getFirst() + "' (see tether --help);"
          + " arguments for claude go after --");
    }
    if (list) {
      ModelsCommand models = new ModelsCommand();
      models.spec = spec;
      models.modelsDir = flags.modelsDir;
      return models.call();
    }
    if (serveOnly) {
      ServeCommand serve = new ServeCommand();
      serve.flags = flags;
      return serve.call();
    }
    TetherHome home = TetherHome.fromEnvironment().ensure();
    Map<String, Object> extra = claudePath == null ? Map.of() : Map.of(dev.tether.cli.config.Schema.CLAUDE_PATH, claudePath);
    Config config = flags.load(home, new java.util.HashMap<>(extra));
    PrintWriter err = spec.commandLine().getErr();
    return new Launcher(home, err, Launcher.environment()).launch(config, flags, claudeArgs, Launcher.interactive(home));
  }

  /** Reads the version the build wrote into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"tether " + version(), "Java " + Runtime.version()};
    }

    static String version() {
      Properties props = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          props.load(in);
        }
      } catch (IOException e) {
        return "unknown";
      }
      return props.getProperty("version", "unknown");
    }
  }
}
