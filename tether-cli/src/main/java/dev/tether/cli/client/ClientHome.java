package dev.tether.cli.client;

import java.nio.file.Path;

/** Where Tether keeps its state: {@code $TETHER_HOME}, default {@code ~/.tether}. */
record ClientHome(Path root) {
  static ClientHome fromEnvironment() {
    String env = System.getenv("TETHER_HOME");
    return new ClientHome((env != null && !env.isBlank() ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".tether")).toAbsolutePath());
  }

  Path config() {
    return root.resolve("config");
  }

  Path configFile() {
    return config().resolve("config.toml");
  }

  Path models() {
    return root.resolve("models");
  }
}
