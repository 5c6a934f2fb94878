package dev.tether.cli.client;

import dev.tether.control.approval.Approval;
import dev.tether.control.approval.DecisionRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tether deny ID}: denies a pending approval. */
@Command(name = "deny", mixinStandardHelpOptions = true,
    description = "Deny a pending approval, given by its id or by its session's (prefixes work).")
final class DenyCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "Approval id, or the session's when it has one pending.")
  String id;

  @Option(names = "--reason", description = "Told to the agent, e.g. what to do instead.")
  String reason;

  @Override
  public Integer call() {
    Approval a = ids().pendingApproval(id);
    Approval done = client().decide(a.id(), new DecisionRequest("deny", reason, null, null, "cli"));
    out().println("denied " + done.id() + " (" + Print.what(done) + ")");
    return 0;
  }
}
