package dev.tether.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Tether's state directory: {@code $TETHER_HOME}, default {@code ~/.tether}, with {@code config/},
 * {@code models/}, {@code data/}, {@code traces/}, {@code cache/} and {@code logs/}, private to the user.
 */
public record TetherHome(Path root) {
  static final String[] SUBDIRECTORIES = {"config", "models", "data", "traces", "cache", "logs"};

  /** The home from {@code $TETHER_HOME} (or the {@code tether.home} system property, which tests set). */
  public static TetherHome fromEnvironment() {
    String env = System.getProperty("tether.home", System.getenv("TETHER_HOME"));
    Path root = env != null && !env.isBlank()
        ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".tether");
    return new TetherHome(root.toAbsolutePath());
  }

  /** The configuration directory: {@code config.toml} and drop-ins. */
  public Path config() {
    return root.resolve("config");
  }

  /** The main configuration file. */
  public Path configFile() {
    return config().resolve("config.toml");
  }

  /** Where the user's own .gguf files go by default. */
  public Path models() {
    return root.resolve("models");
  }

  /** Tether's own log file, used while claude owns the terminal. */
  public Path logFile() {
    return root.resolve("logs").resolve("tether.log");
  }

  /** Creates the directories that are missing (mode 0700 where the file system has modes). */
  public TetherHome ensure() {
    try {
      createPrivate(root);
      for (String sub : SUBDIRECTORIES) {
        createPrivate(root.resolve(sub));
      }
    } catch (IOException e) {
      throw new UserError("cannot create Tether's home " + root + ": " + e.getMessage()
          + " (set TETHER_HOME to a writable directory)");
    }
    return this;
  }

  private static void createPrivate(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Files.createDirectories(dir);
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: its own defaults apply.
    }
  }
}
