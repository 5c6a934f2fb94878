package dev.tether.control.web;

import dev.tether.control.ControlException;
import dev.tether.control.ControlService;
import dev.tether.control.event.Event;
import dev.tether.control.event.EventBus;
import dev.tether.control.event.Published;
import dev.tether.control.event.SessionEvent;
import dev.tether.control.event.Subscription;
import io.javalin.Javalin;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SSE: {@code GET /api/sessions/{id}/stream} (ids are seqs) and {@code GET /api/stream} for every
 * session (ids are log positions). A stream resumes after {@code Last-Event-ID} (or {@code ?after=}).
 *
 * <p>No loss, no duplicates: the stream subscribes before it reads the store, replays from the store,
 * then forwards live events, skipping any id it already sent and filling any gap from the store (a
 * subscriber that fell behind gets a fresh subscription and a replay). A session stream ends after
 * {@code session_deleted}.
 */
final class StreamRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(StreamRoutes.class);
  private static final int PAGE = 500;

  private final ControlService service;
  private final Duration keepAlive;

  StreamRoutes(ControlService service, ControlOptions options) {
    this.service = service;
    this.keepAlive = options.keepAlive();
  }

  void install(Javalin app) {
    app.get("/api/sessions/{id}/stream", this::session);
    app.get("/api/stream", this::all);
  }

  /** Where a stream resumes: {@code Last-Event-ID}, else {@code ?after=}, else the beginning. */
  private static long resumeAfter(Context ctx) {
    String last = ctx.header("Last-Event-ID");
    if (last != null && !last.isBlank()) {
      try {
        return Math.max(0, Long.parseLong(last.strip()));
      } catch (NumberFormatException e) {
        throw ControlException.validation("Last-Event-ID must be a number, not " + last);
      }
    }
    return Math.max(0, Http.longParam(ctx, 0, "after", "since"));
  }

  private void session(Context ctx) throws IOException {
    String id = ctx.pathParam("id");
    service.session(id); // 404 before the stream begins
    stream(ctx, resumeAfter(ctx), () -> service.bus().subscribe(id, EventBus.DEFAULT_CAPACITY),
        after -> eventsOrNone(id, after), Event::seq, true);
  }

  /** The session's events after {@code after}; none once it is deleted. */
  private List<Event> eventsOrNone(String id, long after) {
    try {
      return service.events(id, after, PAGE);
    } catch (ControlException e) {
      return List.of();
    }
  }

  private void all(Context ctx) throws IOException {
    stream(ctx, resumeAfter(ctx), () -> service.bus().subscribeAll(EventBus.DEFAULT_CAPACITY),
        after -> service.eventsAfterPosition(after, PAGE), Event::position, false);
  }

  private interface Source {
    List<Event> after(long id);
  }

  private void stream(Context ctx, long after, java.util.function.Supplier<Subscription> subscribe, Source source,
      ToLongFunction<Event> idOf, boolean contiguous) throws IOException {
    HttpServletResponse res = ctx.res();
    res.setStatus(200);
    res.setContentType("text/event-stream; charset=utf-8");
    res.setHeader("Cache-Control", "no-cache");
    res.setHeader("X-Accel-Buffering", "no");
    SseWriter out = new SseWriter(res.getOutputStream());
    Subscription sub = subscribe.get();
    try {
      out.retry(1000);
      Cursor cursor = new Cursor(after);
      if (replay(out, source, idOf, cursor)) {
        return;
      }
      out.flush();
      while (true) {
        Published first = sub.poll(keepAlive);
        if (first == null) {
          if (sub.overflowed()) {
            sub.close();
            sub = subscribe.get();
            if (replay(out, source, idOf, cursor)) {
              return;
            }
            out.flush();
            continue;
          }
          if (!sub.open()) {
            return; // the server is stopping
          }
          out.comment("keepalive");
          out.flush();
          continue;
        }
        List<Published> batch = new ArrayList<>();
        batch.add(first);
        batch.addAll(sub.drain(255));
        for (Published p : batch) {
          long pid = idOf.applyAsLong(p.event());
          if (pid <= cursor.last) {
            continue; // already sent from the store
          }
          if (contiguous && pid > cursor.last + 1) {
            if (replay(out, source, idOf, cursor)) {
              return; // a gap: the store has it
            }
            continue;
          }
          out.event(pid, p);
          cursor.last = pid;
          if (p.event().body() instanceof SessionEvent.SessionDeleted && contiguous) {
            out.flush();
            return;
          }
        }
        out.flush();
      }
    } catch (IOException e) {
      LOG.debug("stream client went away: {}", ctx.path());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      sub.close();
    }
  }

  private static final class Cursor {
    long last;

    Cursor(long last) {
      this.last = last;
    }
  }

  /** Sends everything the store has after the cursor; true when the session was deleted (stream over). */
  private static boolean replay(SseWriter out, Source source, ToLongFunction<Event> idOf, Cursor cursor)
      throws IOException {
    while (true) {
      List<Event> page = source.after(cursor.last);
      for (Event e : page) {
        out.event(idOf.applyAsLong(e), Published.of(e));
        cursor.last = idOf.applyAsLong(e);
      }
      if (page.size() < PAGE) {
        return false;
      }
    }
  }
}
