package dev.tether.control.web;

import dev.tether.control.ControlException;
import dev.tether.control.ControlService;
import dev.tether.control.ErrorCode;
import dev.tether.control.diff.GitDiff;
import dev.tether.control.mcp.McpHttp;
import dev.tether.control.push.WebPush;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the control plane on a Javalin app: auth in front of everything (see {@link Auth}), the REST
 * routes under {@code /api}, the SSE streams, the older external-agent routes, MCP at {@code /mcp}, and
 * the diff view's git endpoint and the web UI at {@code /} (see {@link WebApp}). Called by {@code main} and by tests alike.
 */
public final class ControlHttp {
  private static final Logger LOG = LoggerFactory.getLogger(ControlHttp.class);

  private ControlHttp() {}

  /** Installs every control route on {@code app} (before it starts). */
  public static void install(Javalin app, ControlService service, ControlOptions options) {
    Auth auth = new Auth(options.token(), options.agentToken());
    app.before(auth::check);
    app.exception(ControlException.class, (e, ctx) -> error(ctx, e));
    app.exception(Exception.class, ControlHttp::unexpected);
    app.error(404, ctx -> {
      if (isOurs(ctx) && (ctx.result() == null || !ctx.result().startsWith("{"))) {
        error(ctx, ControlException.notFound("no route " + ctx.method() + " " + ctx.path()));
      }
    });
    app.get("/api/health", ctx -> {
      Map<String, Object> health = new LinkedHashMap<>();
      health.put("ok", true);
      health.put("version", options.version());
      health.put("protocol", 1);
      health.put("auth", auth.enabled());
      Http.json(ctx, 200, health);
    });
    new AgentRoutes(service).install(app);
    new SessionRoutes(service).install(app);
    new ApprovalRoutes(service).install(app);
    new HookRoutes(service).install(app);
    new StreamRoutes(service, options).install(app);
    new LegacyRoutes(service).install(app);
    new LegacySocket(service).install(app, auth);
    McpHttp.install(app, service, options.version());
    new ViewRoutes(service, GitDiff.defaults()).install(app);
    new WebApp().install(app);
    WebPush push = WebPush.open(service).orElse(null);
    new PushRoutes(push).install(app);
    if (push != null) {
      push.start();
      app.events(events -> events.serverStopped(push::close));
    }
    app.events(events -> events.serverStopping(service.bus()::close));
  }

  private static boolean isOurs(Context ctx) {
    return ctx.path().startsWith("/api/") || ctx.path().equals("/api") || ctx.path().equals("/mcp");
  }

  static void error(Context ctx, ControlException e) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("code", e.code().wire());
    detail.put("message", e.getMessage());
    Http.json(ctx, e.status(), Map.of("error", detail));
  }

  private static void unexpected(Exception e, Context ctx) {
    if (e instanceof HttpResponseException h) {
      if (isOurs(ctx)) {
        ErrorCode code = switch (h.getStatus()) {
          case 400 -> ErrorCode.INVALID_REQUEST;
          case 401 -> ErrorCode.UNAUTHORIZED;
          case 404 -> ErrorCode.NOT_FOUND;
          case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
          default -> ErrorCode.INTERNAL_ERROR;
        };
        error(ctx, new ControlException(code, h.getStatus(), h.getMessage()));
      } else {
        ctx.status(h.getStatus()).result(h.getMessage());
      }
      return;
    }
    LOG.warn("internal error on {} {}", ctx.method(), ctx.path(), e);
    if (isOurs(ctx)) {
      error(ctx, new ControlException(ErrorCode.INTERNAL_ERROR, "internal error: " + e.getClass().getSimpleName()));
    } else {
      ctx.status(500).result("Internal server error");
    }
  }}
