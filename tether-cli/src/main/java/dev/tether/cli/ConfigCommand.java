package dev.tether.cli;

import dev.tether.cli.config.Config;
import dev.tether.cli.config.ConfigLoader;
import dev.tether.cli.config.ConfigShow;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tether config show|path}. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "The configuration: every *.toml in $TETHER_HOME/config (config.toml, then drop-ins in alphabetical"
        + " order), TETHER_* environment variables and flags, later ones winning.",
    subcommands = {ConfigCommand.Show.class, ConfigCommand.PathCommand.class})
final class ConfigCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code tether config show}. */
  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Print the effective configuration and where each value came from (accepts the server flags,"
          + " to see what they change).")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ServerFlags flags;

    @Option(names = "--show-secrets", description = "Print the token instead of hiding it.")
    boolean showSecrets;

    @Override
    public Integer call() {
      TetherHome home = TetherHome.fromEnvironment().ensure();
      Config config = flags.load(home, Map.of());
      spec.commandLine().getOut().print(ConfigShow.render(config, showSecrets));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /** {@code tether config path}. */
  @Command(name = "path", mixinStandardHelpOptions = true, description = "Print the configuration directory.")
  static final class PathCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      TetherHome home = TetherHome.fromEnvironment().ensure();
      ConfigLoader.createTemplate(home.config());
      spec.commandLine().getOut().println(home.config());
      return 0;
    }
  }
}
