package dev.tether.control.store;

import dev.tether.control.approval.Approval;
import dev.tether.control.approval.ApprovalStatus;
import dev.tether.control.approval.Rule;
import dev.tether.control.event.Event;
import dev.tether.control.session.Session;
import dev.tether.control.session.SessionQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SessionStore} on one SQLite file in WAL mode with {@code synchronous=FULL}: a commit is on disk
 * when it returns. One writer thread owns the write connection and runs writes back to back; all writes
 * that queued up while the previous commit was syncing go into the next transaction (group commit), each
 * inside its own savepoint so one failing write leaves the others alone. Reads use a small pool of
 * separate connections and see the last commit.
 */
public final class SqliteSessionStore implements SessionStore {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteSessionStore.class);
  /** The most writes one group commit takes. */
  static final int MAX_BATCH = 1024;
  private static final int READERS = 4;

  private final Path file;
  private final Clock clock;
  private final Connection writeConnection;
  private final SqliteTx tx;
  private final BlockingQueue<Op<?>> queue = new LinkedBlockingQueue<>();
  private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
  private final List<Connection> allReaders = new ArrayList<>();
  private final Thread writer;
  private volatile Consumer<List<Event>> listener = events -> {};
  private volatile boolean closed;

  private record Op<R>(Function<StoreTx, R> work, CompletableFuture<R> future) {}

  /** The transaction-control statements of the writer, parsed once. */
  private record Savepoints(PreparedStatement begin, PreparedStatement savepoint, PreparedStatement release,
      PreparedStatement rollbackTo, PreparedStatement commit) {
    static Savepoints prepare(Connection c) throws SQLException {
      return new Savepoints(c.prepareStatement("BEGIN IMMEDIATE"), c.prepareStatement("SAVEPOINT op"),
          c.prepareStatement("RELEASE op"), c.prepareStatement("ROLLBACK TO op"), c.prepareStatement("COMMIT"));
    }

    void close() {
      for (PreparedStatement ps : List.of(begin, savepoint, release, rollbackTo, commit)) {
        try {
          ps.close();
        } catch (SQLException ignored) {
          // closing anyway
        }
      }
    }
  }

  private final Savepoints savepoints;

  private SqliteSessionStore(Path file, Clock clock) throws SQLException {
    this.file = file;
    this.clock = clock;
    this.writeConnection = connect(file, false);
    Migrations.apply(writeConnection);
    this.tx = new SqliteTx(writeConnection);
    this.savepoints = Savepoints.prepare(writeConnection);
    for (int i = 0; i < READERS; i++) {
      Connection c = connect(file, true);
      allReaders.add(c);
      readers.add(c);
    }
    this.writer = Thread.ofPlatform().name("tether-store-writer").daemon(true).start(this::writeLoop);
  }

  /**
   * Opens (creating if needed) the database at {@code file} and brings its schema up to date.
   *
   * @throws StoreException when the file cannot be opened or migrated
   */
  public static SqliteSessionStore open(Path file, Clock clock) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return new SqliteSessionStore(file, clock);
    } catch (SQLException | java.io.IOException e) {
      throw new StoreException("cannot open the database " + file + ": " + e.getMessage(), e);
    }
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  private static Connection connect(Path file, boolean readOnly) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement st = c.createStatement()) {
      st.execute("PRAGMA busy_timeout = 10000");
      st.execute("PRAGMA journal_mode = WAL");
      // FULL: a WAL commit is fsynced before it returns, so an acknowledged event survives a crash.
      st.execute("PRAGMA synchronous = FULL");
      st.execute("PRAGMA foreign_keys = ON");
      if (readOnly) {
        st.execute("PRAGMA query_only = ON");
      }
    }
    return c;
  }

  @Override
  public void onCommit(Consumer<List<Event>> listener) {
    this.listener = listener;
  }

  @Override
  public <R> CompletableFuture<R> write(Function<StoreTx, R> work) {
    CompletableFuture<R> future = new CompletableFuture<>();
    if (closed) {
      future.completeExceptionally(new StoreException("the store is closed"));
      return future;
    }
    queue.add(new Op<>(work, future));
    return future;
  }

  private void writeLoop() {
    List<Op<?>> batch = new ArrayList<>();
    List<Object> results = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    List<Event> committed = new ArrayList<>();
    while (true) {
      Op<?> first;
      try {
        first = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        break;
      }
      if (first == null) {
        if (closed && queue.isEmpty()) {
          break;
        }
        continue;
      }
      batch.clear();
      results.clear();
      failures.clear();
      committed.clear();
      batch.add(first);
      queue.drainTo(batch, MAX_BATCH - 1);
      runBatch(batch, results, failures, committed);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void runBatch(List<Op<?>> batch, List<Object> results, List<Throwable> failures, List<Event> committed) {
    try {
      savepoints.begin.executeUpdate();
      for (Op<?> op : batch) {
        tx.begin(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        savepoints.savepoint.executeUpdate();
        try {
          Object result = op.work().apply(tx);
          savepoints.release.executeUpdate();
          results.add(result);
          failures.add(null);
          committed.addAll(tx.appended());
        } catch (Throwable t) {
          savepoints.rollbackTo.executeUpdate();
          savepoints.release.executeUpdate();
          results.add(null);
          failures.add(t);
        }
      }
      savepoints.commit.executeUpdate();
    } catch (SQLException | RuntimeException e) {
      LOG.error("group commit of {} writes failed", batch.size(), e);
      try (Statement st = writeConnection.createStatement()) {
        st.execute("ROLLBACK");
      } catch (SQLException ignored) {
        // no transaction left to roll back
      }
      StoreException failure = new StoreException("the write could not be committed: " + e.getMessage(), e);
      batch.forEach(op -> op.future().completeExceptionally(failure));
      return;
    }
    try {
      if (!committed.isEmpty()) {
        listener.accept(List.copyOf(committed));
      }
    } catch (RuntimeException e) {
      LOG.warn("commit listener failed", e);
    }
    for (int i = 0; i < batch.size(); i++) {
      Op op = batch.get(i);
      Throwable failure = failures.get(i);
      if (failure != null) {
        op.future().completeExceptionally(failure);
      } else {
        op.future().complete(results.get(i));
      }
    }
  }

  @Override
  public Optional<Session> session(String id) {
    return read("SELECT " + Rows.SESSION_COLUMNS + " FROM sessions s WHERE s.id = ?", ps -> ps.setString(1, id),
        Rows::session).stream().findFirst();
  }

  @Override
  public List<Session> sessions(SessionQuery q) {
    StringBuilder sql = new StringBuilder("SELECT " + Rows.SESSION_COLUMNS + " FROM sessions s WHERE 1 = 1");
    List<String> args = new ArrayList<>();
    if (q.state() != null) {
      sql.append(" AND s.state = ?");
      args.add(q.state().wire());
    }
    if (q.directory() != null) {
      String dir = q.directory().endsWith("/") && q.directory().length() > 1
          ? q.directory().substring(0, q.directory().length() - 1) : q.directory();
      sql.append(" AND (s.directory = ? OR substr(s.directory, 1, ?) = ?)");
      args.add(dir);
      String prefix = dir.equals("/") ? "/" : dir + "/";
      args.add("#" + prefix.length());
      args.add(prefix);
    }
    if (q.idPrefix() != null) {
      sql.append(" AND substr(s.id, 1, ?) = ?");
      args.add("#" + q.idPrefix().length());
      args.add(q.idPrefix());
    }
    sql.append(" ORDER BY s.created_at DESC, s.id DESC LIMIT ").append(q.limit() + 1).append(" OFFSET ").append(q.offset());
    return read(sql.toString(), ps -> {
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        if (a.startsWith("#")) {
          ps.setInt(i + 1, Integer.parseInt(a.substring(1)));
        } else {
          ps.setString(i + 1, a);
        }
      }
    }, Rows::session);
  }

  @Override
  public List<Event> events(String sessionId, long afterSeq, int limit, Set<String> types) {
    StringBuilder sql = new StringBuilder("SELECT " + Rows.EVENT_COLUMNS + " FROM events WHERE session_id = ? AND seq > ?");
    List<String> typeList = types == null ? List.of() : List.copyOf(types);
    if (types != null) {
      sql.append(" AND type IN (").append(String.join(", ", typeList.stream().map(t -> "?").toList())).append(")");
      if (typeList.isEmpty()) {
        return List.of();
      }
    }
    sql.append(" ORDER BY seq LIMIT ?");
    return read(sql.toString(), ps -> {
      ps.setString(1, sessionId);
      ps.setLong(2, afterSeq);
      int i = 3;
      for (String t : typeList) {
        ps.setString(i++, t);
      }
      ps.setInt(i, limit);
    }, Rows::event);
  }

  @Override
  public List<Event> eventsAfterPosition(long afterPosition, int limit) {
    return read("SELECT " + Rows.EVENT_COLUMNS + " FROM events WHERE position > ? ORDER BY position LIMIT ?", ps -> {
      ps.setLong(1, afterPosition);
      ps.setInt(2, limit);
    }, Rows::event);
  }

  @Override
  public long lastPosition() {
    return read("SELECT COALESCE(MAX(position), 0) FROM events", ps -> {}, rs -> rs.getLong(1)).getFirst();
  }

  @Override
  public Optional<Approval> approval(String id) {
    return read("SELECT " + Rows.APPROVAL_COLUMNS + " FROM approvals WHERE id = ?", ps -> ps.setString(1, id),
        Rows::approval).stream().findFirst();
  }

  @Override
  public List<Approval> approvals(String sessionId, ApprovalStatus status, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + Rows.APPROVAL_COLUMNS + " FROM approvals WHERE 1 = 1");
    if (sessionId != null) {
      sql.append(" AND session_id = ?");
    }
    if (status != null) {
      sql.append(" AND status = ?");
    }
    sql.append(" ORDER BY created_at DESC, seq DESC LIMIT ?");
    return read(sql.toString(), ps -> {
      int i = 1;
      if (sessionId != null) {
        ps.setString(i++, sessionId);
      }
      if (status != null) {
        ps.setString(i++, status.wire());
      }
      ps.setInt(i, limit);
    }, Rows::approval);
  }

  @Override
  public List<Rule> rules() {
    return read("SELECT " + Rows.RULE_COLUMNS + " FROM rules ORDER BY created_at, id", ps -> {}, Rows::rule);
  }

  private <T> List<T> read(String sql, SqliteTx.Binder binder, SqliteTx.Reader<T> reader) {
    if (closed) {
      throw new StoreException("the store is closed");
    }
    Connection c;
    try {
      c = readers.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for a database connection");
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
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
    } finally {
      readers.add(c);
    }
  }

  /** Stops taking writes, finishes the queued ones, and closes the database. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      writer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    tx.closeStatements();
    savepoints.close();
    for (Connection c : allReaders) {
      closeQuietly(c);
    }
    closeQuietly(writeConnection);
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      LOG.debug("closing a database connection", e);
    }
  }
}
