package dev.tether.cli.client;

import dev.tether.control.session.AttachRequest;
import dev.tether.control.session.ExternalSession;
import dev.tether.control.session.Synced;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tether attach [ID]}: continues a Claude Code conversation in a Tether session. Without an id it
 * offers the conversations of the current directory, most recent first: a numbered choice on a terminal,
 * else the most recent one.
 */
@Command(name = "attach", mixinStandardHelpOptions = true,
    description = {"Continue a Claude Code conversation (see tether list --external) in a Tether session that holds"
        + " its history; the next input resumes it headless.",
        "Without ID: the conversations of this directory, most recent first (a choice on a terminal)."})
final class AttachCommand extends ClientCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "ID",
      description = "Claude Code's session id (or a unique prefix), or the path of its .jsonl transcript.")
  String id;

  @Option(names = "--name", description = "The session's name (default: from the first prompt).")
  String name;

  @Option(names = "--mode", description = "Approval mode: ask (default), auto-edits or auto.")
  String mode;

  /** Whether to ask on the terminal (tests set it). */
  boolean interactive = System.console() != null;

  @Override
  public Integer call() throws IOException {
    AttachRequest request;
    if (id != null && (id.contains("/") || id.endsWith(".jsonl"))) {
      request = new AttachRequest(null, Path.of(id).toAbsolutePath().normalize().toString(), name, mode);
    } else if (id != null) {
      request = new AttachRequest(id.strip(), null, name, mode);
    } else {
      request = new AttachRequest(pick().agentSessionId(), null, name, mode);
    }
    Synced synced = client().attach(request);
    out().println(synced.session().id());
    String agentId = synced.session().agentSessionId();
    boolean live = client().externalSessions(synced.session().directory()).stream()
        .anyMatch(e -> e.agentSessionId().equals(agentId) && e.running());
    if (live) {
      spec.commandLine().getErr().println("warning: this conversation looks open in another claude (a process"
          + " names it, or it was written in the last minutes); input here continues it in parallel");
    }
    spec.commandLine().getErr().println("attached " + synced.session().agentSessionId() + " as "
        + synced.session().id() + " (" + synced.imported() + " messages imported); continue with: tether input "
        + synced.session().id().substring(0, 10) + " …");
    return 0;
  }

  private ExternalSession pick() throws IOException {
    String here = Path.of("").toAbsolutePath().normalize().toString();
    List<ExternalSession> found = client().externalSessions(here);
    if (found.isEmpty()) {
      throw new IllegalArgumentException("no Claude Code conversations in " + here
          + " (tether list --external shows them all; give an ID)");
    }
    if (found.size() == 1 || !interactive) {
      if (found.size() > 1) {
        spec.commandLine().getErr().println("attaching the most recent of " + found.size()
            + " conversations here (give an ID for another)");
      }
      return found.getFirst();
    }
    List<ExternalSession> offered = found.subList(0, Math.min(found.size(), 20));
    ExternalTable.print(out(), offered, true);
    out().print("attach which? [1] ");
    out().flush();
    String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    if (answer == null || answer.isBlank()) {
      return offered.getFirst();
    }
    try {
      int n = Integer.parseInt(answer.strip());
      if (n >= 1 && n <= offered.size()) {
        return offered.get(n - 1);
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new IllegalArgumentException("not a choice: " + answer.strip() + " (1-" + offered.size() + ")");
  }
}
