package dev.tether.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.control.approval.ApprovalStatus;
import dev.tether.control.session.Session;
import dev.tether.control.session.SessionQuery;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;

/** {@code tether status}: is the server up, and what is it supervising. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show whether the server is up, its sessions by state, and pending approvals.")
final class StatusCommand extends ClientCommand {
  @Override
  public Integer call() {
    JsonNode health = client().health();
    out().println("Tether " + health.path("version").asText("?") + " at " + client().base() + ": up");
    Map<String, Integer> byState = new TreeMap<>();
    var page = client().sessions(new SessionQuery(null, null, null, SessionQuery.MAX_LIMIT, 0));
    for (Session s : page.sessions()) {
      byState.merge(s.state().wire(), 1, Integer::sum);
    }
    out().println("sessions: " + page.sessions().size() + (page.hasMore() ? "+" : "")
        + (byState.isEmpty() ? "" : " (" + String.join(", ", byState.entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey()).toList()) + ")"));
    int pending = client().approvals(null, ApprovalStatus.PENDING).size();
    out().println("pending approvals: " + pending + (pending > 0 ? " (tether list -s awaiting_approval)" : ""));
    return 0;
  }
}
