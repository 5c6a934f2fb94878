package dev.tether.cli.client;

import dev.tether.control.session.Synced;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tether sync ID}: pulls what an attached conversation gained outside Tether. */
@Command(name = "sync", mixinStandardHelpOptions = true,
    description = "Import the messages an attached Claude Code conversation gained since the last import"
        + " (e.g. typed in its own terminal).")
final class SyncCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "Tether session id or unique prefix.")
  String id;

  @Override
  public Integer call() {
    Synced synced = client().sync(ids().session(id));
    out().println(synced.imported() == 0 ? synced.session().id() + " is up to date"
        : "imported " + synced.imported() + " messages into " + synced.session().id());
    return 0;
  }
}
