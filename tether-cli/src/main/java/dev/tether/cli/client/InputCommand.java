package dev.tether.cli.client;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tether input ID TEXT}: sends a session's agent a message. */
@Command(name = "input", aliases = "send", mixinStandardHelpOptions = true,
    description = "Send a session's agent a message (starts it if it was idle).")
final class InputCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "Session id or unique prefix.")
  String id;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "TEXT", description = "The message (words are joined).")
  List<String> text;

  @Override
  public Integer call() {
    String session = ids().session(id);
    var appended = client().input(session, String.join(" ", text), "cli");
    out().println("sent to " + session + " (seq " + appended.seq() + ")");
    return 0;
  }
}
