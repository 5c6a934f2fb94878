package dev.tether.cli.client;

import picocli.CommandLine;

/** Adds the client commands to the {@code tether} command line. */
public final class ClientCommands {
  private ClientCommands() {}

  public static void register(CommandLine cli) {
    cli.addSubcommand(new InitCommand());
    cli.addSubcommand(new StatusCommand());
    cli.addSubcommand(new OpenCommand());
    cli.addSubcommand(new ListCommand());
    cli.addSubcommand(new NewCommand());
    cli.addSubcommand(new InputCommand());
    cli.addSubcommand(new InterruptCommand());
    cli.addSubcommand(new ApproveCommand());
    cli.addSubcommand(new DenyCommand());
    cli.addSubcommand(new DeleteCommand());
    cli.addSubcommand(new WatchCommand());
    cli.addSubcommand(new RulesCommand());
    cli.addSubcommand(new AwayCommand());
    cli.addSubcommand(new McpCommand());
    cli.addSubcommand(new AttachCommand());
    cli.addSubcommand(new SyncCommand());
  }
}
