package dev.tether.control.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.control.ControlJson;
import dev.tether.control.approval.Decision;
import dev.tether.control.approval.NewRule;
import dev.tether.control.approval.ResolvedBy;
import dev.tether.control.session.NewSession;
import dev.tether.control.session.SessionState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Events and request records read and write the snake_case wire format. */
class WireFormatTest {
  @Test
  void usageDataReadsItsSnakeCaseFields() {
    SessionEvent e = EventCodec.decode("usage", ControlJson.parse("{\"input_tokens\":100,\"output_tokens\":20,\"cost_usd\":0.5}"));
    assertThat(e).isEqualTo(new SessionEvent.UsageReported(100, 20, 0, 0, 0.5));
    assertThat(EventCodec.data(e).toString())
        .isEqualTo("{\"input_tokens\":100,\"output_tokens\":20,\"cache_read_input_tokens\":0,\"cache_creation_input_tokens\":0,\"cost_usd\":0.5}");
  }

  @Test
  void outputAcceptsTheOriginalsFieldNames() {
    SessionEvent e = EventCodec.decode("output", ControlJson.parse(
        "{\"text\":\"t\",\"kind\":\"final\",\"is_final\":true,\"bridge_segments\":[{\"kind\":\"assistant\",\"text\":\"t\"}]}"));
    SessionEvent.Output out = (SessionEvent.Output) e;
    assertThat(out.isFinal()).isTrue();
    assertThat(out.segments()).hasSize(1);
    assertThat(EventCodec.data(out).toString())
        .isEqualTo("{\"text\":\"t\",\"kind\":\"final\",\"final\":true,\"segments\":[{\"kind\":\"assistant\",\"text\":\"t\"}]}");
  }

  @Test
  void theEnvelopeRoundTrips() throws Exception {
    Event e = new Event(7, "ses_x", 3, Instant.parse("2026-05-01T10:00:00.123Z"),
        new SessionEvent.ApprovalResolved("apr_1", null, Decision.DENY, ResolvedBy.TIMEOUT, "timeout", "late", null, null));
    String json = ControlJson.write(e);
    assertThat(json).isEqualTo("{\"session_id\":\"ses_x\",\"seq\":3,\"ts\":\"2026-05-01T10:00:00.123Z\","
        + "\"type\":\"approval_resolved\",\"data\":{\"approval_id\":\"apr_1\",\"decision\":\"deny\","
        + "\"resolved_by\":\"timeout\",\"via\":\"timeout\",\"reason\":\"late\",\"allowed\":false}}");
    Event back = ControlJson.MAPPER.readValue(json, Event.class);
    assertThat(back.body()).isEqualTo(e.body());
    assertThat(back.seq()).isEqualTo(3);
  }

  @Test
  void stateEventsUseTheStatesWireNames() {
    JsonNode data = EventCodec.data(new SessionEvent.StateChanged(SessionState.AWAITING_INPUT, SessionState.RUNNING, null));
    assertThat(data.toString()).isEqualTo("{\"state\":\"awaiting_input\",\"from\":\"running\"}");
  }

  @Test
  void unknownTypesAreKeptVerbatim() {
    SessionEvent e = EventCodec.decode("future", ControlJson.parse("{\"a\":[1,2]}"));
    assertThat(e.type()).isEqualTo("future");
    assertThat(EventCodec.data(e).toString()).isEqualTo("{\"a\":[1,2]}");
  }

  @Test
  void requestRecordsReadSnakeCaseAndAliases() throws Exception {
    NewSession s = ControlJson.MAPPER.readValue("{\"session_name\":\"n\",\"agent_type\":\"codex\",\"workspace\":\"/w\",\"approval_mode\":\"auto\"}", NewSession.class);
    assertThat(s).isEqualTo(new NewSession("n", "codex", "/w", "auto"));
    NewRule r = ControlJson.MAPPER.readValue("{\"pattern\":\"Edit\",\"session_id\":\"ses_1\",\"for\":\"30m\"}", NewRule.class);
    assertThat(r.sessionId()).isEqualTo("ses_1");
    assertThat(r.duration()).isEqualTo("30m");
  }
}
