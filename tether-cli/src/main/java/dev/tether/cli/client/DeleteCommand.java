package dev.tether.cli.client;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tether delete ID}: deletes a session and its log. */
@Command(name = "delete", aliases = "rm", mixinStandardHelpOptions = true,
    description = "Delete a session and its event log. A busy one (running, awaiting approval, interrupting) needs --force.")
final class DeleteCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "Session id or unique prefix.")
  String id;

  @Option(names = {"-f", "--force"}, description = "Delete even while the agent works.")
  boolean force;

  @Override
  public Integer call() {
    String session = ids().session(id);
    client().deleteSession(session, force);
    out().println("deleted " + session);
    return 0;
  }
}
