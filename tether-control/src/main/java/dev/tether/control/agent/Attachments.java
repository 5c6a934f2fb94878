package dev.tether.control.agent;

import dev.tether.control.ControlException;
import dev.tether.control.ErrorCode;
import dev.tether.control.ControlService;
import dev.tether.control.event.SessionEvent;
import dev.tether.control.session.AttachRequest;
import dev.tether.control.session.ExternalSession;
import dev.tether.control.session.NewSession;
import dev.tether.control.session.Session;
import dev.tether.control.session.SessionPatch;
import dev.tether.control.session.SessionQuery;
import dev.tether.control.session.Synced;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Attach and sync. Attach makes a headless session bound to the agent's conversation and imports its
 * history as events (prompts as {@code user_input} by {@code transcript}, the rest as output, the last
 * text before each prompt marked final); the next input resumes that conversation. The session keeps a
 * cursor (the last imported record's id), so sync imports only what the transcript gained since, and a
 * second sync imports nothing.
 */
final class Attachments {
  private final ControlService service;
  private final List<TranscriptSource> sources;

  Attachments(ControlService service, List<TranscriptSource> sources) {
    this.service = service;
    this.sources = List.copyOf(sources);
  }

  List<ExternalSession> external(String directory) {
    Map<String, String> attached = attachedSessions();
    List<ExternalSession> found = new ArrayList<>();
    for (TranscriptSource source : sources) {
      for (ExternalSession e : source.list()) {
        if (directory == null || directory.equals(e.directory())) {
          String tether = attached.get(e.agentSessionId());
          found.add(tether == null ? e : e.attached(tether));
        }
      }
    }
    found.sort(Comparator.comparing(ExternalSession::lastActivity, Comparator.nullsLast(Comparator.reverseOrder())));
    return found;
  }

  Synced attach(AttachRequest request) {
    if (request == null || (blank(request.agentSessionId()) && blank(request.path()))) {
      throw ControlException.validation("give agent_session_id (or a unique prefix of it) or path");
    }
    ExternalSession found = find(request);
    Map<String, String> attached = attachedSessions();
    String existing = attached.get(found.agentSessionId());
    if (existing != null) {
      return sync(existing);  // attaching twice continues the same Tether session
    }
    TranscriptSource source = source(found);
    Transcript transcript = source.read(Path.of(found.path()));
    String directory = transcript.directory() != null ? transcript.directory() : found.directory();
    if (directory == null) {
      throw ControlException.validation("the transcript " + found.path() + " names no working directory");
    }
    String name = !blank(request.name()) ? request.name()
        : "attached: " + (found.firstPrompt() != null ? clip(found.firstPrompt(), 60) : found.agentSessionId());
    Session s = service.createSession(new NewSession(name, found.agentType().wire(), directory,
        request.approvalMode(), true));
    service.updateSession(s.id(), new SessionPatch(null, null, null, found.agentSessionId()));
    List<SessionEvent> history = history(transcript.entries());
    Session now = service.importHistory(s.id(), history, transcript.lastId());
    return new Synced(service.session(now.id()), history.size());
  }

  Synced sync(String sessionId) {
    Session s = service.session(sessionId);
    if (!s.headless()) {
      throw ControlException.invalidState("session " + sessionId + " reports in by itself (its hooks or its own"
          + " client): there is nothing to sync");
    }
    if (s.agentSessionId() == null) {
      throw ControlException.invalidState("session " + sessionId + " is not bound to an agent's conversation yet");
    }
    TranscriptSource source = sourceFor(s);
    Path path = source.locate(s.agentSessionId()).orElseThrow(() -> ControlException.notFound(
        "no transcript of " + s.agentType().wire() + " session " + s.agentSessionId() + " was found"));
    Transcript transcript = source.read(path);
    List<Transcript.Entry> entries = transcript.entries();
    int from = 0;
    if (s.syncCursor() != null) {
      int at = indexOf(entries, s.syncCursor());
      if (at < 0) {
        throw new ControlException(ErrorCode.CONFLICT, "the transcript " + path + " no longer holds record "
            + s.syncCursor() + " (rewritten or compacted?); nothing imported");
      }
      from = at + 1;
    }
    if (from >= entries.size()) {
      return new Synced(s, 0);
    }
    List<SessionEvent> history = history(entries.subList(from, entries.size()));
    Session now = service.importHistory(sessionId, history, transcript.lastId());
    return new Synced(now, history.size());
  }

  /** Moves the cursor to the transcript's end without importing (after a headless turn showed it live). */
  void skipToEnd(String sessionId) {
    Session s = service.session(sessionId);
    if (s.agentSessionId() == null) {
      return;
    }
    TranscriptSource source = sourceFor(s);
    Optional<Path> path = source.locate(s.agentSessionId());
    if (path.isPresent()) {
      String last = source.read(path.get()).lastId();
      if (last != null && !last.equals(s.syncCursor())) {
        service.importHistory(sessionId, List.of(), last);
      }
    }
  }

  private ExternalSession find(AttachRequest request) {
    List<ExternalSession> all = new ArrayList<>();
    sources.forEach(source -> all.addAll(source.list()));
    if (!blank(request.path())) {
      Path want = Path.of(request.path()).toAbsolutePath().normalize();
      return all.stream().filter(e -> Path.of(e.path()).equals(want)).findFirst()
          .orElseThrow(() -> ControlException.notFound(Files.exists(want)
              ? want + " is not a transcript Tether can read" : "no transcript at " + want));
    }
    String prefix = request.agentSessionId().strip();
    List<ExternalSession> matches = all.stream().filter(e -> e.agentSessionId().startsWith(prefix)).toList();
    if (matches.isEmpty()) {
      throw ControlException.notFound("no external session matches " + prefix + " (see tether list --external)");
    }
    if (matches.size() > 1) {
      throw new ControlException(ErrorCode.AMBIGUOUS_ID, prefix + " matches " + matches.size()
          + " external sessions; give more of the id");
    }
    return matches.getFirst();
  }

  private TranscriptSource source(ExternalSession e) {
    return sources.stream().filter(s -> s.agent() == e.agentType()).findFirst()
        .orElseThrow(() -> ControlException.notFound("no store for " + e.agentType().wire()));
  }

  private TranscriptSource sourceFor(Session s) {
    return sources.stream().filter(src -> src.agent() == s.agentType()).findFirst()
        .orElseThrow(() -> ControlException.invalidState("Tether reads no transcripts of " + s.agentType().wire()));
  }

  private Map<String, String> attachedSessions() {
    Map<String, String> byAgentId = new HashMap<>();
    for (Session s : service.sessions(new SessionQuery(null, null, null, SessionQuery.MAX_LIMIT, 0)).sessions()) {
      if (s.agentSessionId() != null && s.headless()) {
        byAgentId.putIfAbsent(s.agentSessionId(), s.id());
      }
    }
    return byAgentId;
  }

  /** The events of entries, the last text before each prompt (and at the end) marked final. */
  static List<SessionEvent> history(List<Transcript.Entry> entries) {
    List<SessionEvent> events = new ArrayList<>();
    int lastText = -1;
    for (Transcript.Entry entry : entries) {
      for (SessionEvent e : entry.events()) {
        if (e instanceof SessionEvent.UserInput) {
          markFinal(events, lastText);
          lastText = -1;
        } else if (e instanceof SessionEvent.Output o && "step".equals(o.kind())) {
          lastText = events.size();
        }
        events.add(e);
      }
    }
    markFinal(events, lastText);
    return events;
  }

  private static void markFinal(List<SessionEvent> events, int index) {
    if (index >= 0 && events.get(index) instanceof SessionEvent.Output o) {
      events.set(index, new SessionEvent.Output(o.text(), "final", true, o.segments()));
    }
  }

  private static int indexOf(List<Transcript.Entry> entries, String id) {
    for (int i = entries.size() - 1; i >= 0; i--) {
      if (entries.get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String clip(String s, int max) {
    String line = s.strip().replace('\n', ' ');
    return line.length() <= max ? line : line.substring(0, max - 1) + "…";
  }
}
