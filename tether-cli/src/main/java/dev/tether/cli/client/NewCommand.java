package dev.tether.cli.client;

import dev.tether.control.session.NewSession;
import dev.tether.control.session.Session;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tether new}: creates a session (and starts it with a prompt). */
@Command(name = "new", mixinStandardHelpOptions = true,
    description = "Create a session in a directory (default: here); with -m, start it with that prompt"
        + " (a claude_code session runs claude -p there).")
final class NewCommand extends ClientCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The session's directory (default: the current one).")
  String directory;

  @Option(names = "--name", description = "Its name (default: the agent and the directory).")
  String name;

  @Option(names = {"-a", "--agent"}, defaultValue = "claude_code", description = "claude_code (default: Tether runs claude -p in DIR), codex, opencode, pi or custom (an agent that reports in itself).")
  String agent;

  @Option(names = "--mode", description = "Approval mode: ask (default), auto-edits or auto.")
  String mode;

  @Option(names = {"-m", "--prompt"}, description = "Start the session with this prompt.")
  String prompt;

  @Override
  public Integer call() {
    String dir = Path.of(directory == null ? "." : directory).toAbsolutePath().normalize().toString();
    Session s = client().createSession(new NewSession(name, agent, dir, mode));
    if (prompt != null && !prompt.isBlank()) {
      s = client().start(s.id(), prompt, "cli");
    }
    out().println(s.id());
    spec.commandLine().getErr().println("created " + s.name() + " (" + s.state().wire() + "); follow it with: tether watch "
        + s.id().substring(0, 10));
    return 0;
  }
}
