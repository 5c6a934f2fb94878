package dev.tether.cli.client;

import dev.tether.control.ControlJson;
import dev.tether.control.approval.Approval;
import dev.tether.control.approval.ApprovalStatus;
import dev.tether.control.session.ExternalSession;
import dev.tether.control.session.Session;
import dev.tether.control.session.SessionPage;
import dev.tether.control.session.SessionQuery;
import dev.tether.control.session.SessionState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tether list}: sessions, newest first, with their pending approvals. */
@Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true,
    description = "List sessions, newest first, with pending approvals under them.")
final class ListCommand extends ClientCommand {
  @Option(names = {"-s", "--state"}, paramLabel = "STATE", description = "Only sessions in this state (created, running, awaiting_input, awaiting_approval, interrupting, error, ended).")
  String state;

  @Option(names = {"-d", "--directory"}, paramLabel = "DIR", description = "Only sessions in this directory or below (. for here).")
  String directory;

  @Option(names = {"-n", "--limit"}, defaultValue = "50", description = "At most this many (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "Print the JSON page instead.")
  boolean json;

  @Option(names = {"-e", "--external"},
      description = "List Claude Code's own conversations (~/.claude/projects) instead, for tether attach.")
  boolean external;

  @Override
  public Integer call() {
    SessionState s = state == null ? null : SessionState.parse(state)
        .orElseThrow(() -> new IllegalArgumentException("unknown state " + state));
    String dir = directory == null ? null : Path.of(directory).toAbsolutePath().normalize().toString();
    if (external) {
      return listExternal(dir);
    }
    SessionPage page = client().sessions(new SessionQuery(s, dir, null, Math.clamp(limit, 1, SessionQuery.MAX_LIMIT), 0));
    if (json) {
      out().println(ControlJson.write(page));
      return 0;
    }
    if (page.sessions().isEmpty()) {
      out().println("no sessions" + (s != null || dir != null ? " match" : " yet (tether new, or an agent's create_session)"));
      return 0;
    }
    List<Approval> pending = client().approvals(null, ApprovalStatus.PENDING);
    Instant now = Instant.now();
    out().printf("%-24s  %-17s  %-9s  %-28s  %s%n", "ID", "STATE", "UPDATED", "NAME", "DIRECTORY");
    for (Session session : page.sessions()) {
      out().printf("%-24s  %-17s  %-9s  %-28s  %s%n", session.id(), session.state().wire(),
          Print.age(session.updatedAt(), now), Print.clip(session.name(), 28),
          session.directory() == null ? "-" : session.directory());
      for (Approval a : pending) {
        if (a.sessionId().equals(session.id())) {
          out().println("    ? " + a.id() + "  " + Print.what(a));
        }
      }
    }
    if (page.hasMore()) {
      out().println("(more: --limit " + Math.min(SessionQuery.MAX_LIMIT, limit * 2) + ")");
    }
    return 0;
  }

  private int listExternal(String dir) {
    List<ExternalSession> found = client().externalSessions(dir);
    List<ExternalSession> shown = found.subList(0, Math.min(found.size(), Math.max(1, limit)));
    if (json) {
      out().println(ControlJson.write(java.util.Map.of("sessions", shown)));
      return 0;
    }
    if (found.isEmpty()) {
      out().println("no Claude Code conversations found" + (dir != null ? " in " + dir : ""));
      return 0;
    }
    ExternalTable.print(out(), shown, false);
    if (found.size() > shown.size()) {
      out().println("(" + (found.size() - shown.size()) + " more: --limit " + found.size() + ")");
    }
    return 0;
  }
}
