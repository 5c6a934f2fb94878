package dev.tether.control.agent;

import dev.tether.control.ControlService;
import dev.tether.control.agent.claude.ClaudeRunner;
import dev.tether.control.agent.claude.ClaudeTranscripts;
import dev.tether.control.event.Event;
import dev.tether.control.session.Session;
import dev.tether.control.session.SessionState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The fake {@code claude} script (test resources) copied somewhere executable, with the files it
 * writes: a log of its arguments and environment, the pids it started, a Claude config dir.
 */
public final class FakeClaude {
  public final Path executable;
  public final Path log;
  public final Path pids;
  public final Path claudeHome;

  public FakeClaude(Path dir) {
    try {
      Files.createDirectories(dir);
      executable = dir.resolve("claude");
      try (InputStream in = FakeClaude.class.getResourceAsStream("fake-claude")) {
        Files.copy(in, executable);
      }
      executable.toFile().setExecutable(true);
      log = dir.resolve("claude.log");
      pids = dir.resolve("claude.pids");
      claudeHome = dir.resolve("claude-home");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A runner for the fake, reporting to {@code url}. */
  public ClaudeRunner runner(String url, String token) {
    return new ClaudeRunner(executable, List.of("--extra-flag"), Map.of("FAKE_CLAUDE_LOG", log.toString(),
        "FAKE_CLAUDE_PIDS", pids.toString(), "CLAUDE_CONFIG_DIR", claudeHome.toString()),
        List.of(), "{\"hooks\":{}}", url, token);
  }

  public ClaudeTranscripts transcripts() {
    return new ClaudeTranscripts(claudeHome, Clock.systemUTC(), List::of);
  }

  /** Installs headless agents for the fake on {@code service}. */
  public HeadlessAgents install(ControlService service, Duration grace) {
    return HeadlessAgents.install(service, List.of(runner("http://127.0.0.1:9", "tok")), List.of(transcripts()),
        grace);
  }

  /** The lines of the log (empty before the first run). */
  public List<String> logLines() {
    return read(log);
  }

  /** The pids the fake wrote: its own, then its children. */
  public List<Long> pidList() {
    return read(pids).stream().map(Long::parseLong).toList();
  }

  private static List<String> read(Path p) {
    try {
      return Files.exists(p) ? Files.readAllLines(p) : new ArrayList<>();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits (up to 15 s) for {@code condition}; fails with {@code what} otherwise. */
  public static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Waits for the session to reach {@code state}. */
  public static Session awaitState(ControlService service, String id, SessionState state) {
    Supplier<Session> s = () -> service.session(id);
    await(id + " to be " + state.wire() + " (it is " + s.get().state().wire() + ")", () -> s.get().state() == state);
    return s.get();
  }

  /** Every event of a session. */
  public static List<Event> events(ControlService service, String id) {
    return service.events(id, 0, 1000);
  }

  public static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
