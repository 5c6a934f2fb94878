package dev.tether.control.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.control.ControlJson;
import dev.tether.control.approval.Approval;
import dev.tether.control.approval.ApprovalStatus;
import dev.tether.control.approval.Decision;
import dev.tether.control.approval.ResolvedBy;
import dev.tether.control.approval.Rule;
import dev.tether.control.approval.RuleScope;
import dev.tether.control.event.Event;
import dev.tether.control.event.EventCodec;
import dev.tether.control.session.AgentType;
import dev.tether.control.session.ApprovalMode;
import dev.tether.control.session.Session;
import dev.tether.control.session.SessionState;
import dev.tether.control.session.Usage;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Column lists, row readers and parameter binders shared by the store's reads and writes. */
final class Rows {
  static final String SESSION_COLUMNS = "s.id, s.name, s.agent_type, s.directory, s.state, s.approval_mode, s.away,"
      + " s.agent_session_id, s.created_at, s.updated_at, s.started_at, s.ended_at, s.last_seq, s.input_tokens,"
      + " s.output_tokens, s.cache_read_input_tokens, s.cache_creation_input_tokens, s.cost_usd,"
      + " (SELECT COUNT(*) FROM approvals a WHERE a.session_id = s.id AND a.status = 'pending') AS pending,"
      + " s.headless, s.sync_cursor";
  static final String EVENT_COLUMNS = "position, session_id, seq, ts, type, data";
  static final String APPROVAL_COLUMNS = "id, session_id, request_id, seq, tool_name, tool_input, title, description,"
      + " options, status, decision, resolved_by, via, reason, choice, rule_id, created_at, expires_at, decided_at";
  static final String RULE_COLUMNS = "id, pattern, decision, scope, session_id, directory, created_at, expires_at,"
      + " created_by";

  private Rows() {}

  static Session session(ResultSet rs) throws SQLException {
    return new Session(rs.getString(1), rs.getString(2), AgentType.parse(rs.getString(3)), rs.getString(4),
        SessionState.parse(rs.getString(5)).orElseThrow(), ApprovalMode.parse(rs.getString(6)).orElseThrow(),
        rs.getInt(7) != 0, rs.getString(8), instant(rs, 9), instant(rs, 10), instant(rs, 11), instant(rs, 12),
        rs.getLong(13), new Usage(rs.getLong(14), rs.getLong(15), rs.getLong(16), rs.getLong(17), rs.getDouble(18)),
        rs.getInt(19), rs.getInt(20) != 0, rs.getString(21));
  }

  static Event event(ResultSet rs) throws SQLException {
    String type = rs.getString(5);
    return new Event(rs.getLong(1), rs.getString(2), rs.getLong(3), Instant.ofEpochMilli(rs.getLong(4)),
        EventCodec.decode(type, json(rs.getString(6))));
  }

  static Approval approval(ResultSet rs) throws SQLException {
    String decision = rs.getString(11);
    String resolvedBy = rs.getString(12);
    return new Approval(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
        json(rs.getString(6)), rs.getString(7), rs.getString(8), strings(rs.getString(9)),
        ApprovalStatus.parse(rs.getString(10)).orElseThrow(),
        decision == null ? null : Decision.parse(decision).orElseThrow(),
        resolvedBy == null ? null : ResolvedBy.valueOf(resolvedBy.toUpperCase(Locale.ROOT)),
        rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16), instant(rs, 17), instant(rs, 18),
        instant(rs, 19));
  }

  static Rule rule(ResultSet rs) throws SQLException {
    return new Rule(rs.getString(1), rs.getString(2), Decision.parse(rs.getString(3)).orElseThrow(),
        RuleScope.parse(rs.getString(4)).orElseThrow(), rs.getString(5), rs.getString(6), instant(rs, 7),
        instant(rs, 8), rs.getString(9));
  }

  /** Binds the approval's columns (in {@link #APPROVAL_COLUMNS} order) starting at parameter 1. */
  static void bind(PreparedStatement ps, Approval a) throws SQLException {
    ps.setString(1, a.id());
    ps.setString(2, a.sessionId());
    ps.setString(3, a.requestId());
    ps.setLong(4, a.seq());
    ps.setString(5, a.toolName());
    ps.setString(6, a.toolInput() == null ? null : ControlJson.write(a.toolInput()));
    ps.setString(7, a.title());
    ps.setString(8, a.description());
    ps.setString(9, a.options().isEmpty() ? null : ControlJson.write(a.options()));
    ps.setString(10, a.status().wire());
    ps.setString(11, a.decision() == null ? null : a.decision().wire());
    ps.setString(12, a.resolvedBy() == null ? null : a.resolvedBy().wire());
    ps.setString(13, a.via());
    ps.setString(14, a.reason());
    ps.setString(15, a.choice());
    ps.setString(16, a.ruleId());
    setInstant(ps, 17, a.createdAt());
    setInstant(ps, 18, a.expiresAt());
    setInstant(ps, 19, a.decidedAt());
  }

  static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
    if (instant == null) {
      ps.setNull(index, Types.INTEGER);
    } else {
      ps.setLong(index, instant.toEpochMilli());
    }
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    long millis = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }

  private static JsonNode json(String text) {
    if (text == null) {
      return null;
    }
    try {
      return ControlJson.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> strings(String text) {
    if (text == null) {
      return List.of();
    }
    try {
      return ControlJson.MAPPER.readValue(text, new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
