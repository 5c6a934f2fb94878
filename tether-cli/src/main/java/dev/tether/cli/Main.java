package dev.tether.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tether} command. */
@Command(
    name = "tether",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Tether: the local control plane for AI coding agents. Serves the Anthropic Messages API on"
        + " localhost so Claude Code and Anthropic SDK clients run on local models (an OpenAI-compatible"
        + " upstream today; the embedded engine later).",
    subcommands = {ServeCommand.class, BenchCommand.class, FakeUpstreamCommand.class, ModelCommand.class, TemplateCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    Logging.configure(args);
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, also used by tests to run commands in-process. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
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
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    spec.commandLine().usage(out);
    out.println();
    out.println("Start the gateway with: tether serve --upstream http://localhost:11434/v1");
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
