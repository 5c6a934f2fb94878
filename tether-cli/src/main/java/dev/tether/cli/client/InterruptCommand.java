package dev.tether.cli.client;

import dev.tether.control.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tether interrupt ID}: asks the agent to stop its turn. */
@Command(name = "interrupt", aliases = "stop", mixinStandardHelpOptions = true,
    description = "Ask a session's agent to stop its current turn; its pending approvals are cancelled.")
final class InterruptCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "Session id or unique prefix.")
  String id;

  @Override
  public Integer call() {
    Session s = client().interrupt(ids().session(id), "cli");
    out().println(s.id() + " is " + s.state().wire());
    return 0;
  }
}
