package dev.tether.cli.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Claude as a child that owns the terminal. While it runs, Ctrl-C belongs to claude: the terminal
 * sends SIGINT to the whole foreground group, and claude decides (its first Ctrl-C clears the input,
 * {@code -p} exits on it); the launcher ignores it and stops when claude exits. SIGTERM or SIGHUP to
 * the launcher stops claude and everything it started.
 *
 * <p>"Everything it started" includes processes claude left behind when it exited, which are no
 * longer its descendants: on Linux they are found by the launch id they inherited in their
 * environment ({@code TETHER_LAUNCH_ID} in {@code /proc/PID/environ}), so nothing of this launch
 * outlives it and nothing else is touched.
 */
public final class ClaudeProcess {
  /** How long claude gets to exit after SIGTERM before SIGKILL. */
  private static final long GRACE_MILLIS = 3000;

  private ClaudeProcess() {}

  /**
   * Runs claude to completion.
   *
   * @return claude's exit code (128 + the signal number when a signal ended it)
   */
  public static int run(Path claude, List<String> args, Map<String, String> variables) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(claude.toString());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    Map<String, String> env = builder.environment();
    ClaudeEnvironment.REMOVED.forEach(env::remove);
    env.putAll(variables);
    SignalHandler previous = ignoreInterrupts();
    Process process = builder.start();
    String marker = ClaudeEnvironment.LAUNCH_ID + "=" + variables.getOrDefault(ClaudeEnvironment.LAUNCH_ID, "");
    Thread stopper = new Thread(() -> {
      stop(process.toHandle());
      if (!marker.endsWith("=")) {
        leftovers(marker).forEach(ClaudeProcess::stop);
      }
    }, "tether-stop-claude");
    Runtime.getRuntime().addShutdownHook(stopper);
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(process.toHandle());
      return 130;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stopper);
      } catch (IllegalStateException e) {
        // Already shutting down: the hook runs anyway.
      }
      restoreInterrupts(previous);
      // Claude exited; anything it left behind goes too.
      process.descendants().forEach(ClaudeProcess::stop);
      if (!marker.endsWith("=")) {
        leftovers(marker).forEach(ClaudeProcess::stop);
      }
    }
  }

  /** Live processes whose environment holds {@code entry} (Linux; empty elsewhere). */
  static List<ProcessHandle> leftovers(String entry) {
    byte[] needle = (entry + "\0").getBytes(StandardCharsets.UTF_8);
    List<ProcessHandle> found = new ArrayList<>();
    long self = ProcessHandle.current().pid();
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path proc : procs) {
        long pid = Long.parseLong(proc.getFileName().toString());
        if (pid != self && contains(proc.resolve("environ"), needle)) {
          ProcessHandle.of(pid).ifPresent(found::add);
        }
      }
    } catch (IOException | RuntimeException e) {
      // No /proc: nothing more to find.
    }
    return found;
  }

  private static boolean contains(Path environ, byte[] needle) {
    try {
      byte[] bytes = Files.readAllBytes(environ);
      outer:
      for (int i = 0; i + needle.length <= bytes.length; i++) {
        if (i > 0 && bytes[i - 1] != 0) {
          continue;
        }
        for (int j = 0; j < needle.length; j++) {
          if (bytes[i + j] != needle[j]) {
            continue outer;
          }
        }
        return true;
      }
    } catch (IOException | RuntimeException e) {
      return false;  // not ours to read, or gone
    }
    return false;
  }

  /** Stops a process and its descendants: SIGTERM, then SIGKILL after a grace period. */
  static void stop(ProcessHandle handle) {
    List<ProcessHandle> all = new ArrayList<>(handle.descendants().toList());
    all.add(handle);
    all.forEach(ProcessHandle::destroy);
    for (ProcessHandle h : all) {
      try {
        h.onExit().get(GRACE_MILLIS, TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
      }
    }
  }

  private static SignalHandler ignoreInterrupts() {
    try {
      return Signal.handle(new Signal("INT"), signal -> { });
    } catch (IllegalArgumentException e) {
      return null;  // no SIGINT here (or the JVM runs with -Xrs)
    }
  }

  private static void restoreInterrupts(SignalHandler previous) {
    if (previous != null) {
      Signal.handle(new Signal("INT"), previous);
    }
  }
}
