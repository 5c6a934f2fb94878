package dev.tether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.cli.config.Config;
import dev.tether.cli.config.ConfigLoader;
import dev.tether.control.ControlService;
import dev.tether.control.event.Event;
import dev.tether.control.event.SessionEvent;
import dev.tether.control.session.SessionState;
import dev.tether.gateway.http.HttpOptions;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Headless sessions and attach/sync from the command line, against a real server wired as {@code serve}
 * wires it ({@link Headless}) with a fake {@code claude} that speaks stream-json.
 */
class HeadlessCliIT {
  private static final String TOKEN = "cli-token";
  private static final String HERE = Path.of("").toAbsolutePath().normalize().toString();
  @TempDir Path dir;
  private TetherServer server;
  private ControlService control;
  private Path claudeHome;
  private Path log;

  record Run(int exit, String out, String err) {}

  @BeforeEach
  void start() throws Exception {
    control = ControlService.open(dir.resolve("data"), ControlService.Config.defaults());
    server = TetherServer.start("127.0.0.1", 0, HttpOptions.defaults(TOKEN), List.of(new ScriptedBackend()), List.of(),
        0, control);
    claudeHome = dir.resolve("claude-home");
    log = dir.resolve("claude.log");
    Path fake = dir.resolve("fake-claude");
    try (InputStream in = HeadlessCliIT.class.getResourceAsStream("fake-claude-headless")) {
      Files.copy(in, fake);
    }
    Path claude = dir.resolve("claude");
    Files.writeString(claude, "#!/usr/bin/env bash\nexport FAKE_CLAUDE_LOG='" + log + "'\nexec '" + fake + "' \"$@\"\n");
    fake.toFile().setExecutable(true);
    claude.toFile().setExecutable(true);
  }

  private void install(Map<String, Object> flags) {
    Map<String, Object> all = new java.util.HashMap<>(flags);
    all.put("claude.path", dir.resolve("claude").toString());
    Map<String, String> env = Map.of("CLAUDE_CONFIG_DIR", claudeHome.toString(), "HOME", dir.toString(),
        "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    Config config = ConfigLoader.load(dir.resolve("config"), env, all);
    Headless.install(control, server.baseUrl(), TOKEN, config, env);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Run tether(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--server", server.baseUrl().toString(), "--token", TOKEN));
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  private void transcript(String cwd, String id, String... records) throws Exception {
    Path f = claudeHome.resolve("projects").resolve(cwd.replaceAll("[^A-Za-z0-9]", "-")).resolve(id + ".jsonl");
    Files.createDirectories(f.getParent());
    Files.writeString(f, String.join("\n", records) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static String user(String uuid, String id, String cwd, String time, String text) {
    return "{\"type\":\"user\",\"uuid\":\"" + uuid + "\",\"sessionId\":\"" + id + "\",\"cwd\":\"" + cwd
        + "\",\"timestamp\":\"" + time + "\",\"message\":{\"role\":\"user\",\"content\":\"" + text + "\"}}";
  }

  private static String assistant(String uuid, String id, String cwd, String time, String text) {
    return "{\"type\":\"assistant\",\"uuid\":\"" + uuid + "\",\"sessionId\":\"" + id + "\",\"cwd\":\"" + cwd
        + "\",\"timestamp\":\"" + time + "\",\"message\":{\"id\":\"m" + uuid + "\",\"role\":\"assistant\","
        + "\"content\":[{\"type\":\"text\",\"text\":\"" + text + "\"}]}}";
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  private List<String> texts(String id) {
    return control.events(id, 0, 1000).stream().map(Event::body).map(b -> switch (b) {
      case SessionEvent.Output o -> o.text();
      case SessionEvent.UserInput u -> "> " + u.text();
      default -> "";
    }).filter(t -> !t.isEmpty()).toList();
  }

  @Test
  void newWithAPromptRunsClaudeHeadlessInTheDirectory() throws Exception {
    install(Map.of());
    Path project = Files.createDirectories(dir.resolve("project"));
    Run created = tether("new", project.toString(), "-m", "hello there");
    assertThat(created.exit()).as(created.err()).isZero();
    String id = created.out().strip();
    await("the turn", () -> control.session(id).state() == SessionState.AWAITING_INPUT);
    assertThat(texts(id)).containsSubsequence("> hello there", "You said: hello there");
    List<String> lines = Files.readAllLines(log);
    assertThat(lines.get(0)).startsWith("ARGS -p --input-format stream-json --output-format stream-json --verbose"
        + " --settings {\"hooks\":{\"SessionStart\"").contains(" hook PreToolUse");
    assertThat(lines.get(1)).contains("TETHER_URL=" + server.baseUrl(), "TETHER_SESSION=" + id,
        "TETHER_HOOK_REMOTE=1", "TETHER_TOKEN=" + TOKEN, "ANTHROPIC_BASE_URL= ", "ANTHROPIC_MODEL= ");
    assertThat(tether("input", id, "second", "turn").exit()).isZero();
    await("the second turn", () -> texts(id).contains("You said: second turn"));
    assertThat(Files.readAllLines(log).get(2)).contains("--resume " + control.session(id).agentSessionId());
  }

  @Test
  void withTheGatewayOptionTurnsTalkToTethersOwnModels() throws Exception {
    install(Map.of("headless.gateway", "true", "headless.model", "qwen-local"));
    Path project = Files.createDirectories(dir.resolve("project"));
    String id = tether("new", project.toString(), "-m", "hi").out().strip();
    await("the turn", () -> control.session(id).state() == SessionState.AWAITING_INPUT);
    assertThat(Files.readAllLines(log).get(1)).contains("ANTHROPIC_BASE_URL=" + server.baseUrl(),
        "ANTHROPIC_MODEL=qwen-local");
  }

  @Test
  void listExternalAttachAndSync() throws Exception {
    install(Map.of());
    String older = "0a0a0a0a-0000-4000-8000-000000000001";
    String newer = "0b0b0b0b-0000-4000-8000-000000000002";
    transcript(HERE, older, user("o1", older, HERE, "2026-11-19T10:00:00.000Z", "the older one"),
        assistant("o2", older, HERE, "2026-11-19T10:00:01.000Z", "Old answer."));
    transcript(HERE, newer, user("n1", newer, HERE, "2026-11-20T10:00:00.000Z", "the newer one"),
        assistant("n2", newer, HERE, "2026-11-20T10:00:01.000Z", "New answer."));

    Run list = tether("list", "--external");
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).contains("ID", "LAST PROMPT", "0a0a0a0a", "0b0b0b0b", "the newer one", HERE);
    assertThat(list.out().indexOf("0b0b0b0b")).as("most recent first").isLessThan(list.out().indexOf("0a0a0a0a"));

    // No id, not on a terminal: the most recent conversation of this directory.
    Run attached = tether("attach");
    assertThat(attached.exit()).as(attached.err()).isZero();
    String id = attached.out().strip();
    assertThat(control.session(id).agentSessionId()).isEqualTo(newer);
    assertThat(attached.err()).contains("most recent of 2", "2 messages imported", "looks open in another claude");
    assertThat(texts(id)).containsExactly("> the newer one", "New answer.");

    Run byPrefix = tether("attach", "0a0a");
    assertThat(control.session(byPrefix.out().strip()).agentSessionId()).isEqualTo(older);
    assertThat(tether("list", "--external").out()).contains(id.substring(0, 14));

    assertThat(tether("sync", id).out()).contains("is up to date");
    transcript(HERE, newer, user("n3", newer, HERE, "2026-11-20T11:00:00.000Z", "more from the terminal"),
        assistant("n4", newer, HERE, "2026-11-20T11:00:01.000Z", "More."));
    assertThat(tether("sync", id.substring(0, 10)).out()).contains("imported 2 messages into " + id);
    assertThat(tether("sync", id).out()).contains("is up to date");
    assertThat(texts(id)).endsWith("> more from the terminal", "More.");

    Run unknown = tether("attach", "ffffffff");
    assertThat(unknown.exit()).isNotZero();
    assertThat(unknown.err()).contains("no external session matches ffffffff");
  }
}
