package dev.tether.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.control.approval.Approval;
import dev.tether.control.approval.ApprovalRequest;
import dev.tether.control.approval.ApprovalStatus;
import dev.tether.control.approval.Decision;
import dev.tether.control.approval.DecisionRequest;
import dev.tether.control.approval.Durations;
import dev.tether.control.approval.NewRule;
import dev.tether.control.approval.ResolvedBy;
import dev.tether.control.approval.Rule;
import dev.tether.control.approval.RulePattern;
import dev.tether.control.approval.RuleScope;
import dev.tether.control.approval.Verdict;
import dev.tether.control.event.EventBus;
import dev.tether.control.event.SessionEvent;
import dev.tether.control.session.Session;
import dev.tether.control.session.SessionState;
import dev.tether.control.store.SessionStore;
import dev.tether.control.store.StoreTx;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raising, answering and timing out approvals, and the rules that answer them. A request is first put
 * to the {@link dev.tether.control.approval.Policy} (rules, then mode); what it cannot answer waits for a
 * human until its deadline, then is denied by {@code timeout}. The deadline is stored, so a restarted
 * server times pending approvals again.
 */
final class Approvals {
  private static final Logger LOG = LoggerFactory.getLogger(Approvals.class);
  private static final Duration MAX_TIMEOUT = Duration.ofDays(1);

  private final ControlService service;
  private final SessionStore store;
  private final ControlService.Config config;

  Approvals(ControlService service, SessionStore store, EventBus bus, ControlService.Config config) {
    this.service = service;
    this.store = store;
    this.config = config;
  }

  /** Times every approval still pending in the store (after a restart). */
  void recover() {
    for (Approval a : store.approvals(null, ApprovalStatus.PENDING, Integer.MAX_VALUE)) {
      scheduleExpiry(a);
    }
  }

  Approval request(String sessionId, ApprovalRequest r) {
    if (r == null) {
      throw ControlException.validation("an approval request needs tool_name (and tool_input), or title and options");
    }
    boolean choice = r.toolName() == null || r.toolName().isBlank();
    if (choice && (r.title() == null || r.title().isBlank())) {
      throw ControlException.validation("an approval request needs tool_name (and tool_input), or title and options");
    }
    Duration timeout = config.approvalTimeout();
    if (r.timeoutSeconds() != null) {
      if (!(r.timeoutSeconds() > 0)) {
        throw ControlException.validation("timeout_seconds must be positive");
      }
      timeout = Duration.ofMillis(Math.round(r.timeoutSeconds() * 1000));
      timeout = timeout.compareTo(MAX_TIMEOUT) > 0 ? MAX_TIMEOUT : timeout;
    }
    Duration deadline = timeout;
    String toolName = choice ? null : r.toolName().strip();
    Approval a = service.write(tx -> {
      Session s = Transitions.session(tx, sessionId);
      Transitions.requireNotEnded(s);
      if (r.requestId() != null) {
        Optional<Approval> earlier = tx.approvalByRequestId(sessionId, r.requestId());
        if (earlier.isPresent()) {
          return earlier.get(); // the agent retried the same request
        }
      }
      if (s.state() == SessionState.CREATED) {
        s = Transitions.move(tx, s, SessionState.RUNNING, "agent asked");
      }
      String id = Ids.approval();
      Instant expires = tx.now().plus(deadline);
      var event = tx.append(sessionId, new SessionEvent.ApprovalRequested(id, r.requestId(), toolName, r.toolInput(),
          r.title(), r.description(), r.options(), expires));
      Approval pending = new Approval(id, sessionId, r.requestId(), event.seq(), toolName, r.toolInput(), r.title(),
          r.description(), r.options(), ApprovalStatus.PENDING, null, null, null, null, null, null, tx.now(),
          expires, null);
      tx.insert(pending);
      Optional<Verdict> verdict = Transitions.verdict(tx, s, pending);
      if (verdict.isPresent()) {
        Verdict v = verdict.get();
        return Transitions.resolve(tx, pending, v.decision(), v.resolvedBy(), v.via(), Transitions.reasonOf(v), null,
            v.ruleId());
      }
      if (s.state() == SessionState.RUNNING) {
        Transitions.move(tx, s, SessionState.AWAITING_APPROVAL, "approval requested");
      }
      return pending;
    });
    if (a.status() == ApprovalStatus.PENDING) {
      scheduleExpiry(a);
    }
    return a;
  }

  /** Answers by approval id, or (when {@code sessionId} is given) by the agent's request id in that session. */
  Approval decide(String id, DecisionRequest r, String sessionId) {
    if (r == null || r.decision() == null) {
      throw ControlException.validation("decision is required: allow or deny");
    }
    Decision decision = Decision.parse(r.decision())
        .orElseThrow(() -> ControlException.validation("decision must be allow or deny, not " + r.decision()));
    String via = r.by() != null && !r.by().isBlank() ? r.by().strip() : "api";
    return service.write(tx -> {
      Approval a = (sessionId == null ? tx.approval(id) : tx.approvalByRequestId(sessionId, id).or(() -> tx.approval(id)))
          .orElseThrow(() -> ControlException.notFound("no approval " + id));
      if (a.status() != ApprovalStatus.PENDING) {
        throw new ControlException(ErrorCode.ALREADY_DECIDED, "approval " + a.id() + " was already decided: "
            + a.decision().wire() + " by " + a.resolvedBy().wire() + (a.via() != null ? " (" + a.via() + ")" : ""));
      }
      if (r.choice() != null && !a.options().isEmpty() && !a.options().contains(r.choice())) {
        throw ControlException.validation("choice must be one of " + a.options());
      }
      String ruleId = null;
      if (r.rule() != null && !r.rule().isNull()) {
        if (a.freeForm()) {
          throw ControlException.validation("a rule needs a tool request; this approval is a question");
        }
        Rule rule = insertRule(tx, ruleFrom(r.rule(), a, decision, via, Transitions.session(tx, a.sessionId()).directory()));
        ruleId = rule.id();
      }
      Approval done = Transitions.resolve(tx, a, decision, ResolvedBy.HUMAN, via, r.reason(), r.choice(), ruleId);
      if (ruleId != null) {
        Transitions.settleByPolicy(tx, null);
      }
      return done;
    });
  }

  Rule addRule(NewRule r) {
    return service.write(tx -> {
      Rule rule = insertRule(tx, r);
      Transitions.settleByPolicy(tx, null);
      return rule;
    });
  }

  /** The rule given with an answer, its gaps filled from the request: tool, session, the session's directory. */
  private static NewRule ruleFrom(JsonNode node, Approval a, Decision decision, String via, String sessionDirectory) {
    NewRule given;
    if (node.isTextual()) {
      given = NewRule.allow(node.asText());
    } else if (node.isObject()) {
      try {
        given = ControlJson.MAPPER.treeToValue(node, NewRule.class);
      } catch (JsonProcessingException e) {
        throw ControlException.validation("bad rule: " + e.getOriginalMessage());
      }
    } else {
      throw ControlException.validation("rule must be a pattern string or an object");
    }
    String scope = given.scope() != null ? given.scope() : given.directory() != null ? "directory" : "session";
    String directory = given.directory() != null ? given.directory()
        : RuleScope.parse(scope).orElse(null) == RuleScope.DIRECTORY ? sessionDirectory : null;
    return new NewRule(given.pattern() != null ? given.pattern() : a.toolName(),
        given.decision() != null ? given.decision() : decision.wire(), scope,
        given.sessionId() != null ? given.sessionId() : a.sessionId(), directory, given.duration(),
        given.expiresAt(), given.createdBy() != null ? given.createdBy() : via);
  }

  /** Validates and stores a rule. */
  private static Rule insertRule(StoreTx tx, NewRule r) {
    if (r == null || r.pattern() == null) {
      throw ControlException.validation("a rule needs a pattern, e.g. Bash(npm test:*), Edit or Read(src/**)");
    }
    String pattern;
    try {
      pattern = RulePattern.parse(r.pattern()).toString();
    } catch (IllegalArgumentException e) {
      throw ControlException.validation(e.getMessage());
    }
    Decision decision = r.decision() == null ? Decision.ALLOW : Decision.parse(r.decision())
        .orElseThrow(() -> ControlException.validation("rule decision must be allow or deny"));
    RuleScope scope = r.scope() != null
        ? RuleScope.parse(r.scope()).orElseThrow(() -> ControlException.validation(
            "scope must be session, directory or global, not " + r.scope()))
        : r.sessionId() != null ? RuleScope.SESSION : r.directory() != null ? RuleScope.DIRECTORY : RuleScope.GLOBAL;
    String sessionId = null;
    String directory = null;
    switch (scope) {
      case SESSION -> {
        if (r.sessionId() == null) {
          throw ControlException.validation("a session rule needs session_id");
        }
        sessionId = Transitions.session(tx, r.sessionId()).id();
      }
      case DIRECTORY -> {
        directory = Validation.directory(r.directory());
        if (directory == null) {
          throw ControlException.validation("a directory rule needs directory (absolute)");
        }
      }
      case GLOBAL -> { }
    }
    Instant expires = r.expiresAt();
    if (r.duration() != null) {
      try {
        expires = tx.now().plus(Durations.parse(r.duration()));
      } catch (IllegalArgumentException e) {
        throw ControlException.validation(e.getMessage());
      }
    }
    Rule rule = new Rule(Ids.rule(), pattern, decision, scope, sessionId, directory, tx.now(), expires,
        r.createdBy() != null ? r.createdBy() : "api");
    tx.insert(rule);
    return rule;
  }

  private void scheduleExpiry(Approval a) {
    long delay = Math.max(0, Duration.between(config.clock().instant(), a.expiresAt()).toMillis());
    try {
      service.timer().schedule(() -> Thread.startVirtualThread(() -> expire(a.id())), delay + 1, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.debug("not timing {}: shutting down", a.id());
    }
  }

  private void expire(String id) {
    try {
      Approval left = service.write(tx -> {
        Optional<Approval> found = tx.approval(id);
        if (found.isEmpty() || found.get().status() != ApprovalStatus.PENDING) {
          return null;
        }
        Approval a = found.get();
        if (tx.now().isBefore(a.expiresAt())) {
          return a; // the clock disagrees with the timer: try again
        }
        Transitions.resolve(tx, a, Decision.DENY, ResolvedBy.TIMEOUT, "timeout",
            "nobody answered before " + a.expiresAt(), null, null);
        return null;
      });
      if (left != null) {
        scheduleExpiry(left);
      }
    } catch (RuntimeException e) {
      LOG.warn("timing out approval {} failed", id, e);
    }
  }
}
