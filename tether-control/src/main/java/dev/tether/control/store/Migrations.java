package dev.tether.control.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the numbered SQL files listed in {@code migrations/index.txt}, each once, in order, each in its
 * own transaction, recording the version in {@code schema_version}. A database written by a newer Tether
 * (a version above the newest known) is refused rather than guessed at.
 */
final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
  private static final String DIR = "migrations/";

  private Migrations() {}

  /** The migrations this build knows, in order. */
  static List<Migration> known() {
    List<Migration> list = new ArrayList<>();
    for (String line : resource(DIR + "index.txt").split("\n")) {
      String name = line.strip();
      if (name.isEmpty() || name.startsWith("#")) {
        continue;
      }
      int version = Integer.parseInt(name.substring(0, name.indexOf('_')));
      if (!list.isEmpty() && version != list.getLast().version() + 1) {
        throw new IllegalStateException("migration numbers must run 1, 2, 3…: " + name);
      }
      list.add(new Migration(version, name, resource(DIR + name)));
    }
    return list;
  }

  /** Brings the schema of {@code connection} to the newest version; returns it. */
  static int apply(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
          + " applied_at INTEGER NOT NULL)");
    }
    int current = current(connection);
    List<Migration> known = known();
    int newest = known.isEmpty() ? 0 : known.getLast().version();
    if (current > newest) {
      throw new StoreException("the database has schema version " + current + " but this Tether knows only up to "
          + newest + ": it was written by a newer Tether");
    }
    for (Migration m : known) {
      if (m.version() <= current) {
        continue;
      }
      LOG.info("applying database migration {}", m.name());
      try (Statement st = connection.createStatement()) {
        st.execute("BEGIN IMMEDIATE");
        try {
          for (String sql : statements(m.sql())) {
            st.execute(sql);
          }
          st.execute("INSERT INTO schema_version (version, name, applied_at) VALUES (" + m.version() + ", '"
              + m.name().replace("'", "''") + "', " + System.currentTimeMillis() + ")");
          st.execute("COMMIT");
        } catch (SQLException e) {
          st.execute("ROLLBACK");
          throw new StoreException("migration " + m.name() + " failed: " + e.getMessage(), e);
        }
      }
    }
    return newest;
  }

  private static int current(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /** Splits a script at semicolons ending a line; drops {@code --} comment lines. */
  static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("--") || trimmed.isEmpty()) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        out.add(current.toString().strip());
        current.setLength(0);
      }
    }
    if (!current.isEmpty()) {
      out.add(current.toString().strip());
    }
    return out;
  }

  private static String resource(String name) {
    try (InputStream in = Migrations.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + name, e);
    }
  }

  record Migration(int version, String name, String sql) {}
}
