package dev.tether.cli.client;

import dev.tether.control.session.Session;
import dev.tether.control.session.SessionPatch;
import dev.tether.control.session.SessionQuery;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code tether away [on|off] [SESSION]}: away mode, for one session or (without one) for every session.
 * Away, a launched Claude Code's tool calls wait for a decision from a surface (phone, web, chat,
 * {@code tether approve}) instead of its terminal, and a stopped session waits a while for a message.
 */
@Command(name = "away", mixinStandardHelpOptions = true,
    description = {"Switch away mode: Claude Code's tool calls wait for a remote decision (tether approve/deny,"
        + " the web, chat), and a stopped session waits for a remote message.",
        "Without SESSION, switches the default for every session. Without on/off, shows what is away."})
final class AwayCommand extends ClientCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "on|off", description = "on or off (omit to show).")
  String mode;

  @Parameters(index = "1", arity = "0..1", paramLabel = "SESSION", description = "Session id or unique prefix.")
  String session;

  @Override
  public Integer call() {
    if (mode == null) {
      return show();
    }
    boolean on = switch (mode.strip().toLowerCase(Locale.ROOT)) {
      case "on", "true", "yes", "1" -> true;
      case "off", "false", "no", "0" -> false;
      default -> throw new IllegalArgumentException("say on or off, not " + mode);
    };
    if (session == null) {
      client().awayDefault(on);
      out().println("away mode is " + (on ? "on" : "off") + " for every session"
          + (on ? "" : " (sessions switched on one by one stay away)"));
      return 0;
    }
    Session s = client().updateSession(ids().session(session), new SessionPatch(null, null, on, null));
    out().println(s.id() + " is " + (s.away() ? "away" : "at the desk")
        + (!on && client().awayDefault() ? " (but away mode is on for every session: tether away off)" : ""));
    return 0;
  }

  private int show() {
    boolean all = client().awayDefault();
    out().println("away mode for every session: " + (all ? "on" : "off"));
    List<Session> away = client().sessions(SessionQuery.all()).sessions().stream().filter(Session::away).toList();
    for (Session s : away) {
      out().println("  " + s.id() + "  away  " + s.state().wire() + "  " + s.name());
    }
    return 0;
  }
}
