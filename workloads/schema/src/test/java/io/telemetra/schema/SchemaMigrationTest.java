package io.telemetra.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetra.embedded.Postgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaMigrationTest {

  @TempDir static Path dir;
  static Postgres postgres;
  static SchemaMigrator migrator;

  @BeforeAll
  static void startPostgresAndMigrate() {
    postgres = Postgres.onFreePort(dir.resolve("pg")).start();
    migrator = SchemaMigrator.forUrl(postgres.jdbcUrl(), postgres.user(), postgres.password());
    migrator.migrate();
  }

  @AfterAll
  static void stopPostgres() {
    postgres.close();
  }

  @BeforeEach
  void emptyTables() throws SQLException {
    exec(
        "TRUNCATE streams, chat_summary_minute, viewer_timeseries, revenue_summary_minute,"
            + " transactions, moments, streaming_commits");
  }

  @Test
  void migratesFromEmptyToTheLatestVersionAndReRunIsANoOp() {
    assertThat(migrator.currentVersion()).contains(migrator.latestAvailableVersion());
    assertThat(migrator.pendingCount()).isZero();
    String again = migrator.migrate();
    assertThat(again).isEqualTo(migrator.latestAvailableVersion());
    assertThat(migrator.pendingCount()).isZero();
  }

  @Test
  void transactionsAreKeptExactlyOnceByEventIdAndMoneyIsExact() throws SQLException {
    String insert =
        "INSERT INTO transactions (event_id, stream_id, ts, user_id, type, amount, currency,"
            + " batch_id) VALUES ('e1', 's1', now(), 'u1', 'tip', 0.1, 'USD', 1)"
            + " ON CONFLICT (event_id) DO NOTHING";
    exec(insert);
    exec(insert);
    exec(
        "INSERT INTO transactions (event_id, stream_id, ts, user_id, type, amount, currency,"
            + " batch_id) VALUES ('e2', 's1', now(), 'u1', 'bits', 0.2, 'USD', 1)");
    assertThat(queryString("SELECT count(*) FROM transactions")).isEqualTo("2");
    assertThat(queryString("SELECT sum(amount) FROM transactions")).isEqualTo("0.3");
    assertThat(queryString("SELECT amount_sum FROM daily_revenue WHERE type = 'tip'"))
        .isEqualTo("0.1");
  }

  @Test
  void windowRowsUpsertIdempotentlyByStreamAndWindow() throws SQLException {
    String upsert =
        "INSERT INTO chat_summary_minute (stream_id, window_start, window_end, chat_count,"
            + " unique_chatters, sentiment_mean, batch_id) VALUES ('s1',"
            + " '2026-11-27T10:00:00Z', '2026-11-27T10:01:00Z', %d, 3, 0.5, %d)"
            + " ON CONFLICT (stream_id, window_start, window_end) DO UPDATE SET"
            + " chat_count = excluded.chat_count, batch_id = excluded.batch_id";
    exec(String.format(upsert, 10, 1));
    exec(String.format(upsert, 12, 2));
    exec(String.format(upsert, 12, 2));
    assertThat(queryString("SELECT count(*) || ':' || max(chat_count) FROM chat_summary_minute"))
        .isEqualTo("1:12");
  }

  @Test
  void streamLatestWindowViewShowsTheNewestWindow() throws SQLException {
    exec("INSERT INTO streams (stream_id, status) VALUES ('s1', 'online')");
    for (int minute = 0; minute < 3; minute++) {
      exec(
          String.format(
              "INSERT INTO viewer_timeseries VALUES ('s1', '2026-11-27T10:0%d:00Z',"
                  + " '2026-11-27T10:0%d:00Z', 10, 5, 20, %d, 4, 1)",
              minute, minute + 1, 100 + minute));
    }
    assertThat(queryString("SELECT last_viewers FROM stream_latest_window")).isEqualTo("102");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // negative amount
        "INSERT INTO transactions VALUES ('x', 's', now(), 'u', 'tip', -1, 'USD', 1)",
        // unknown transaction type
        "INSERT INTO transactions VALUES ('x', 's', now(), 'u', 'refund', 1, 'USD', 1)",
        // currency not three upper-case letters
        "INSERT INTO transactions VALUES ('x', 's', now(), 'u', 'tip', 1, 'usd', 1)",
        // empty event id
        "INSERT INTO transactions VALUES ('', 's', now(), 'u', 'tip', 1, 'USD', 1)",
        // unknown stream status
        "INSERT INTO streams (stream_id, status) VALUES ('s', 'paused')",
        // more unique chatters than messages
        "INSERT INTO chat_summary_minute (stream_id, window_start, window_end, chat_count,"
            + " unique_chatters, batch_id) VALUES ('s', '2026-01-01T00:00:00Z',"
            + " '2026-01-01T00:01:00Z', 1, 2, 1)",
        // window that ends before it starts
        "INSERT INTO chat_summary_minute (stream_id, window_start, window_end, chat_count,"
            + " unique_chatters, batch_id) VALUES ('s', '2026-01-01T00:01:00Z',"
            + " '2026-01-01T00:00:00Z', 1, 1, 1)",
        // sentiment outside [-1, 1]
        "INSERT INTO chat_summary_minute (stream_id, window_start, window_end, chat_count,"
            + " unique_chatters, sentiment_mean, batch_id) VALUES ('s', '2026-01-01T00:00:00Z',"
            + " '2026-01-01T00:01:00Z', 1, 1, 1.5, 1)",
        // negative viewers
        "INSERT INTO viewer_timeseries VALUES ('s', '2026-01-01T00:00:00Z',"
            + " '2026-01-01T00:01:00Z', -1, 0, 0, 0, 1, 1)",
        // max below min
        "INSERT INTO viewer_timeseries VALUES ('s', '2026-01-01T00:00:00Z',"
            + " '2026-01-01T00:01:00Z', 1, 5, 4, 4, 1, 1)",
        // unknown moment kind
        "INSERT INTO moments (stream_id, window_start, window_end, kind, score, value,"
            + " baseline_mean, baseline_stddev, batch_id) VALUES ('s', '2026-01-01T00:00:00Z',"
            + " '2026-01-01T00:01:00Z', 'boredom', 4, 1, 1, 1, 1)",
        // negative revenue
        "INSERT INTO revenue_summary_minute VALUES ('s', '2026-01-01T00:00:00Z',"
            + " '2026-01-01T00:01:00Z', 'EUR', 1, -3, 1)"
      })
  void tablesRejectWhatTheContractForbids(String sql) {
    assertThatThrownBy(() -> exec(sql))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("violates");
  }

  private static void exec(String sql) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static String queryString(String sql) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      var rs = s.executeQuery(sql);
      rs.next();
      return rs.getString(1);
    }
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
  }
}
