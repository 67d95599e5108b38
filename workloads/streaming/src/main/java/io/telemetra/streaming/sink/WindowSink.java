package io.telemetra.streaming.sink;

import io.telemetra.analytics.moments.MomentDetector;
import io.telemetra.analytics.window.SlidingWindows;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * foreachBatch sink of the windows query: in one Postgres transaction per micro-batch, skips a
 * batch already in streaming_commits, upserts the changed windows, re-evaluates their moments,
 * records the batch and NOTIFYs listeners.
 */
public final class WindowSink implements VoidFunction2<Dataset<Row>, Long> {

  private static final Logger LOG = LoggerFactory.getLogger(WindowSink.class);
  private static final long serialVersionUID = 1L;

  private final BatchLedger ledger;
  private final SinkDatabase postgres;
  private final MomentStore moments;

  public WindowSink(
      BatchLedger ledger, SinkDatabase postgres, SlidingWindows windows, MomentDetector detector) {
    this.ledger = ledger;
    this.postgres = postgres;
    this.moments = new MomentStore(windows, detector);
  }

  @Override
  public void call(Dataset<Row> batch, Long batchId) throws SQLException {
    List<Row> rows = batch.collectAsList();
    try (Connection c = postgres.open()) {
      BatchLedger.Batch committing = BatchLedger.of(batch, batchId);
      if (ledger.isReplay(c, committing)) {
        LOG.info("{} {} is already committed; skipping its replay", ledger.queryName(), committing);
        c.rollback();
        return;
      }
      WindowRowWriter.write(c, rows, batchId);
      Map<String, Set<Instant>> touched = new TreeMap<>();
      Optional<Instant> newestEnd = Optional.empty();
      for (Row r : rows) {
        touched
            .computeIfAbsent(r.getAs("stream_id"), k -> new TreeSet<>())
            .add(((Timestamp) r.getAs("window_start")).toInstant());
        Instant end = ((Timestamp) r.getAs("window_end")).toInstant();
        if (newestEnd.isEmpty() || end.isAfter(newestEnd.get())) {
          newestEnd = Optional.of(end);
        }
      }
      int momentCount = moments.evaluate(c, touched, batchId);
      ledger.record(c, committing, rows.size(), newestEnd);
      if (!rows.isEmpty()) {
        UpdateNotification.send(
            c, UpdateNotification.payload(batchId, touched.keySet(), momentCount));
      }
      c.commit();
      if (!rows.isEmpty()) {
        LOG.info(
            "{} batch {}: {} window rows, {} streams, {} moments",
            ledger.queryName(),
            batchId,
            rows.size(),
            touched.size(),
            momentCount);
      }
    }
  }
}
