package dev.tether.control.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The store contract on SQLite, plus what only a file-backed store can show. */
class SqliteSessionStoreTest extends SessionStoreContract {
  @Override
  protected SessionStore open(Path dir) {
    return SqliteSessionStore.open(dir.resolve("tether.db"), Clock.systemUTC());
  }

  @Test
  void everythingIsThereAfterReopening() {
    create("ses_a");
    output("ses_a", "one");
    output("ses_a", "two");
    store.close();
    store = open(dir);
    assertThat(store.events("ses_a", 0, 10, null)).hasSize(2);
    assertThat(output("ses_a", "three").seq()).isEqualTo(3);
  }

  @Test
  void theDatabaseIsInWalModeWithEveryMigrationApplied() throws Exception {
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("tether.db"));
        Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
        assertThat(rs.getString(1)).isEqualTo("wal");
      }
      try (ResultSet rs = st.executeQuery("SELECT MAX(version) FROM schema_version")) {
        assertThat(rs.getInt(1)).isEqualTo(Migrations.known().getLast().version());
      }
    }
  }

  @Test
  void aDatabaseFromANewerTetherIsRefused() throws Exception {
    store.close();
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("tether.db"));
        Statement st = c.createStatement()) {
      st.execute("INSERT INTO schema_version (version, name, applied_at) VALUES (999, '999_future.sql', 0)");
    }
    assertThatThrownBy(() -> open(dir)).isInstanceOf(StoreException.class).hasMessageContaining("newer Tether");
    store = open(dir.resolve("other"));
  }

  @Test
  void migrationScriptsSplitIntoStatements() {
    assertThat(Migrations.statements("-- c\nCREATE TABLE a (x INT);\n\nCREATE INDEX i\n  ON a (x);\n"))
        .containsExactly("CREATE TABLE a (x INT);", "CREATE INDEX i\n  ON a (x);");
  }
}
