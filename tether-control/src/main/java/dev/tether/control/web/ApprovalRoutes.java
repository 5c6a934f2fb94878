package dev.tether.control.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.control.ControlException;
import dev.tether.control.ControlService;
import dev.tether.control.approval.ApprovalRequest;
import dev.tether.control.approval.ApprovalStatus;
import dev.tether.control.approval.DecisionRequest;
import dev.tether.control.approval.NewRule;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;

/** Approvals (raise, list, wait, decide) and rules (list, add, revoke). */
final class ApprovalRoutes {
  private final ControlService service;

  ApprovalRoutes(ControlService service) {
    this.service = service;
  }

  void install(Javalin app) {
    app.post("/api/sessions/{id}/approvals", ctx -> Http.json(ctx, 201,
        service.requestApproval(ctx.pathParam("id"), Http.body(ctx, ApprovalRequest.class), Http.waitParam(ctx))));
    app.get("/api/sessions/{id}/approvals", ctx -> {
      service.session(ctx.pathParam("id"));
      Http.json(ctx, 200, Map.of("approvals", service.approvals(ctx.pathParam("id"), status(ctx))));
    });
    app.get("/api/approvals", ctx ->
        Http.json(ctx, 200, Map.of("approvals", service.approvals(Http.query(ctx, "session_id", "session"), status(ctx)))));
    app.get("/api/approvals/{aid}", ctx -> Http.json(ctx, 200, service.approval(ctx.pathParam("aid"), Http.waitParam(ctx))));
    app.post("/api/approvals/{aid}/decision", this::decide);
    app.get("/api/rules", ctx -> Http.json(ctx, 200, Map.of("rules", service.rules())));
    app.post("/api/rules", ctx -> {
      NewRule rule = Http.body(ctx, NewRule.class);
      if (rule.createdBy() == null) {
        rule = new NewRule(rule.pattern(), rule.decision(), rule.scope(), rule.sessionId(), rule.directory(),
            rule.duration(), rule.expiresAt(), Http.by(ctx, null));
      }
      Http.json(ctx, 201, service.addRule(rule));
    });
    app.delete("/api/rules/{rid}", ctx -> {
      service.revokeRule(ctx.pathParam("rid"));
      ctx.status(204);
    });
  }

  private void decide(Context ctx) {
    JsonNode body = Http.tree(ctx);
    DecisionRequest r = Http.body(ctx, DecisionRequest.class);
    if (r.by() == null) {
      r = new DecisionRequest(r.decision(), r.reason(), r.choice(), r.rule(), Http.by(ctx, body));
    }
    Http.json(ctx, 200, service.decide(ctx.pathParam("aid"), r));
  }

  private static ApprovalStatus status(Context ctx) {
    String s = Http.query(ctx, "state", "status");
    if (s == null || s.equals("all")) {
      return null;
    }
    return ApprovalStatus.parse(s).orElseThrow(() ->
        ControlException.validation("state must be pending, allowed, denied or all, not " + s));
  }
}
