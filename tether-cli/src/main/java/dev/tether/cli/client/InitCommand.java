package dev.tether.cli.client;

import dev.tether.cli.TetherHome;
import dev.tether.cli.config.ConfigLoader;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tether init}: makes a token and writes it as {@code token} in the {@code [server]} section of
 * {@code $TETHER_HOME/config/config.toml} (mode 0600), then reports what it found: claude, the models
 * directory. An existing token is replaced only when the user says so (or {@code --force}).
 */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = "Set Tether up: generate the server token into config.toml (0600), find claude and the models directory.")
final class InitCommand implements Callable<Integer> {
  private static final Pattern TOKEN_LINE = Pattern.compile("^(\\s*)(#\\s*)?token\\s*=\\s*(\"([^\"]*)\")?.*$");

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--force", description = "Replace an existing token without asking.")
  boolean force;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    TetherHome home = TetherHome.fromEnvironment();
    for (Path dir : List.of(home.root(), home.config(), home.models(), home.root().resolve("data"))) {
      createPrivateDirectory(dir);
    }
    boolean created = ConfigLoader.createTemplate(home.config());
    Path file = home.configFile();
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    Optional<String> existing = activeToken(lines);
    String token;
    if (existing.isPresent() && !existing.get().isEmpty() && !force && !confirm(file)) {
      token = existing.get();
      out.println("kept the token already in " + file);
    } else {
      token = newToken();
      writeToken(lines, token);
      write(file, lines);
      out.println((created ? "created " : "wrote the token into ") + file + " (readable by you only)");
    }
    restrict(file);
    out.println();
    out.println("claude: " + findClaude().map(Path::toString)
        .orElse("not found on PATH; install Claude Code (npm install -g @anthropic-ai/claude-code)"));
    out.println("models: " + home.models() + " (" + countModels(home.models()) + " .gguf files); Tether also finds"
        + " Ollama, LM Studio and Hugging Face models (tether models)");
    out.println();
    out.println("token: " + token);
    out.println("  the server requires it on every request; clients on this machine read it from the config,");
    out.println("  elsewhere pass --token or set TETHER_TOKEN. Next: tether serve   (then tether status)");
    return 0;
  }

  private boolean confirm(Path file) {
    if (force) {
      return true;
    }
    Console console = System.console();
    if (console == null) {
      spec.commandLine().getErr().println("tether: " + file + " already has a token; not replacing it (use --force)");
      return false;
    }
    String answer = console.readLine("%s already has a token. Replace it? [y/N] ", file);
    return answer != null && answer.strip().toLowerCase(java.util.Locale.ROOT).startsWith("y");
  }

  static String newToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The {@code [server]} section's {@code token}, if set (uncommented). */
  static Optional<String> activeToken(List<String> lines) {
    int[] range = serverSection(lines);
    for (int i = range[0]; i < range[1]; i++) {
      Matcher m = TOKEN_LINE.matcher(lines.get(i));
      if (m.matches() && m.group(2) == null) {
        return Optional.of(m.group(4) == null ? "" : m.group(4));
      }
    }
    return Optional.empty();
  }

  /** Sets {@code token} in the {@code [server]} section: replaces its line (commented or not), or adds one. */
  static void writeToken(List<String> lines, String token) {
    String line = "token = \"" + token + "\"";
    int[] range = serverSection(lines);
    if (range[0] < 0) {
      lines.add("");
      lines.add("[server]");
      lines.add(line);
      return;
    }
    int commented = -1;
    for (int i = range[0]; i < range[1]; i++) {
      Matcher m = TOKEN_LINE.matcher(lines.get(i));
      if (m.matches()) {
        if (m.group(2) == null) {
          lines.set(i, line);
          return;
        }
        commented = i;
      }
    }
    if (commented >= 0) {
      lines.set(commented, line);
    } else {
      lines.add(range[0], line);
    }
  }

  /** [first line after the [server] header, index of the next header or the end), or [-1, -1]. */
  private static int[] serverSection(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals("[server]")) {
        int end = i + 1;
        while (end < lines.size() && !lines.get(end).strip().startsWith("[")) {
          end++;
        }
        return new int[] {i + 1, end};
      }
    }
    return new int[] {-1, -1};
  }

  private static void write(Path file, List<String> lines) throws IOException {
    Path tmp = Files.createTempFile(file.getParent(), ".config", ".tmp");
    try {
      restrict(tmp);
      Files.write(tmp, lines);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void restrict(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not POSIX: the file system's defaults apply
    }
  }

  private static void createPrivateDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      try {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      } catch (UnsupportedOperationException e) {
        // not POSIX
      }
    }
  }

  static Optional<Path> findClaude() {
    String path = System.getenv("PATH");
    List<Path> candidates = new ArrayList<>();
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (!dir.isBlank()) {
          candidates.add(Path.of(dir, "claude"));
        }
      }
    }
    candidates.add(Path.of(System.getProperty("user.home"), ".claude", "local", "claude"));
    return candidates.stream().filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
  }

  private static long countModels(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir, 3)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".gguf")).count();
    } catch (IOException e) {
      return 0;
    }
  }
}
