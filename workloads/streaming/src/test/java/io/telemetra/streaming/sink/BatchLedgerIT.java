package io.telemetra.streaming.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The commit ledger against real Postgres, one transaction per batch as the sinks use it: a replay
 * of the same checkpoint is skipped, a new checkpoint's batches are all written and the reset is
 * recorded once, and pipelines sharing the database keep apart.
 */
class BatchLedgerIT {

  private static final String WINDOWS = "telemetra-windows";

  @RegisterExtension static final MigratedDatabases databases = new MigratedDatabases();

  private String url;

  @BeforeEach
  void freshDatabase() throws SQLException {
    url = databases.fresh("ledger");
  }

  @Test
  void aReplayOfACommittedBatchOfTheSameCheckpointIsSkipped() throws SQLException {
    var ledger = ledger("a", null);
    UUID checkpoint = UUID.randomUUID();
    assertThat(commit(ledger, checkpoint, 0, 1)).containsExactly(false, false);
    assertThat(commit(ledger, checkpoint, 1)).containsExactly(true);
    assertThat(resets()).isEmpty();
  }

  @Test
  void everyBatchOfANewCheckpointIsWrittenAndTheResetIsRecordedOnce() throws SQLException {
    var ledger = ledger("a", null);
    UUID old = UUID.randomUUID();
    commit(ledger, old, 0, 1, 2, 3, 4);
    UUID fresh = UUID.randomUUID();

    assertThat(commit(ledger, fresh, 0, 1, 2, 3, 4, 5)).containsOnly(false);

    assertThat(resets()).containsExactly("a|" + WINDOWS + "|" + fresh + "|0|" + old + "|4");
  }

  @Test
  void aResetNamesTheCheckpointThatCommittedLast() throws SQLException {
    var ledger = ledger("a", null);
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    UUID third = UUID.randomUUID();
    commit(ledger, first, 0, 1, 2, 3, 4, 5, 6, 7);
    commit(ledger, second, 0, 1);
    commit(ledger, third, 0);
    assertThat(resets())
        .containsExactlyInAnyOrder(
            "a|" + WINDOWS + "|" + second + "|0|" + first + "|7",
            "a|" + WINDOWS + "|" + third + "|0|" + second + "|1");
  }

  @Test
  void aFailedFirstBatchLeavesNoResetBehindAndItsRetryRecordsIt() throws SQLException {
    var ledger = ledger("a", null);
    UUID old = UUID.randomUUID();
    commit(ledger, old, 0, 1);
    UUID fresh = UUID.randomUUID();
    try (Connection c = connect()) {
      assertThat(ledger.isReplay(c, new BatchLedger.Batch(fresh, 0))).isFalse();
      c.rollback();
    }
    assertThat(resets()).isEmpty();
    assertThat(commit(ledger, fresh, 0)).containsExactly(false);
    assertThat(resets()).hasSize(1);
  }

  @Test
  void pipelinesSharingTheDatabaseNeitherSkipNorResetEachOther() throws SQLException {
    var a = ledger("a", null);
    var b = ledger("b", null);
    commit(a, UUID.randomUUID(), 0, 1, 2);
    assertThat(commit(b, UUID.randomUUID(), 0, 1, 2)).containsOnly(false);
    assertThat(resets()).isEmpty();
  }

  @Test
  void batchesCommittedBeforeTheLedgerKnewCheckpointsAreNeitherSkippedNorAReset()
      throws SQLException {
    try (Connection c = connect()) {
      c.createStatement()
          .execute(
              "INSERT INTO streaming_commits (pipeline, query_name, query_id, batch_id)"
                  + " SELECT '', '"
                  + WINDOWS
                  + "', '00000000-0000-0000-0000-000000000000', g FROM generate_series(0, 9) g");
      c.commit();
    }
    assertThat(commit(ledger("a", null), UUID.randomUUID(), 0, 1)).containsOnly(false);
    assertThat(resets()).isEmpty();
  }

  @Test
  void aNewCheckpointWithANewResetNonceIsARequestedResetAndWithTheSameNonceAnIncident()
      throws SQLException {
    UUID original = UUID.randomUUID();
    UUID requested = UUID.randomUUID();
    UUID lost = UUID.randomUUID();
    commit(ledger("a", null), original, 0, 1, 2);
    commit(ledger("a", "window-120"), requested, 0, 1);
    commit(ledger("a", "window-120"), lost, 0);

    assertThat(requestedResets())
        .containsExactly(requested + "|window-120|true", lost + "|window-120|false");
  }

  @Test
  void aNonceThatGoesBackToAnEarlierOneIsStillRequested() throws SQLException {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    UUID third = UUID.randomUUID();
    commit(ledger("a", "one"), first, 0);
    commit(ledger("a", "two"), second, 0);
    commit(ledger("a", "one"), third, 0);

    assertThat(requestedResets()).containsExactly(second + "|two|true", third + "|one|true");
  }

  private static BatchLedger ledger(String pipeline, String resetNonce) {
    return new BatchLedger(pipeline, WINDOWS, java.util.Optional.ofNullable(resetNonce));
  }

  private List<String> requestedResets() throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = connect();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT concat_ws('|', query_id, reset_nonce, requested::text)"
                        + " FROM streaming_checkpoint_resets ORDER BY detected_at")) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }

  /** Runs batches as a sink does; returns, per batch, whether it was skipped as a replay. */
  private List<Boolean> commit(BatchLedger ledger, UUID queryId, long... batchIds)
      throws SQLException {
    List<Boolean> skipped = new ArrayList<>();
    for (long id : batchIds) {
      try (Connection c = connect()) {
        var batch = new BatchLedger.Batch(queryId, id);
        boolean replay = ledger.isReplay(c, batch);
        skipped.add(replay);
        if (replay) {
          c.rollback();
        } else {
          ledger.record(c, batch, 1);
          c.commit();
        }
      }
    }
    return skipped;
  }

  private List<String> resets() throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = connect();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT concat_ws('|', pipeline, query_name, query_id, first_batch_id,"
                        + " previous_query_id, previous_last_batch_id)"
                        + " FROM streaming_checkpoint_resets")) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }

  private Connection connect() throws SQLException {
    Connection c = databases.connect(url);
    c.setAutoCommit(false);
    return c;
  }
}
