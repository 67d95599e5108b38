package io.telemetra.streaming.checkpoint;

import io.telemetra.streaming.config.SnapshotSettings;
import io.telemetra.streaming.sink.BatchLedger;
import io.telemetra.streaming.sink.SinkDatabase;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the job does with its checkpoint before the queries start: with {@code CHECKPOINT_SNAPSHOTS
 * > 0} it copies the checkpoint as the last run left it; with {@code CHECKPOINT_RESTORE_FROM} it
 * puts that snapshot back in its place (once) and makes the commit ledger forget the batches after
 * the snapshot's, so they run again and are written; then it deletes the oldest snapshots beyond
 * the count and records the rest in streaming_snapshots for the operator to list.
 */
public final class CheckpointHistory {

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointHistory.class);

  private static final String FORGET_GONE =
      "DELETE FROM streaming_snapshots WHERE pipeline = ? AND checkpoint = ?"
          + " AND NOT (snapshot_id = ANY (?))";

  private static final String RECORD =
      "INSERT INTO streaming_snapshots (pipeline, checkpoint, snapshot_id, location, taken_at,"
          + " batches) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

  private static final String RESTORED =
      "UPDATE streaming_snapshots SET restored_at = now() WHERE pipeline = ? AND checkpoint = ?"
          + " AND snapshot_id = ?";

  private CheckpointHistory() {}

  /**
   * Takes, restores and prunes as {@code settings} say, before the queries start.
   *
   * @param ledgers the commit ledger of each query, by query name
   * @throws IllegalStateException when the snapshot to restore does not exist, or the checkpoint's
   *     file system or Postgres fails: the job must not start on a checkpoint other than asked
   */
  public static void prepare(
      String pipeline,
      SnapshotSettings settings,
      CheckpointSnapshots snapshots,
      SinkDatabase postgres,
      Map<String, BatchLedger> ledgers) {
    if (settings.keep() == 0 && settings.restoreFrom().isEmpty()) {
      return;
    }
    try {
      Optional<Snapshot> restored = arrange(settings, snapshots, Instant.now());
      record(pipeline, snapshots, postgres, ledgers, restored);
      if (restored.isPresent()) {
        snapshots.markRestored(restored.get().id());
      }
    } catch (IOException | SQLException e) {
      throw new IllegalStateException(
          "cannot prepare the checkpoint at " + snapshots.location() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The file system's part: takes a snapshot, restores the one asked for unless the checkpoint was
   * restored from it already, deletes the oldest beyond the count; returns the snapshot restored.
   */
  static Optional<Snapshot> arrange(
      SnapshotSettings settings, CheckpointSnapshots snapshots, Instant now) throws IOException {
    if (settings.keep() > 0) {
      long started = System.nanoTime();
      snapshots
          .take(now)
          .ifPresent(
              s ->
                  LOG.info(
                      "Checkpoint snapshot {} taken at {} ({}) in {} ms",
                      s.id(),
                      s.location(),
                      s.batches(),
                      (System.nanoTime() - started) / 1_000_000));
    }
    Optional<Snapshot> restored = Optional.empty();
    Optional<String> wanted = settings.restoreFrom();
    if (wanted.isPresent() && !wanted.equals(snapshots.restoredFrom())) {
      restored = Optional.of(snapshots.restore(wanted.get()));
      LOG.warn(
          "CheckpointRestored: the checkpoint at {} went back to snapshot {} ({}); the batches"
              + " after those run again",
          snapshots.location(),
          wanted.get(),
          restored.get().batches());
    }
    // 0 takes none and deletes none: the copies taken before stay until deleted by hand
    List<String> pruned =
        settings.keep() > 0 ? snapshots.prune(settings.keep(), wanted) : List.of();
    if (!pruned.isEmpty()) {
      LOG.info("Deleted checkpoint snapshots {} (keeping {})", pruned, settings.keep());
    }
    return restored;
  }

  private static void record(
      String pipeline,
      CheckpointSnapshots snapshots,
      SinkDatabase postgres,
      Map<String, BatchLedger> ledgers,
      Optional<Snapshot> restored)
      throws IOException, SQLException {
    List<Snapshot> kept = snapshots.list();
    try (Connection c = postgres.open()) {
      try (PreparedStatement forget = c.prepareStatement(FORGET_GONE)) {
        forget.setString(1, pipeline);
        forget.setString(2, snapshots.location());
        forget.setArray(3, c.createArrayOf("text", kept.stream().map(Snapshot::id).toArray()));
        forget.executeUpdate();
      }
      try (PreparedStatement insert = c.prepareStatement(RECORD)) {
        for (Snapshot s : kept) {
          insert.setString(1, pipeline);
          insert.setString(2, snapshots.location());
          insert.setString(3, s.id());
          insert.setString(4, s.location());
          insert.setObject(5, SinkDatabase.utc(s.takenAt()));
          insert.setString(6, s.batches());
          insert.addBatch();
        }
        insert.executeBatch();
      }
      if (restored.isPresent()) {
        for (Map.Entry<String, Snapshot.Query> q : restored.get().queries().entrySet()) {
          BatchLedger ledger = ledgers.get(q.getKey());
          if (ledger != null) {
            int forgotten =
                ledger.forgetBatchesAfter(c, q.getValue().queryId(), q.getValue().lastBatch());
            LOG.info(
                "{}: {} committed batches after batch {} will run again",
                q.getKey(),
                forgotten,
                q.getValue().lastBatch());
          }
        }
        try (PreparedStatement mark = c.prepareStatement(RESTORED)) {
          mark.setString(1, pipeline);
          mark.setString(2, snapshots.location());
          mark.setString(3, restored.get().id());
          mark.executeUpdate();
        }
      }
      c.commit();
    }
  }
}
