package dev.tether.cli.client;

import dev.tether.control.session.ExternalSession;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/** The table of {@code tether list --external} and of the attach picker. */
final class ExternalTable {
  private ExternalTable() {}

  static void print(PrintWriter out, List<ExternalSession> sessions, boolean numbered) {
    Instant now = Instant.now();
    out.printf("%s%-8s  %-9s  %5s  %-3s  %-14s  %-32s  %s%n", numbered ? "     " : "", "ID", "ACTIVE", "MSGS", "RUN",
        "ATTACHED", "DIRECTORY", "LAST PROMPT");
    int n = 0;
    for (ExternalSession e : sessions) {
      n++;
      out.printf("%s%-8s  %-9s  %5d  %-3s  %-14s  %-32s  %s%n", numbered ? String.format("%3d) ", n) : "",
          prefix(e.agentSessionId(), 8), Print.age(e.lastActivity(), now),
          e.messageCount(), e.running() ? "yes" : "", e.attachedTo() == null ? "" : prefix(e.attachedTo(), 14),
          Print.clip(e.directory() == null ? "-" : e.directory(), 32),
          Print.clip(e.lastPrompt() == null ? "" : e.lastPrompt().replace('\n', ' '), 60));
    }
  }

  /** A prefix the commands accept (ids are addressed by unique prefixes). */
  private static String prefix(String id, int length) {
    return id.substring(0, Math.min(length, id.length()));
  }
}
