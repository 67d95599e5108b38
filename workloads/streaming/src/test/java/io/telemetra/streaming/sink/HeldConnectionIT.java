package io.telemetra.streaming.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetra.runtime.PostgresConnection;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A sink's connection kept between batches, against real Postgres: one server session for many
 * transactions, a session the server dropped replaced before use, and nothing left behind by a work
 * that fails or forgets to commit.
 */
class HeldConnectionIT {

  @RegisterExtension static final MigratedDatabases databases = new MigratedDatabases();

  private String url;
  private SinkDatabase database;
  private HeldConnection held;

  @BeforeEach
  void hold() throws SQLException {
    url = databases.fresh("held");
    database = new SinkDatabase(new PostgresConnection(url, databases.user(), ""));
    held = database.held();
  }

  @AfterEach
  void release() {
    database.close();
  }

  @Test
  void transactionsOneAfterAnotherShareOneServerSession() throws SQLException {
    int first = backendPid();
    for (int i = 0; i < 10; i++) {
      insertProgress("q" + i, i, true);
    }
    assertThat(backendPid()).isEqualTo(first);
    assertThat(count("SELECT count(*) FROM streaming_progress")).isEqualTo(10);
  }

  @Test
  void aSessionTheServerDroppedIsReplacedBeforeTheNextTransaction() throws SQLException {
    int first = backendPid();
    try (Connection admin = databases.connect(url)) {
      admin.createStatement().execute("SELECT pg_terminate_backend(" + first + ")");
    }
    insertProgress("after-the-drop", 1, true);
    assertThat(backendPid()).isNotEqualTo(first);
    assertThat(count("SELECT count(*) FROM streaming_progress")).isEqualTo(1);
  }

  @Test
  void aWorkThatFailsWritesNothingAndTheNextStartsOnAFreshSession() throws SQLException {
    int first = backendPid();
    assertThatThrownBy(
            () ->
                held.inTransaction(
                    c -> {
                      insert(c, "failing", 1);
                      throw new IllegalStateException("the batch failed");
                    }))
        .hasMessage("the batch failed");
    assertThat(count("SELECT count(*) FROM streaming_progress")).isZero();
    assertThat(backendPid()).isNotEqualTo(first);
  }

  @Test
  void aTransactionTheWorkLeftOpenIsRolledBackNotLeftHoldingLocks() throws SQLException {
    int pid = backendPid();
    insertProgress("uncommitted", 1, false);
    assertThat(count("SELECT count(*) FROM streaming_progress")).isZero();
    try (Connection admin = databases.connect(url);
        var rs =
            admin
                .createStatement()
                .executeQuery("SELECT state FROM pg_stat_activity WHERE pid = " + pid)) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("idle");
    }
  }

  private void insertProgress(String query, long consumed, boolean commit) throws SQLException {
    held.inTransaction(
        c -> {
          insert(c, query, consumed);
          if (commit) {
            c.commit();
          }
          return null;
        });
  }

  private static void insert(Connection c, String query, long consumed) throws SQLException {
    try (var s =
        c.prepareStatement(
            "INSERT INTO streaming_progress (pipeline, query_name, consumed_records)"
                + " VALUES ('p', ?, ?)")) {
      s.setString(1, query);
      s.setLong(2, consumed);
      s.executeUpdate();
    }
  }

  private int backendPid() throws SQLException {
    return held.inTransaction(
        c -> {
          try (var rs = c.createStatement().executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
          }
        });
  }

  private long count(String sql) throws SQLException {
    try (Connection c = databases.connect(url);
        var rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
