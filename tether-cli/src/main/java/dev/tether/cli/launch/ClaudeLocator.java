package dev.tether.cli.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds the {@code claude} executable: the configured path, else PATH, else where its installers put it. */
public final class ClaudeLocator {
  /** What to tell a user who has no claude. */
  public static final String INSTALL_HINT =
      "install Claude Code with: npm install -g @anthropic-ai/claude-code (or give --claude-path)";

  private ClaudeLocator() {}

  /**
   * @param configured a path from {@code --claude-path} or the config, or empty
   * @param env the environment (PATH, HOME)
   * @throws IllegalArgumentException when a configured path is not an executable, or none is found;
   *     the message says what to do
   */
  public static Path locate(String configured, Map<String, String> env) {
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured.replaceFirst("^~(?=/|$)", env.getOrDefault("HOME", "~")));
      if (Files.isDirectory(path)) {
        path = path.resolve("claude");
      }
      if (!Files.isExecutable(path)) {
        throw new IllegalArgumentException("claude not found at " + path + "; " + INSTALL_HINT);
      }
      return path;
    }
    return candidates(env).stream().filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("claude was not found on PATH; " + INSTALL_HINT));
  }

  private static List<Path> candidates(Map<String, String> env) {
    List<Path> paths = new ArrayList<>();
    for (String dir : env.getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!dir.isBlank()) {
        paths.add(Path.of(dir, "claude"));
      }
    }
    Optional.ofNullable(env.get("HOME")).ifPresent(home -> {
      paths.add(Path.of(home, ".claude", "local", "claude"));
      paths.add(Path.of(home, ".npm-global", "bin", "claude"));
      paths.add(Path.of(home, ".local", "bin", "claude"));
    });
    return paths;
  }
}
