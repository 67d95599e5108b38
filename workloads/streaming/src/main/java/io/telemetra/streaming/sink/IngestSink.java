package io.telemetra.streaming.sink;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.telemetra.streaming.config.KafkaSettings;
import io.telemetra.streaming.ingest.EventRows;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
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

  private final String queryName;
  private final Postgres postgres;
  private final String deadLetterTopic;
  private final KafkaSettings kafka;

  public IngestSink(
      String queryName, Postgres postgres, String deadLetterTopic, KafkaSettings kafka) {
    this.queryName = queryName;
    this.postgres = postgres;
    this.deadLetterTopic = deadLetterTopic;
    this.kafka = kafka;
  }

  @Override
  public void call(Dataset<Row> batch, Long batchId) throws SQLException {
    try (Connection c = postgres.open()) {
      if (BatchLedger.isCommitted(c, queryName, batchId)) {
        LOG.info("{} batch {} is already committed; skipping its replay", queryName, batchId);
        c.rollback();
        return;
      }
      batch.persist(StorageLevel.MEMORY_AND_DISK());
      try {
        long rejected = sendDeadLetters(batch);
        List<Row> transactions =
            batch
                .filter(col("kind").equalTo(EventRows.TRANSACTION))
                .select("event_id", "stream_id", "ts", "user_id", "tx_type", "amount", "currency")
                .collectAsList();
        List<Row> streams = streams(batch).collectAsList();
        insertTransactions(c, transactions, batchId);
        upsertStreams(c, streams);
        BatchLedger.record(c, queryName, batchId, transactions.size() + rejected);
        c.commit();
        if (rejected > 0 || !transactions.isEmpty()) {
          LOG.info(
              "{} batch {}: {} transactions, {} streams, {} records to the dead-letter topic",
              queryName,
              batchId,
              transactions.size(),
              streams.size(),
              rejected);
        }
      } finally {
        batch.unpersist();
      }
    }
  }

  private long sendDeadLetters(Dataset<Row> batch) {
    Dataset<Row> rejected = batch.filter(col("kind").equalTo(EventRows.REJECTED));
    long count = rejected.count();
    if (count > 0) {
      rejected
          .select(
              lit(deadLetterTopic).as("topic"),
              col("key"),
              col("value"),
              col("dlq_headers").as("headers"))
          .write()
          .format("kafka")
          .options(kafka.sparkOptions())
          .option("kafka.acks", "all")
          .option("kafka.enable.idempotence", "true")
          .save();
    }
    return count;
  }

  private static Dataset<Row> streams(Dataset<Row> batch) {
    var isMeta = col("kind").equalTo(EventRows.STREAM_META);
    return batch
        .filter(col("kind").notEqual(EventRows.REJECTED))
        .groupBy(col("stream_id"))
        .agg(
            max(col("ts")).as("last_event_at"),
            max_by(
                    struct(
                        col("status"), col("title"), col("category"), col("streamer"), col("ts")),
                    when(isMeta, struct(col("ts"), col("event_id"))))
                .as("meta"))
        .select(
            col("stream_id"),
            col("last_event_at"),
            col("meta.status"),
            col("meta.title"),
            col("meta.category"),
            col("meta.streamer"),
            col("meta.ts").as("meta_ts"));
  }

  private static void insertTransactions(Connection c, List<Row> rows, long batchId)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT_TRANSACTION)) {
      for (Row r : rows) {
        s.setString(1, r.getString(0));
        s.setString(2, r.getString(1));
        s.setObject(3, Postgres.utc((Timestamp) r.get(2)));
        s.setString(4, r.getString(3));
        s.setString(5, r.getString(4));
        s.setBigDecimal(6, ((BigDecimal) r.get(5)).stripTrailingZeros());
        s.setString(7, r.getString(6));
        s.setLong(8, batchId);
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static void upsertStreams(Connection c, List<Row> rows) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(UPSERT_STREAM)) {
      for (Row r : rows) {
        s.setString(1, r.getAs("stream_id"));
        s.setString(2, r.getAs("title"));
        s.setString(3, r.getAs("category"));
        s.setString(4, r.getAs("streamer"));
        s.setString(5, r.getAs("status"));
        s.setObject(6, Postgres.utc((Timestamp) r.getAs("meta_ts")));
        s.setObject(7, Postgres.utc((Timestamp) r.getAs("last_event_at")));
        s.addBatch();
      }
      s.executeBatch();
    }
  }
}
