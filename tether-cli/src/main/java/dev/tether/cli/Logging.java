package dev.tether.cli;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;

/**
 * Configures slf4j-simple before the first logger exists. Logs go to stderr (stdout belongs to
 * command output), except when {@code tether} launches claude: claude owns the terminal then, so
 * Tether's logs go to {@code $TETHER_HOME/logs/tether.log}. INFO by default; {@code --log-level X},
 * {@code $TETHER_LOG_LEVEL} or {@code --dev} (debug) change it.
 */
final class Logging {
  private static final Set<String> NOT_LAUNCHING = Set.of("--serve-only", "--no-claude", "--list", "-h", "--help",
      "-V", "--version");

  private Logging() {}

  static void configure(String[] args) {
    List<String> list = List.of(args);
    String level = System.getenv().getOrDefault("TETHER_LOG_LEVEL", "info");
    int i = list.indexOf("--log-level");
    if (i >= 0 && i + 1 < list.size()) {
      level = list.get(i + 1);
    } else if (list.contains("--dev")) {
      level = "debug";
    }
    if (launchesClaude(list)) {
      try {
        // ensure() creates the home privately (0700), as everything else expects it.
        Path file = TetherHome.fromEnvironment().ensure().logFile();
        setIfAbsent("org.slf4j.simpleLogger.logFile", file.toString());
      } catch (UserError e) {
        // Cannot write there: stderr it is (the command itself will report the home).
      }
    }
    setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", level.toLowerCase(Locale.ROOT));
    setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
    setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
    setIfAbsent("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
    setIfAbsent("org.slf4j.simpleLogger.log.io.javalin", "warn");
  }

  /** Whether these arguments run the default command, the launcher, which gives the terminal to claude. */
  static boolean launchesClaude(List<String> args) {
    Set<String> commands = new HashSet<>();
    for (Class<?> sub : Main.class.getAnnotation(Command.class).subcommands()) {
      Command command = sub.getAnnotation(Command.class);
      if (command != null) {
        commands.add(command.name());
        commands.addAll(List.of(command.aliases()));
      }
    }
    commands.add("help");
    for (String arg : args) {
      if (arg.equals("--")) {
        break;
      }
      if (commands.contains(arg) || NOT_LAUNCHING.contains(arg)) {
        return false;
      }
    }
    return true;
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
