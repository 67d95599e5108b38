package io.telemetra.streaming.progress;

import io.telemetra.streaming.sink.SinkDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detects records that left Kafka before a query read them. The job reads with {@code
 * failOnDataLoss=false}, so it keeps running from the earliest retained offset instead of failing;
 * this listener makes the loss visible instead of silent: after each batch it compares the records
 * in the batch's offset range with the records it read ({@link KafkaOffsetRange}), and looks for
 * partitions whose offsets went back (their log was replaced: Spark skips what the new log held
 * below its end); it logs a WARN line starting {@code KafkaDataLoss:}, counts the records, and
 * records the batch in streaming_data_loss, which the operator reports on the pipeline.
 */
public final class KafkaDataLossDetector extends WatchedQueries {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaDataLossDetector.class);

  private static final String RECORD =
      "INSERT INTO streaming_data_loss (pipeline, query_name, query_id, batch_id, lost_records,"
          + " offsets) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

  private final String pipeline;
  private final SinkDatabase postgres;
  private final AtomicLong total = new AtomicLong();

  public KafkaDataLossDetector(String pipeline, Set<String> queries, SinkDatabase postgres) {
    super(queries);
    this.pipeline = pipeline;
    this.postgres = postgres;
  }

  /** Records the watched queries found gone from Kafka since the job started. */
  public long total() {
    return total.get();
  }

  @Override
  void progressed(StreamingQueryProgress progress) {
    for (SourceProgress source : progress.sources()) {
      KafkaOffsetRange.unread(source.startOffset(), source.endOffset(), source.numInputRows())
          .filter(unread -> unread.total() > 0)
          .ifPresent(unread -> report(progress, source, unread));
    }
  }

  private void report(
      StreamingQueryProgress progress, SourceProgress source, KafkaOffsetRange.Unread unread) {
    long lost = unread.total();
    long sum = total.addAndGet(lost);
    String offsets =
        source.startOffset()
            + " .. "
            + source.endOffset()
            + (unread.rewound().isEmpty()
                ? ""
                : "; " + String.join(", ", unread.rewound()) + ": the log was replaced");
    if (unread.deleted() > 0) {
      LOG.warn(
          "KafkaDataLoss: {} batch {} read {} records of its offset range {}: {} were deleted from"
              + " Kafka (retention?) before the job read them and are missing from every table"
              + " ({} in total)",
          progress.name(),
          progress.batchId(),
          source.numInputRows(),
          offsets,
          unread.deleted(),
          sum);
    }
    if (unread.skipped() > 0) {
      LOG.warn(
          "KafkaDataLoss: {} batch {}: the offsets of {} (the topic was deleted and created again,"
              + " or the brokers are another cluster); the job resumed at the new end offsets and"
              + " skipped the {} records before them, which are missing from every table ({} in"
              + " total); a checkpoint reset with startingOffsets earliest reads them",
          progress.name(),
          progress.batchId(),
          String.join(", ", unread.rewound()),
          unread.skipped(),
          sum);
    }
    try (Connection c = postgres.open();
        PreparedStatement insert = c.prepareStatement(RECORD)) {
      insert.setString(1, pipeline);
      insert.setString(2, progress.name());
      insert.setObject(3, progress.id());
      insert.setLong(4, progress.batchId());
      insert.setLong(5, lost);
      insert.setString(6, offsets);
      insert.executeUpdate();
      c.commit();
    } catch (SQLException e) {
      LOG.error(
          "KafkaDataLoss: cannot record the loss of {} batch {} in streaming_data_loss: {}",
          progress.name(),
          progress.batchId(),
          e.getMessage());
    }
  }
}
