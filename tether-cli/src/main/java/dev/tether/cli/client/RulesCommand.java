package dev.tether.cli.client;

import dev.tether.control.approval.NewRule;
import dev.tether.control.approval.Rule;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code tether rules}: standing answers in Claude Code's permission syntax. */
@Command(name = "rules", mixinStandardHelpOptions = true,
    description = "List, add and revoke approval rules (Claude Code syntax: Bash(npm test:*), Edit, Read(src/**), *).",
    subcommands = {RulesCommand.Add.class, RulesCommand.Revoke.class},
    footer = {"", "Examples:", "  tether rules", "  tether rules add 'Bash(npm test:*)' --dir . --for 30m",
        "  tether rules add 'Bash(rm:*)' --deny --global", "  tether rules revoke rul_2k"})
final class RulesCommand extends ClientCommand {
  @Override
  public Integer call() {
    List<Rule> rules = client().rules();
    if (rules.isEmpty()) {
      out().println("no rules (add one with: tether rules add PATTERN)");
      return 0;
    }
    Instant now = Instant.now();
    out().printf("%-24s  %-5s  %-30s  %-40s  %s%n", "ID", "", "PATTERN", "SCOPE", "EXPIRES");
    for (Rule r : rules) {
      String scope = switch (r.scope()) {
        case GLOBAL -> "global";
        case SESSION -> "session " + r.sessionId();
        case DIRECTORY -> "directory " + r.directory();
      };
      String expires = r.expiresAt() == null ? "never"
          : "in " + Math.max(0, java.time.Duration.between(now, r.expiresAt()).toMinutes()) + "m";
      out().printf("%-24s  %-5s  %-30s  %-40s  %s%n", r.id(), r.decision().wire(), r.pattern(), scope, expires);
    }
    return 0;
  }

  /** {@code tether rules add PATTERN}. */
  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a rule (allow unless --deny; global unless --session or --dir).")
  static final class Add implements Callable<Integer> {
    @ParentCommand RulesCommand parent;

    @Mixin ClientOptions server = new ClientOptions();

    @Parameters(index = "0", paramLabel = "PATTERN", description = "e.g. Bash(npm test:*), Edit, Read(src/**), WebFetch(domain:docs.rs), mcp__github, *")
    String pattern;

    @Option(names = "--deny", description = "Deny matching requests instead of allowing them.")
    boolean deny;

    @Option(names = "--session", paramLabel = "ID", description = "Only in this session (id or prefix).")
    String session;

    @Option(names = "--dir", paramLabel = "DIR", description = "Only in sessions in this directory or below.")
    String dir;

    @Option(names = "--global", description = "Everywhere (the default).")
    boolean global;

    @Option(names = "--for", paramLabel = "DURATION", description = "Expire after this long, e.g. 30m, 2h, 1d (default: never).")
    String duration;

    @Override
    public Integer call() {
      var client = (server.server != null || server.token != null) ? server.connect("cli") : parent.client();
      String sessionId = session == null ? null : new SessionIds(client).session(session);
      String directory = dir == null ? null : Path.of(dir).toAbsolutePath().normalize().toString();
      String scope = sessionId != null ? "session" : directory != null ? "directory" : "global";
      Rule r = client.addRule(new NewRule(pattern, deny ? "deny" : "allow", scope, sessionId, directory, duration, null, "cli"));
      parent.out().println("added " + r.id() + ": " + r.decision().wire() + " " + r.pattern() + " (" + r.scope().wire()
          + (r.expiresAt() != null ? ", until " + r.expiresAt() : "") + ")");
      return 0;
    }
  }

  /** {@code tether rules revoke ID}. */
  @Command(name = "revoke", aliases = "rm", mixinStandardHelpOptions = true, description = "Revoke a rule.")
  static final class Revoke implements Callable<Integer> {
    @ParentCommand RulesCommand parent;

    @Mixin ClientOptions server = new ClientOptions();

    @Parameters(index = "0", paramLabel = "ID", description = "The rule's id (a unique prefix works).")
    String id;

    @Override
    public Integer call() {
      var client = (server.server != null || server.token != null) ? server.connect("cli") : parent.client();
      String ruleId = id.startsWith("rul_") ? id : "rul_" + id;
      List<Rule> matches = client.rules().stream().filter(r -> r.id().startsWith(ruleId)).toList();
      if (matches.size() != 1) {
        throw new IllegalArgumentException(matches.isEmpty() ? "no rule matches " + id
            : id + " matches " + matches.size() + " rules: " + matches.stream().map(Rule::id).toList());
      }
      client.revokeRule(matches.getFirst().id());
      parent.out().println("revoked " + matches.getFirst().id() + " (" + matches.getFirst().pattern() + ")");
      return 0;
    }
  }
}
