package dev.tether.cli.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tether.control.ControlJson;
import dev.tether.control.approval.Approval;
import dev.tether.control.approval.DecisionRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tether approve ID}: allows a pending approval. */
@Command(name = "approve", aliases = "allow", mixinStandardHelpOptions = true,
    description = "Allow a pending approval, given by its id or by its session's (prefixes work).",
    footer = {"", "Examples:", "  tether approve apr_7h2", "  tether approve ses_k3 --rule 'Bash(npm test:*)' --for 30m"})
final class ApproveCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "Approval id, or the session's when it has one pending.")
  String id;

  @Option(names = "--reason", description = "Told to the agent.")
  String reason;

  @Option(names = "--choice", description = "The option picked, for a question.")
  String choice;

  @Option(names = "--rule", paramLabel = "PATTERN", arity = "0..1", fallbackValue = "", description = "Also allow matching requests from now on (default pattern: the request's tool), e.g. 'Bash(npm test:*)'.")
  String rule;

  @Option(names = "--for", paramLabel = "DURATION", description = "How long the rule lasts, e.g. 30m (default: until revoked).")
  String duration;

  @Option(names = "--scope", description = "The rule's scope: session (default), directory or global.")
  String scope;

  @Override
  public Integer call() {
    Approval a = ids().pendingApproval(id);
    ObjectNode ruleNode = null;
    if (rule != null) {
      ruleNode = ControlJson.MAPPER.createObjectNode();
      if (!rule.isBlank()) {
        ruleNode.put("pattern", rule);
      }
      if (duration != null) {
        ruleNode.put("duration", duration);
      }
      if (scope != null) {
        ruleNode.put("scope", scope);
      }
    }
    Approval done = client().decide(a.id(), new DecisionRequest("allow", reason, choice, ruleNode, "cli"));
    out().println("allowed " + done.id() + " (" + Print.what(done) + ")"
        + (done.ruleId() != null ? "; rule " + done.ruleId() + " added" : ""));
    return 0;
  }
}
