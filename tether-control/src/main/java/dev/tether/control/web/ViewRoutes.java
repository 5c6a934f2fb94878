package dev.tether.control.web;

import dev.tether.control.ControlException;
import dev.tether.control.ControlService;
import dev.tether.control.ErrorCode;
import dev.tether.control.diff.GitDiff;
import dev.tether.control.session.Session;
import io.javalin.Javalin;
import java.nio.file.Path;

/**
 * What the web UI needs beyond the core API: {@code GET /api/sessions/{id}/diff} (the git changes in the
 * session's directory, per file) and {@code GET /api/stream/position} (where the all-sessions stream
 * stands, so a page can follow only what happens next).
 */
final class ViewRoutes {
  private final ControlService service;
  private final GitDiff git;

  ViewRoutes(ControlService service, GitDiff git) {
    this.service = service;
    this.git = git;
  }

  void install(Javalin app) {
    app.get("/api/stream/position", ctx -> Http.json(ctx, 200, java.util.Map.of("position", service.lastPosition())));
    app.get("/api/sessions/{id}/diff", ctx -> {
      Session session = service.session(ctx.pathParam("id"));
      if (session.directory() == null || session.directory().isBlank()) {
        throw ControlException.invalidState("session " + session.id() + " has no directory to compare");
      }
      try {
        Http.json(ctx, 200, git.of(Path.of(session.directory())));
      } catch (GitDiff.GitException e) {
        throw new ControlException(ErrorCode.UNAVAILABLE, e.getMessage());
      }
    });
  }
}
