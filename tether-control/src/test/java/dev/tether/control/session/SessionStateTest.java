package dev.tether.control.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The state table. */
class SessionStateTest {
  @Test
  void endedIsTerminal() {
    assertThat(SessionState.ENDED.next()).isEmpty();
  }

  @Test
  void everyLiveStateCanEndOrFail() {
    for (SessionState s : SessionState.values()) {
      if (s != SessionState.ENDED) {
        assertThat(s.canMoveTo(SessionState.ENDED)).as(s.wire()).isTrue();
      }
      if (s != SessionState.ENDED && s != SessionState.ERROR) {
        assertThat(s.canMoveTo(SessionState.ERROR)).as(s.wire()).isTrue();
      }
    }
  }

  @Test
  void theUsualTurnIsLegal() {
    assertThat(SessionState.CREATED.canMoveTo(SessionState.RUNNING)).isTrue();
    assertThat(SessionState.RUNNING.canMoveTo(SessionState.AWAITING_APPROVAL)).isTrue();
    assertThat(SessionState.AWAITING_APPROVAL.canMoveTo(SessionState.RUNNING)).isTrue();
    assertThat(SessionState.RUNNING.canMoveTo(SessionState.INTERRUPTING)).isTrue();
    assertThat(SessionState.INTERRUPTING.canMoveTo(SessionState.AWAITING_INPUT)).isTrue();
    assertThat(SessionState.AWAITING_INPUT.canMoveTo(SessionState.RUNNING)).isTrue();
  }

  @Test
  void shortcutsAreIllegal() {
    assertThat(SessionState.CREATED.canMoveTo(SessionState.AWAITING_INPUT)).isFalse();
    assertThat(SessionState.CREATED.canMoveTo(SessionState.INTERRUPTING)).isFalse();
    assertThat(SessionState.AWAITING_INPUT.canMoveTo(SessionState.INTERRUPTING)).isFalse();
    assertThat(SessionState.INTERRUPTING.canMoveTo(SessionState.RUNNING)).isFalse();
    assertThat(SessionState.RUNNING.canMoveTo(SessionState.RUNNING)).isFalse();
  }

  @Test
  void wireNamesParseLeniently() {
    assertThat(SessionState.parse("awaiting-input")).contains(SessionState.AWAITING_INPUT);
    assertThat(SessionState.parse("RUNNING")).contains(SessionState.RUNNING);
    assertThat(SessionState.parse("done")).isEmpty();
    assertThat(AgentType.parse("claude-code")).isEqualTo(AgentType.CLAUDE_CODE);
    assertThat(AgentType.parse("my-bot")).isEqualTo(AgentType.CUSTOM);
    assertThat(ApprovalMode.parse("auto_edits")).contains(ApprovalMode.AUTO_EDITS);
  }
}
