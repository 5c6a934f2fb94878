package dev.tether.control.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tether.control.session.ApprovalMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Deny rules, then never-auto tools, then allow rules, then the mode. */
class PolicyTest {
  private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

  private static Rule rule(String pattern, Decision d, RuleScope scope, String session, String dir, Instant expires) {
    return new Rule("rul_" + pattern.hashCode(), pattern, d, scope, session, dir, NOW.minusSeconds(60), expires, "test");
  }

  private static Optional<Verdict> decide(String tool, ApprovalMode mode, List<Rule> rules) {
    return Policy.decide(tool, JsonNodeFactory.instance.objectNode().put("command", "ls").put("file_path", "/w/a"),
        "ses_1", "/w", mode, rules, NOW);
  }

  @Test
  void askModeWithNoRulesAsks() {
    assertThat(decide("Bash", ApprovalMode.ASK, List.of())).isEmpty();
  }

  @Test
  void denyRulesWinOverAllowRulesAndModes() {
    List<Rule> rules = List.of(rule("Bash", Decision.ALLOW, RuleScope.GLOBAL, null, null, null),
        rule("Bash(ls)", Decision.DENY, RuleScope.GLOBAL, null, null, null));
    assertThat(decide("Bash", ApprovalMode.AUTO, rules)).hasValueSatisfying(v -> {
      assertThat(v.decision()).isEqualTo(Decision.DENY);
      assertThat(v.resolvedBy()).isEqualTo(ResolvedBy.RULE);
    });
  }

  @Test
  void planAndTaskToolsAreNeverAllowedByRuleOrModeButMayBeDenied() {
    List<Rule> allowAll = List.of(rule("*", Decision.ALLOW, RuleScope.GLOBAL, null, null, null));
    for (String tool : List.of("ExitPlanMode", "EnterPlanMode", "Task", "TaskCreate", "Agent", "AskUserQuestion")) {
      assertThat(decide(tool, ApprovalMode.AUTO, allowAll)).as(tool).isEmpty();
    }
    assertThat(decide("ExitPlanMode", ApprovalMode.ASK, List.of(rule("ExitPlanMode", Decision.DENY, RuleScope.GLOBAL, null, null, null))))
        .hasValueSatisfying(v -> assertThat(v.decision()).isEqualTo(Decision.DENY));
  }

  @Test
  void autoEditsAllowsFileEditsOnly() {
    assertThat(decide("Edit", ApprovalMode.AUTO_EDITS, List.of())).hasValueSatisfying(v -> assertThat(v.resolvedBy()).isEqualTo(ResolvedBy.MODE));
    assertThat(decide("Write", ApprovalMode.AUTO_EDITS, List.of())).isPresent();
    assertThat(decide("Bash", ApprovalMode.AUTO_EDITS, List.of())).isEmpty();
  }

  @Test
  void rulesApplyOnlyInTheirScopeAndBeforeTheyExpire() {
    assertThat(decide("Bash", ApprovalMode.ASK, List.of(rule("Bash", Decision.ALLOW, RuleScope.SESSION, "ses_2", null, null)))).isEmpty();
    assertThat(decide("Bash", ApprovalMode.ASK, List.of(rule("Bash", Decision.ALLOW, RuleScope.SESSION, "ses_1", null, null)))).isPresent();
    assertThat(decide("Bash", ApprovalMode.ASK, List.of(rule("Bash", Decision.ALLOW, RuleScope.DIRECTORY, null, "/w", null)))).isPresent();
    assertThat(decide("Bash", ApprovalMode.ASK, List.of(rule("Bash", Decision.ALLOW, RuleScope.DIRECTORY, null, "/", null)))).isPresent();
    assertThat(decide("Bash", ApprovalMode.ASK, List.of(rule("Bash", Decision.ALLOW, RuleScope.DIRECTORY, null, "/w/sub", null)))).isEmpty();
    assertThat(decide("Bash", ApprovalMode.ASK, List.of(rule("Bash", Decision.ALLOW, RuleScope.DIRECTORY, null, "/wx", null)))).isEmpty();
    assertThat(decide("Bash", ApprovalMode.ASK, List.of(rule("Bash", Decision.ALLOW, RuleScope.GLOBAL, null, null, NOW.minus(Duration.ofSeconds(1)))))).isEmpty();
    assertThat(decide("Bash", ApprovalMode.ASK, List.of(rule("Bash", Decision.ALLOW, RuleScope.GLOBAL, null, null, NOW.plusSeconds(1))))).isPresent();
  }

  @Test
  void freeFormQuestionsAlwaysAsk() {
    assertThat(Policy.decide(null, null, "ses_1", "/w", ApprovalMode.AUTO,
        List.of(rule("*", Decision.ALLOW, RuleScope.GLOBAL, null, null, null)), NOW)).isEmpty();
  }

  @Test
  void durationsReadSecondsMinutesHoursAndDays() {
    assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("30m")).isEqualTo(Duration.ofMinutes(30));
    assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
    assertThat(Durations.parse("45")).isEqualTo(Duration.ofSeconds(45));
    assertThat(Durations.parse("0.5s")).isEqualTo(Duration.ofMillis(500));
  }
}
