package io.telemetra.streaming.sink;

import io.telemetra.runtime.KafkaConnection;
import io.telemetra.streaming.ingest.EventRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * foreachBatch sink of the ingest query, which sees every record: sends rejected records to the
 * dead-letter topic, then in one Postgres transaction inserts every valid transaction (once by
 * event_id, however late: money is never dropped), upserts the streams table from stream_meta and
 * event times, and records the batch.
 */
public final class IngestSink implements VoidFunction2<Dataset<Row>, Long> {

  private static final Logger LOG = LoggerFactory.getLogger(IngestSink.class);
  private static final long serialVersionUID = 1L;

  private static final String INSERT_TRANSACTION =
      "INSERT INTO transactions (event_id, stream_id, ts, user_id, type, amount, currency,"
          + " batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING";

  private static final String NEWER_META =
      "EXCLUDED.status_changed_at IS NOT NULL AND (s.status_changed_at IS NULL"
          + " OR EXCLUDED.status_changed_at >= s.status_changed_at)";

  private static final String UPSERT_STREAM =
      "INSERT INTO streams AS s (stream_id, title, category, streamer, status,"
          + " status_changed_at, last_event_at) VALUES (?, ?, ?, ?, COALESCE(?, 'offline'), ?, ?)"
          + " ON CONFLICT (stream_id) DO UPDATE SET"
          + " title = CASE WHEN "
          + NEWER_META
          + " THEN EXCLUDED.title ELSE s.title END,"
          + " category = CASE WHEN "
          + NEWER_META
          + " THEN EXCLUDED.category ELSE s.category END,"
          + " streamer = CASE WHEN "
          + NEWER_META
          + " THEN EXCLUDED.streamer ELSE s.streamer END,"
          + " status = CASE WHEN "
          + NEWER_META
          + " THEN EXCLUDED.status ELSE s.status END,"
          + " status_changed_at = CASE WHEN "
          + NEWER_META
          + " THEN EXCLUDED.status_changed_at ELSE s.status_changed_at END,"
          + " last_event_at = GREATEST(s.last_event_at, EXCLUDED.last_event_at),"
          + " updated_at = now()";

  private final BatchLedger ledger;
  private final HeldConnection postgres;
  private final DeadLetterSender deadLetters;
  private final UnreadReplays unreadReplays;

  /**
   * The sink of {@code ledger}'s query; the replays it skips (without reading them) go to {@code
   * unreadReplays}.
   */
  public IngestSink(
      BatchLedger ledger,
      SinkDatabase postgres,
      String deadLetterTopic,
      KafkaConnection kafka,
      UnreadReplays unreadReplays) {
    this.ledger = ledger;
    this.postgres = postgres.held();
    this.deadLetters = new DeadLetterSender(deadLetterTopic, kafka);
    this.unreadReplays = unreadReplays;
  }

  @Override
  public void call(Dataset<Row> batch, Long batchId) throws Exception {
    BatchLedger.Batch committing = BatchLedger.of(batch, batchId);
    // A replay is skipped before its records are read: nothing of it is written again.
    if (!ledger.writeOnce(postgres, committing, c -> write(c, committing, batch))) {
      unreadReplays.add(committing);
    }
  }

  private void write(Connection c, BatchLedger.Batch committing, Dataset<Row> batch)
      throws Exception {
    // One Spark job per batch: everything but chat and viewer rows, plus per-stream event times.
    List<Row> rows =
        batch.mapPartitions(new DriverRows(), Encoders.row(EventRows.SCHEMA)).collectAsList();
    List<Row> rejected = new ArrayList<>();
    List<Row> transactions = new ArrayList<>();
    Map<String, StreamUpdate> streams = new TreeMap<>();
    for (Row r : rows) {
      String kind = r.getString(EventRows.KIND);
      if (EventRows.REJECTED.equals(kind)) {
        rejected.add(r);
        continue;
      }
      StreamUpdate update =
          streams.computeIfAbsent(r.getString(EventRows.STREAM_ID), k -> new StreamUpdate());
      if (EventRows.TRANSACTION.equals(kind)) {
        transactions.add(r);
      } else if (EventRows.STREAM_META.equals(kind)) {
        update.meta(r);
      } else {
        update.seen(r.getTimestamp(EventRows.TS));
      }
    }
    deadLetters.send(rejected);
    insertTransactions(c, transactions, committing.batchId());
    upsertStreams(c, streams);
    ledger.record(c, committing, transactions.size() + rejected.size());
    c.commit();
    if (!rejected.isEmpty() || !transactions.isEmpty()) {
      LOG.info(
          "{} batch {}: {} transactions, {} streams, {} records to the dead-letter topic",
          ledger.queryName(),
          committing.batchId(),
          transactions.size(),
          streams.size(),
          rejected.size());
    }
  }

  /** What one batch says about a stream: its latest event time and latest metadata event. */
  private static final class StreamUpdate {
    private Timestamp lastEvent;
    private Row meta;

    void seen(Timestamp ts) {
      if (lastEvent == null || ts.after(lastEvent)) {
        lastEvent = ts;
      }
    }

    void meta(Row r) {
      if (meta == null
          || r.getTimestamp(EventRows.TS).after(meta.getTimestamp(EventRows.TS))
          || r.getTimestamp(EventRows.TS).equals(meta.getTimestamp(EventRows.TS))
              && r.getString(EventRows.EVENT_ID).compareTo(meta.getString(EventRows.EVENT_ID))
                  > 0) {
        meta = r;
      }
    }
  }

  private static void insertTransactions(Connection c, List<Row> rows, long batchId)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT_TRANSACTION)) {
      for (Row r : rows) {
        s.setString(1, r.getString(EventRows.EVENT_ID));
        s.setString(2, r.getString(EventRows.STREAM_ID));
        s.setObject(3, SinkDatabase.utc(r.getTimestamp(EventRows.TS)));
        s.setString(4, r.getString(EventRows.USER_ID));
        s.setString(5, r.getString(EventRows.TX_TYPE));
        s.setBigDecimal(6, r.getDecimal(EventRows.AMOUNT).stripTrailingZeros());
        s.setString(7, r.getString(EventRows.CURRENCY));
        s.setLong(8, batchId);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static void upsertStreams(Connection c, Map<String, StreamUpdate> streams)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(UPSERT_STREAM)) {
      for (Map.Entry<String, StreamUpdate> e : streams.entrySet()) {
        Row meta = e.getValue().meta;
        s.setString(1, e.getKey());
        s.setString(2, meta == null ? null : meta.getString(EventRows.TITLE));
        s.setString(3, meta == null ? null : meta.getString(EventRows.CATEGORY));
        s.setString(4, meta == null ? null : meta.getString(EventRows.STREAMER));
        s.setString(5, meta == null ? null : meta.getString(EventRows.STATUS));
        s.setObject(6, meta == null ? null : SinkDatabase.utc(meta.getTimestamp(EventRows.TS)));
        s.setObject(7, SinkDatabase.utc(e.getValue().lastEvent));
        s.addBatch();
      }
      s.executeBatch();
    }
  }
}
