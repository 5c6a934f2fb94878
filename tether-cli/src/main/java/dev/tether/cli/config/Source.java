package dev.tether.cli.config;

import java.nio.file.Path;

/** Where an effective configuration value came from, shown by {@code tether config show}. */
public sealed interface Source {
  /** Tether's built-in default. */
  record Default() implements Source {
    @Override
    public String toString() {
      return "default";
    }
  }

  /** A line of a TOML file. */
  record FileLine(Path file, int line) implements Source {
    @Override
    public String toString() {
      return file.getFileName() + ":" + line;
    }
  }

  /** An environment variable. */
  record Environment(String variable) implements Source {
    @Override
    public String toString() {
      return "env " + variable;
    }
  }

  /** A command-line flag. */
  record Flag(String name) implements Source {
    @Override
    public String toString() {
      return "flag " + name;
    }
  }
}
