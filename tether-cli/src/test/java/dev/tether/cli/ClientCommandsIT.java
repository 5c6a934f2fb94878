package dev.tether.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.control.ControlService;
import dev.tether.control.approval.ApprovalRequest;
import dev.tether.control.approval.ApprovalStatus;
import dev.tether.control.session.NewSession;
import dev.tether.gateway.http.HttpOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI client against a real server, commands run in-process with their output captured. */
class ClientCommandsIT {
  private static final String TOKEN = "cli-token";
  @TempDir Path dir;
  private TetherServer server;
  private ControlService control;

  record Run(int exit, String out, String err) {}

  @BeforeEach
  void start() {
    control = ControlService.open(dir, ControlService.Config.defaults());
    server = TetherServer.start("127.0.0.1", 0, HttpOptions.defaults(TOKEN), List.of(new ScriptedBackend()), List.of(), 0, control);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Run tether(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--server");
    all.add(server.baseUrl().toString());
    all.add("--token");
    all.add(TOKEN);
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void newListInputAndDeleteASession() {
    Run created = tether("new", dir.toString(), "--name", "refactor", "-m", "clean up");
    assertThat(created.exit()).as(created.err()).isZero();
    String id = created.out().strip();
    assertThat(id).startsWith("ses_");
    Run list = tether("list");
    assertThat(list.out()).contains(id, "running", "refactor", dir.toString());
    assertThat(tether("list", "-s", "ended").out()).contains("no sessions match");
    assertThat(tether("list", "-d", dir.toString()).out()).contains(id);
    Run input = tether("input", id.substring(0, 9), "and", "add", "tests");
    assertThat(input.exit()).as(input.err()).isZero();
    assertThat(control.events(id, 0, 100)).extracting(e -> e.data().path("text").asText()).contains("clean up", "and add tests");
    assertThat(tether("interrupt", id).out()).contains("interrupting");
    assertThat(tether("delete", id).exit()).isEqualTo(1);
    assertThat(tether("delete", id, "--force").out()).contains("deleted " + id);
  }

  @Test
  void prefixesThatMatchSeveralSessionsListTheCandidates() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ids.add(control.createSession(new NewSession("s" + i, null, null, null)).id());
    }
    String common = ids.stream().map(s -> s.substring(4, 5)).filter(c -> ids.stream().filter(s -> s.substring(4, 5).equals(c)).count() > 1)
        .findFirst().orElseThrow();
    Run r = tether("input", common, "hi");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("matches").contains("type more of the id").contains("ses_" + common);
    assertThat(tether("input", "zzzzzzzzzz", "hi").err()).contains("no session matches");
  }

  @Test
  void approveAndDenyByApprovalOrSessionPrefixAndAddARule() {
    String id = control.createSession(new NewSession("agent", null, dir.toString(), null)).id();
    var first = control.requestApproval(id, new ApprovalRequest("Bash", dev.tether.control.ControlJson.parse("{\"command\":\"npm test\"}"),
        null, null, null, null, null), Duration.ZERO);
    assertThat(tether("list").out()).contains("? " + first.id(), "Bash: npm test");
    Run approved = tether("approve", id.substring(0, 10), "--rule", "Bash(npm test:*)", "--for", "30m");
    assertThat(approved.exit()).as(approved.err()).isZero();
    assertThat(approved.out()).contains("allowed " + first.id()).contains("rule rul_");
    var second = control.requestApproval(id, new ApprovalRequest("Bash", dev.tether.control.ControlJson.parse("{\"command\":\"npm test --ci\"}"),
        null, null, null, null, null), Duration.ZERO);
    assertThat(second.status()).isEqualTo(ApprovalStatus.ALLOWED); // the rule the CLI made
    var third = control.requestApproval(id, new ApprovalRequest("Bash", dev.tether.control.ControlJson.parse("{\"command\":\"rm -rf /\"}"),
        null, null, null, null, null), Duration.ZERO);
    Run denied = tether("deny", third.id().substring(0, 8), "--reason", "no way");
    assertThat(denied.out()).contains("denied " + third.id());
    assertThat(control.approval(third.id(), Duration.ZERO).via()).isEqualTo("cli");
    assertThat(control.approval(third.id(), Duration.ZERO).reason()).isEqualTo("no way");
    assertThat(tether("approve", third.id()).err()).contains("no pending approval");
  }

  @Test
  void rulesAreListedAddedAndRevoked() {
    Run added = tether("rules", "add", "Edit(src/**)", "--dir", dir.toString(), "--for", "2h");
    assertThat(added.exit()).as(added.err()).isZero();
    assertThat(added.out()).contains("allow Edit(src/**) (directory");
    tether("rules", "add", "Bash(rm:*)", "--deny");
    Run list = tether("rules");
    assertThat(list.out()).contains("Edit(src/**)", "directory " + dir, "Bash(rm:*)", "deny", "global", "never");
    String ruleId = control.rules().getFirst().id();
    assertThat(tether("rules", "revoke", ruleId.substring(0, 8)).out()).contains("revoked " + ruleId);
    assertThat(control.rules()).hasSize(1);
    assertThat(tether("rules", "add", "Bash(oops").err()).contains("Tool(specifier)");
  }

  @Test
  void watchShowsEventsLiveUntilAsked() throws Exception {
    String id = control.createSession(new NewSession("watched", null, null, null)).id();
    CompletableFuture<Run> watching = CompletableFuture.supplyAsync(() -> tether("watch", id, "--until", "approval_requested"));
    Thread.sleep(500);
    control.append(id, "output", dev.tether.control.ControlJson.parse("{\"text\":\"compiling\"}"));
    control.requestApproval(id, new ApprovalRequest("Bash", dev.tether.control.ControlJson.parse("{\"command\":\"make\"}"),
        null, null, null, null, null), Duration.ZERO);
    Run watched = watching.get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(watched.exit()).as(watched.err()).isZero();
    assertThat(watched.out()).contains("watching " + id, "state     created", "output    compiling", "approval? apr_", "Bash: make");
  }

  @Test
  void statusAndOpenReportTheServer() {
    control.createSession(new NewSession("one", null, null, null));
    Run status = tether("status");
    assertThat(status.out()).contains("at " + server.baseUrl() + ": up", "sessions: 1 (1 created)", "pending approvals: 0");
    assertThat(tether("open", "--print").out().strip()).isEqualTo(server.baseUrl() + "/");
  }

  @Test
  void aWrongTokenOrNoServerSaySoPlainly() {
    CommandLine cli = Main.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    assertThat(cli.execute("list", "--server", server.baseUrl().toString(), "--token", "wrong")).isEqualTo(1);
    assertThat(err.toString()).contains("invalid token");
    StringWriter err2 = new StringWriter();
    cli.setErr(new PrintWriter(err2, true));
    assertThat(cli.execute("status", "--server", "http://127.0.0.1:1", "--token", "x")).isEqualTo(1);
    assertThat(err2.toString()).contains("cannot reach Tether at http://127.0.0.1:1");
  }

  @Test
  void awaySwitchesOneSessionOrEverySession() {
    String id = control.createSession(new NewSession("remote", "claude_code", null, null, false)).id();
    Run on = tether("away", "on", id.substring(0, 9));
    assertThat(on.exit()).as(on.err()).isZero();
    assertThat(on.out()).contains(id + " is away");
    assertThat(control.session(id).away()).isTrue();
    assertThat(tether("away").out()).contains("away mode for every session: off", id);
    assertThat(tether("away", "on").out()).contains("away mode is on for every session");
    assertThat(control.awayDefault()).isTrue();
    assertThat(tether("away", "off", id).out()).contains(id + " is at the desk", "tether away off");
    assertThat(tether("away", "off").exit()).isZero();
    assertThat(control.awayDefault()).isFalse();
    Run bad = tether("away", "maybe");
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("say on or off, not maybe");
  }
}
