package io.telemetra.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetra.embedded.Postgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** V3 ties the commit ledger to the checkpoint (query id) and the pipeline, on a live database. */
class CheckpointLedgerMigrationTest {

  private static final String OLD_CHECKPOINT = "11111111-1111-1111-1111-111111111111";
  private static final String NEW_CHECKPOINT = "22222222-2222-2222-2222-222222222222";

  @TempDir static Path dir;
  static Postgres postgres;
  static int databases;

  @BeforeAll
  static void startPostgres() {
    postgres = Postgres.onFreePort(dir.resolve("pg")).start();
  }

  @AfterAll
  static void stopPostgres() {
    postgres.close();
  }

  @Test
  void ledgerRowsWrittenBeforeTheUpgradeKeepTheirBatchesUnderNoCheckpoint() throws SQLException {
    String url = newDatabase();
    Flyway.configure()
        .dataSource(url, postgres.user(), postgres.password())
        .locations(SchemaMigrator.LOCATION)
        .target("2")
        .load()
        .migrate();
    exec(url, "INSERT INTO streaming_commits (query_name, batch_id, row_count) VALUES ('q', 7, 3)");

    SchemaMigrator.forUrl(url, postgres.user(), postgres.password()).migrate();

    assertThat(
            query(
                url,
                "SELECT pipeline || '|' || query_id || '|' || batch_id FROM streaming_commits"))
        .isEqualTo("|00000000-0000-0000-0000-000000000000|7");
  }

  @Test
  void aBatchIdIsUniqueOnlyWithinOneCheckpointOfOnePipelinesQuery() throws SQLException {
    String url = newDatabase();
    SchemaMigrator.forUrl(url, postgres.user(), postgres.password()).migrate();
    String insert =
        "INSERT INTO streaming_commits (pipeline, query_name, query_id, batch_id) VALUES"
            + " ('%s', 'telemetra-windows', '%s', 0)";
    exec(url, String.format(insert, "a", OLD_CHECKPOINT));
    exec(url, String.format(insert, "a", NEW_CHECKPOINT));
    exec(url, String.format(insert, "b", OLD_CHECKPOINT));
    assertThatThrownBy(() -> exec(url, String.format(insert, "a", NEW_CHECKPOINT)))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("streaming_commits_pkey");
    assertThatThrownBy(
            () -> exec(url, "INSERT INTO streaming_commits (query_name, batch_id) VALUES ('q', 1)"))
        .hasMessageContaining("null value");
  }

  @Test
  void aResetNamesTwoDifferentCheckpointsOncePerNewCheckpoint() throws SQLException {
    String url = newDatabase();
    SchemaMigrator.forUrl(url, postgres.user(), postgres.password()).migrate();
    String insert =
        "INSERT INTO streaming_checkpoint_resets (pipeline, query_name, query_id, first_batch_id,"
            + " previous_query_id, previous_last_batch_id, previous_committed_at)"
            + " VALUES ('a', 'telemetra-windows', '%s', 0, '%s', 41, now())";
    exec(url, String.format(insert, NEW_CHECKPOINT, OLD_CHECKPOINT));
    assertThatThrownBy(() -> exec(url, String.format(insert, NEW_CHECKPOINT, OLD_CHECKPOINT)))
        .hasMessageContaining("streaming_checkpoint_resets_pkey");
    assertThatThrownBy(() -> exec(url, String.format(insert, OLD_CHECKPOINT, OLD_CHECKPOINT)))
        .hasMessageContaining("violates check constraint");
  }

  private static String newDatabase() throws SQLException {
    String db = "ledger_" + ++databases;
    exec(postgres.jdbcUrl(), "CREATE DATABASE " + db);
    return "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + db;
  }

  private static void exec(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, postgres.user(), postgres.password())) {
      c.createStatement().execute(sql);
    }
  }

  private static String query(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, postgres.user(), postgres.password());
        var rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
