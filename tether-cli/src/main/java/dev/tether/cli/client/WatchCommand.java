package dev.tether.cli.client;

import dev.tether.control.ControlJson;
import dev.tether.control.client.SseFollower;
import dev.tether.control.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tether watch ID}: a session's events, live. */
@Command(name = "watch", aliases = "tail", mixinStandardHelpOptions = true,
    description = "Follow a session's events live (the last few first); reconnects if the connection drops. Ctrl-C stops.")
final class WatchCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "Session id or unique prefix.")
  String id;

  @Option(names = {"-n", "--last"}, defaultValue = "20", description = "Show this many earlier events first (default ${DEFAULT-VALUE}).")
  int last;

  @Option(names = "--all", description = "Show the whole history first.")
  boolean all;

  @Option(names = "--json", description = "Print each event's JSON envelope.")
  boolean json;

  @Option(names = "--until", paramLabel = "TYPE", description = "Stop after an event of this type (e.g. approval_requested).")
  String until;

  @Override
  public Integer call() throws InterruptedException {
    Session s = client().session(ids().session(id));
    long after = all ? 0 : Math.max(0, s.lastSeq() - Math.max(0, last));
    if (!json) {
      out().println("watching " + s.id() + " (" + s.name() + ", " + s.state().wire() + ")");
      out().flush();
    }
    new SseFollower(client()).follow(s.id(), after, e -> {
      out().println(json ? ControlJson.write(e) : Print.event(e));
      out().flush();
      return until == null || !e.type().equals(until);
    });
    return 0;
  }
}
