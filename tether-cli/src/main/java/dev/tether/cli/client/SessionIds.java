package dev.tether.cli.client;

import dev.tether.control.ControlApi;
import dev.tether.control.approval.Approval;
import dev.tether.control.approval.ApprovalStatus;
import dev.tether.control.session.Session;
import dev.tether.control.session.SessionQuery;
import java.util.List;
import java.util.stream.Collectors;

/** Turns what the user typed (an id or a unique prefix of one, with or without its kind) into an id. */
final class SessionIds {
  private final ControlApi api;

  SessionIds(ControlApi api) {
    this.api = api;
  }

  /** A session id from a unique prefix ({@code ses_ab}, or just {@code ab}). */
  String session(String typed) {
    String prefix = typed.strip();
    if (!prefix.startsWith("ses_")) {
      prefix = "ses_" + prefix;
    }
    List<Session> found = api.sessions(new SessionQuery(null, null, prefix, 20, 0)).sessions();
    if (found.isEmpty()) {
      throw new IllegalArgumentException("no session matches " + typed + " (see tether list)");
    }
    if (found.size() > 1) {
      throw new IllegalArgumentException(typed + " matches " + (found.size() >= 20 ? "20 or more" : found.size())
          + " sessions; type more of the id:\n" + found.stream()
              .map(s -> "  " + s.id() + "  " + s.state().wire() + "  " + s.name()).collect(Collectors.joining("\n")));
    }
    return found.getFirst().id();
  }

  /**
   * A pending approval: by its own id prefix ({@code apr_…}), or the single pending approval of a
   * session given by id prefix.
   */
  Approval pendingApproval(String typed) {
    String t = typed.strip();
    List<Approval> pending = api.approvals(null, ApprovalStatus.PENDING);
    if (!t.startsWith("ses_")) {
      String prefix = t.startsWith("apr_") ? t : "apr_" + t;
      List<Approval> matches = pending.stream().filter(a -> a.id().startsWith(prefix)).toList();
      if (matches.size() == 1) {
        return matches.getFirst();
      }
      if (matches.size() > 1) {
        throw ambiguous(typed, matches);
      }
      if (t.startsWith("apr_")) {
        throw new IllegalArgumentException("no pending approval matches " + typed + " (see tether list)");
      }
    }
    String session = session(t);
    List<Approval> ofSession = pending.stream().filter(a -> a.sessionId().equals(session)).toList();
    if (ofSession.isEmpty()) {
      throw new IllegalArgumentException("session " + session + " has no pending approval");
    }
    if (ofSession.size() > 1) {
      throw ambiguous(typed, ofSession);
    }
    return ofSession.getFirst();
  }

  private static IllegalArgumentException ambiguous(String typed, List<Approval> matches) {
    return new IllegalArgumentException(typed + " matches " + matches.size() + " pending approvals; give one:\n"
        + matches.stream().map(a -> "  " + a.id() + "  " + Print.what(a)).collect(Collectors.joining("\n")));
  }
}
