package dev.tether.control.store;

import dev.tether.control.ControlJson;
import dev.tether.control.approval.Approval;
import dev.tether.control.approval.Rule;
import dev.tether.control.event.Event;
import dev.tether.control.event.EventCodec;
import dev.tether.control.event.SessionEvent;
import dev.tether.control.session.Session;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link StoreTx} on the writer's connection, with its prepared statements kept for reuse. */
final class SqliteTx implements StoreTx {
  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private final List<Event> appended = new ArrayList<>();
  private Instant now;

  SqliteTx(Connection connection) {
    this.connection = connection;
  }

  /** Starts the next piece of work at {@code now}. */
  void begin(Instant now) {
    this.now = now;
    appended.clear();
  }

  /** The events the current work appended, in order. */
  List<Event> appended() {
    return List.copyOf(appended);
  }

  void closeStatements() {
    for (PreparedStatement ps : statements.values()) {
      try {
        ps.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
    }
    statements.clear();
  }

  @Override
  public Instant now() {
    return now;
  }

  @Override
  public Optional<Session> session(String id) {
    return query("SELECT " + Rows.SESSION_COLUMNS + " FROM sessions s WHERE s.id = ?", ps -> ps.setString(1, id),
        Rows::session).stream().findFirst();
  }

  @Override
  public List<Session> sessionsByAgentSessionId(String agentSessionId) {
    return query("SELECT " + Rows.SESSION_COLUMNS + " FROM sessions s WHERE s.agent_session_id = ?"
        + " ORDER BY s.created_at DESC, s.id DESC", ps -> ps.setString(1, agentSessionId), Rows::session);
  }

  @Override
  public void insert(Session s) {
    update("INSERT INTO sessions (id, name, agent_type, directory, state, approval_mode, away, agent_session_id,"
        + " created_at, updated_at, started_at, ended_at, last_seq, headless, sync_cursor)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)", ps -> {
          ps.setString(1, s.id());
          bindSession(ps, s, 2);
          ps.setInt(13, s.headless() ? 1 : 0);
          ps.setString(14, s.syncCursor());
        });
  }

  @Override
  public void update(Session s) {
    int n = update("UPDATE sessions SET name = ?, agent_type = ?, directory = ?, state = ?, approval_mode = ?,"
        + " away = ?, agent_session_id = ?, created_at = ?, updated_at = ?, started_at = ?, ended_at = ?,"
        + " input_tokens = ?, output_tokens = ?, cache_read_input_tokens = ?, cache_creation_input_tokens = ?,"
        + " cost_usd = ?, sync_cursor = ? WHERE id = ?", ps -> {
          bindSession(ps, s, 1);
          ps.setLong(12, s.usage().inputTokens());
          ps.setLong(13, s.usage().outputTokens());
          ps.setLong(14, s.usage().cacheReadInputTokens());
          ps.setLong(15, s.usage().cacheCreationInputTokens());
          ps.setDouble(16, s.usage().costUsd());
          ps.setString(17, s.syncCursor());
          ps.setString(18, s.id());
        });
    if (n != 1) {
      throw new StoreException("no session " + s.id());
    }
  }

  private static void bindSession(PreparedStatement ps, Session s, int from) throws SQLException {
    ps.setString(from, s.name());
    ps.setString(from + 1, s.agentType().wire());
    ps.setString(from + 2, s.directory());
    ps.setString(from + 3, s.state().wire());
    ps.setString(from + 4, s.approvalMode().wire());
    ps.setInt(from + 5, s.away() ? 1 : 0);
    ps.setString(from + 6, s.agentSessionId());
    Rows.setInstant(ps, from + 7, s.createdAt());
    Rows.setInstant(ps, from + 8, s.updatedAt());
    Rows.setInstant(ps, from + 9, s.startedAt());
    Rows.setInstant(ps, from + 10, s.endedAt());
  }

  @Override
  public void delete(String sessionId) {
    update("DELETE FROM sessions WHERE id = ?", ps -> ps.setString(1, sessionId));
  }

  @Override
  public Event append(String sessionId, SessionEvent body) {
    List<Long> seq = query("UPDATE sessions SET last_seq = last_seq + 1, updated_at = ? WHERE id = ? RETURNING last_seq",
        ps -> {
          ps.setLong(1, now.toEpochMilli());
          ps.setString(2, sessionId);
        }, rs -> rs.getLong(1));
    if (seq.isEmpty()) {
      throw new StoreException("no session " + sessionId);
    }
    String type = body.type();
    String data = body instanceof SessionEvent.Unknown u ? ControlJson.write(EventCodec.data(u)) : ControlJson.write(body);
    List<Long> position = query("INSERT INTO events (session_id, seq, ts, type, data) VALUES (?, ?, ?, ?, ?)"
        + " RETURNING position", ps -> {
          ps.setString(1, sessionId);
          ps.setLong(2, seq.getFirst());
          ps.setLong(3, now.toEpochMilli());
          ps.setString(4, type);
          ps.setString(5, data);
        }, rs -> rs.getLong(1));
    Event event = new Event(position.getFirst(), sessionId, seq.getFirst(), now, body);
    appended.add(event);
    return event;
  }

  @Override
  public Optional<Approval> approval(String id) {
    return query("SELECT " + Rows.APPROVAL_COLUMNS + " FROM approvals WHERE id = ?", ps -> ps.setString(1, id),
        Rows::approval).stream().findFirst();
  }

  @Override
  public Optional<Approval> approvalByRequestId(String sessionId, String requestId) {
    return query("SELECT " + Rows.APPROVAL_COLUMNS + " FROM approvals WHERE session_id = ? AND request_id = ?"
        + " ORDER BY created_at DESC LIMIT 1", ps -> {
          ps.setString(1, sessionId);
          ps.setString(2, requestId);
        }, Rows::approval).stream().findFirst();
  }

  @Override
  public List<Approval> pendingApprovals(String sessionId) {
    if (sessionId == null) {
      return query("SELECT " + Rows.APPROVAL_COLUMNS + " FROM approvals WHERE status = 'pending' ORDER BY created_at",
          ps -> {}, Rows::approval);
    }
    return query("SELECT " + Rows.APPROVAL_COLUMNS + " FROM approvals WHERE session_id = ? AND status = 'pending'"
        + " ORDER BY seq", ps -> ps.setString(1, sessionId), Rows::approval);
  }

  @Override
  public void insert(Approval a) {
    update("INSERT INTO approvals (" + Rows.APPROVAL_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
        + " ?, ?, ?, ?, ?)", ps -> Rows.bind(ps, a));
  }

  @Override
  public void update(Approval a) {
    update("DELETE FROM approvals WHERE id = ?", ps -> ps.setString(1, a.id()));
    insert(a);
  }

  @Override
  public List<Rule> rules() {
    return query("SELECT " + Rows.RULE_COLUMNS + " FROM rules ORDER BY created_at, id", ps -> {}, Rows::rule);
  }

  @Override
  public void insert(Rule r) {
    update("INSERT INTO rules (" + Rows.RULE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
      ps.setString(1, r.id());
      ps.setString(2, r.pattern());
      ps.setString(3, r.decision().wire());
      ps.setString(4, r.scope().wire());
      ps.setString(5, r.sessionId());
      ps.setString(6, r.directory());
      Rows.setInstant(ps, 7, r.createdAt());
      Rows.setInstant(ps, 8, r.expiresAt());
      ps.setString(9, r.createdBy());
    });
  }

  @Override
  public boolean deleteRule(String id) {
    return update("DELETE FROM rules WHERE id = ?", ps -> ps.setString(1, id)) > 0;
  }

  @Override
  public List<String> endedBefore(Instant cutoff) {
    return query("SELECT id FROM sessions WHERE state = 'ended' AND ended_at < ?",
        ps -> ps.setLong(1, cutoff.toEpochMilli()), rs -> rs.getString(1));
  }

  @Override
  public int deleteRulesExpiredBefore(Instant cutoff) {
    return update("DELETE FROM rules WHERE expires_at IS NOT NULL AND expires_at < ?",
        ps -> ps.setLong(1, cutoff.toEpochMilli()));
  }

  interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  interface Reader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      statements.put(sql, ps);
    }
    return ps;
  }

  private <T> List<T> query(String sql, Binder binder, Reader<T> reader) {
    try {
      PreparedStatement ps = prepare(sql);
      ps.clearParameters();
      binder.bind(ps);
      List<T> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(reader.read(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("database error: " + e.getMessage(), e);
    }
  }

  private int update(String sql, Binder binder) {
    try {
      PreparedStatement ps = prepare(sql);
      ps.clearParameters();
      binder.bind(ps);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("database error: " + e.getMessage(), e);
    }
  }
}
