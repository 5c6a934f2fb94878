package dev.tether.control.push;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The VAPID key pair and the subscriptions, in the control database's {@code push_keys} and
 * {@code push_subscriptions} tables (created by the store's migration 002). Its own connection: these
 * few, rare writes need none of the event log's ordering, and SQLite's busy timeout serialises them with it.
 */
public final class PushStore implements AutoCloseable {
  /** More than anyone has browsers; a bound so a client cannot fill the table. */
  static final int MAX_SUBSCRIPTIONS = 200;

  private final Connection c;

  private PushStore(Connection c) {
    this.c = c;
  }

  /** Opens the push tables of the database at {@code file} (already migrated by the session store). */
  public static PushStore open(Path file) {
    try {
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement st = c.createStatement()) {
        st.execute("PRAGMA busy_timeout = 10000");
        st.execute("SELECT 1 FROM push_keys LIMIT 0");
      }
      return new PushStore(c);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the push tables in " + file + ": " + e.getMessage(), e);
    }
  }

  /** The stored key pair, generated and stored on first use. */
  public synchronized Vapid vapid(String subject) {
    try {
      Vapid stored = load(subject);
      if (stored != null) {
        return stored;
      }
      Vapid fresh = Vapid.generate(subject);
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT OR IGNORE INTO push_keys (id, public_key, private_key, created_at) VALUES (1, ?, ?, ?)")) {
        ps.setString(1, fresh.publicKey());
        ps.setString(2, fresh.privateKey());
        ps.setLong(3, System.currentTimeMillis());
        ps.executeUpdate();
      }
      return load(subject); // another server on the same file may have won the insert
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read or store the VAPID keys: " + e.getMessage(), e);
    }
  }

  private Vapid load(String subject) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT public_key, private_key FROM push_keys WHERE id = 1")) {
      return rs.next() ? Vapid.of(rs.getString(1), rs.getString(2), subject) : null;
    }
  }

  /** Adds or refreshes a subscription (keyed by endpoint); false when the table is full. */
  public synchronized boolean save(PushSubscription s) {
    try {
      if (all().size() >= MAX_SUBSCRIPTIONS && all().stream().noneMatch(x -> x.endpoint().equals(s.endpoint()))) {
        return false;
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO push_subscriptions (endpoint, p256dh, auth, created_at)"
          + " VALUES (?, ?, ?, ?) ON CONFLICT(endpoint) DO UPDATE SET p256dh = excluded.p256dh, auth = excluded.auth")) {
        ps.setString(1, s.endpoint());
        ps.setString(2, s.p256dh());
        ps.setString(3, s.auth());
        ps.setLong(4, System.currentTimeMillis());
        ps.executeUpdate();
      }
      return true;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store the push subscription: " + e.getMessage(), e);
    }
  }

  /** Removes a subscription; whether there was one. */
  public synchronized boolean delete(String endpoint) {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM push_subscriptions WHERE endpoint = ?")) {
      ps.setString(1, endpoint);
      return ps.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot delete the push subscription: " + e.getMessage(), e);
    }
  }

  public synchronized List<PushSubscription> all() {
    List<PushSubscription> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT endpoint, p256dh, auth FROM push_subscriptions ORDER BY created_at")) {
      while (rs.next()) {
        out.add(new PushSubscription(rs.getString(1), rs.getString(2), rs.getString(3)));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the push subscriptions: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      c.close();
    } catch (SQLException e) {
      // closing a read-mostly connection: nothing to save
    }
  }
}
