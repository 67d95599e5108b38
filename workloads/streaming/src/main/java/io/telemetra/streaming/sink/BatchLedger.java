package io.telemetra.streaming.sink;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming_commits ledger of one query of one pipeline: which micro-batches of which
 * checkpoint are already in Postgres. A sink asks it first and records its batch in the same
 * transaction as the batch's rows, so a batch Spark replays after a crash is skipped instead of
 * written twice. Batches are those of one checkpoint, named by the query id Spark keeps in {@code
 * <checkpoint>/metadata}: a new checkpoint numbers its batches from 0 again and none of them is
 * taken for a batch of the old one. A new checkpoint that finds an older one's batches in the
 * ledger is a checkpoint reset, recorded in streaming_checkpoint_resets: requested when the new
 * checkpoint carries a reset nonce the old one did not (logged at INFO), otherwise an incident
 * (logged as a WARN {@code CheckpointReset:}).
 */
public final class BatchLedger implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(BatchLedger.class);

  /** The local property in which Spark names the query whose batch runs on this thread. */
  private static final String QUERY_ID_PROPERTY = "sql.streaming.queryId";

  private static final String KNOWN =
      "SELECT EXISTS (SELECT 1 FROM streaming_commits WHERE pipeline = ? AND query_name = ?"
          + " AND query_id = ? AND batch_id = ?), EXISTS (SELECT 1 FROM streaming_commits"
          + " WHERE pipeline = ? AND query_name = ? AND query_id = ?)";

  private static final String PREVIOUS_CHECKPOINT =
      "WITH latest AS (SELECT query_id FROM streaming_commits WHERE pipeline = ?"
          + " AND query_name = ? AND query_id <> ? ORDER BY committed_at DESC, batch_id DESC"
          + " LIMIT 1) SELECT c.query_id, max(c.batch_id), max(c.committed_at), max(c.reset_nonce)"
          + " FROM streaming_commits c JOIN latest USING (query_id)"
          + " WHERE c.pipeline = ? AND c.query_name = ? GROUP BY c.query_id";

  private static final String RECORD_RESET =
      "INSERT INTO streaming_checkpoint_resets (pipeline, query_name, query_id, first_batch_id,"
          + " previous_query_id, previous_last_batch_id, previous_committed_at, reset_nonce,"
          + " requested) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

  private static final String RECORD =
      "INSERT INTO streaming_commits (pipeline, query_name, query_id, batch_id, row_count,"
          + " reset_nonce, newest_window_end) VALUES (?, ?, ?, ?, ?, ?, GREATEST(?::timestamptz,"
          + " (SELECT newest_window_end FROM streaming_commits WHERE pipeline = ? AND query_name = ?"
          + " ORDER BY committed_at DESC LIMIT 1)))";

  private static final String FORGET_AFTER =
      "DELETE FROM streaming_commits WHERE pipeline = ? AND query_name = ? AND query_id = ?"
          + " AND batch_id > ?";

  private final String pipeline;
  private final String queryName;
  private final String resetNonce;

  /**
   * The ledger of query {@code queryName} of {@code pipeline}, whose checkpoint belongs to the
   * requested reset {@code resetNonce} (if any).
   */
  public BatchLedger(String pipeline, String queryName, Optional<String> resetNonce) {
    this.pipeline = pipeline;
    this.queryName = queryName;
    this.resetNonce = resetNonce.orElse(null);
  }

  /** One micro-batch: the id of the checkpoint's query and the batch id within it. */
  public record Batch(UUID queryId, long batchId) implements Serializable {

    @Override
    public String toString() {
      return "batch " + batchId + " of query id " + queryId;
    }
  }

  /** The batch {@code data} of a foreachBatch call, which runs on its query's thread. */
  public static Batch of(Dataset<Row> data, long batchId) {
    String id = data.sparkSession().sparkContext().getLocalProperty(QUERY_ID_PROPERTY);
    if (id == null) {
      throw new IllegalStateException("not called from a streaming query's batch");
    }
    return new Batch(UUID.fromString(id), batchId);
  }

  public String queryName() {
    return queryName;
  }

  /** A batch's writes, in the transaction that records it in the ledger; it commits. */
  @FunctionalInterface
  public interface BatchWrite<E extends Exception> {
    void write(Connection c) throws SQLException, E;
  }

  /**
   * Runs {@code write} in one transaction on {@code postgres} unless {@code batch} is already
   * committed: a replay is logged and skipped. Returns whether it ran.
   */
  public <E extends Exception> boolean writeOnce(
      HeldConnection postgres, Batch batch, BatchWrite<E> write) throws SQLException, E {
    return postgres.inTransaction(
        c -> {
          if (isReplay(c, batch)) {
            LOG.info("{} {} is already committed; skipping its replay", queryName, batch);
            c.rollback();
            return false;
          }
          write.write(c);
          return true;
        });
  }

  /**
   * Whether {@code batch} is already committed, i.e. a replay to skip. On the first batch of a
   * checkpoint the ledger has not seen, a reset is recorded (in this transaction) if the ledger
   * holds batches of an older checkpoint of the same pipeline and query.
   */
  public boolean isReplay(Connection c, Batch batch) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(KNOWN)) {
      bindQuery(s, 1, batch.queryId());
      s.setLong(4, batch.batchId());
      bindQuery(s, 5, batch.queryId());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        if (rs.getBoolean(1)) {
          return true;
        }
        if (!rs.getBoolean(2)) {
          recordResetIfAny(c, batch);
        }
        return false;
      }
    }
  }

  /** Records {@code batch} as committed, with the rows it wrote. */
  public void record(Connection c, Batch batch, long rowCount) throws SQLException {
    record(c, batch, rowCount, Optional.empty());
  }

  /**
   * Records {@code batch} as committed, with the rows it wrote and the end of the newest window
   * written so far: the newest among its rows (a windows batch that wrote windows) or the query's
   * previous one, whichever is later.
   */
  public void record(Connection c, Batch batch, long rowCount, Optional<Instant> newestWindowEnd)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(RECORD)) {
      bindQuery(s, 1, batch.queryId());
      s.setLong(4, batch.batchId());
      s.setLong(5, rowCount);
      s.setString(6, resetNonce);
      s.setObject(7, newestWindowEnd.map(end -> end.atOffset(ZoneOffset.UTC)).orElse(null));
      s.setString(8, pipeline);
      s.setString(9, queryName);
      s.executeUpdate();
    }
  }

  /**
   * Forgets the batches of checkpoint {@code queryId} after {@code lastBatch}: the checkpoint went
   * back to a snapshot taken when that was its last batch, so the batches after it run again and
   * must be written, not skipped as replays. Returns how many were forgotten.
   */
  public int forgetBatchesAfter(Connection c, UUID queryId, long lastBatch) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(FORGET_AFTER)) {
      bindQuery(s, 1, queryId);
      s.setLong(4, lastBatch);
      return s.executeUpdate();
    }
  }

  private void recordResetIfAny(Connection c, Batch batch) throws SQLException {
    UUID previous;
    long lastBatch;
    OffsetDateTime lastCommit;
    String previousNonce;
    try (PreparedStatement s = c.prepareStatement(PREVIOUS_CHECKPOINT)) {
      bindQuery(s, 1, batch.queryId());
      s.setString(4, pipeline);
      s.setString(5, queryName);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return;
        }
        previous = rs.getObject(1, UUID.class);
        lastBatch = rs.getLong(2);
        lastCommit = rs.getObject(3, OffsetDateTime.class);
        previousNonce = rs.getString(4);
      }
    }
    boolean requested = resetNonce != null && !resetNonce.equals(previousNonce);
    try (PreparedStatement s = c.prepareStatement(RECORD_RESET)) {
      bindQuery(s, 1, batch.queryId());
      s.setLong(4, batch.batchId());
      s.setObject(5, previous);
      s.setLong(6, lastBatch);
      s.setObject(7, lastCommit);
      s.setString(8, resetNonce);
      s.setBoolean(9, requested);
      s.executeUpdate();
    }
    if (requested) {
      LOG.info(
          "{} of pipeline {} runs on the new checkpoint of requested reset {} (query id {}); the"
              + " previous checkpoint (query id {}) ended at batch {}, committed {}.",
          queryName,
          pipeline,
          resetNonce,
          batch.queryId(),
          previous,
          lastBatch,
          lastCommit);
      return;
    }
    LOG.warn(
        "CheckpointReset: {} of pipeline {} runs on a new checkpoint (query id {}, first batch {});"
            + " the ledger's previous checkpoint (query id {}) ended at batch {}, committed {}."
            + " Every batch of the new checkpoint is written; it reads Kafka from its starting"
            + " offsets.",
        queryName,
        pipeline,
        batch.queryId(),
        batch.batchId(),
        previous,
        lastBatch,
        lastCommit);
  }

  /** Binds (pipeline, query name, query id) from parameter {@code first} on. */
  private void bindQuery(PreparedStatement s, int first, UUID queryId) throws SQLException {
    s.setString(first, pipeline);
    s.setString(first + 1, queryName);
    s.setObject(first + 2, queryId);
  }
}
