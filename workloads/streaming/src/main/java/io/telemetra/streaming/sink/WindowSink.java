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
  private final HeldConnection postgres;
  private final MomentStore moments;

  public WindowSink(
      BatchLedger ledger, SinkDatabase postgres, SlidingWindows windows, MomentDetector detector) {
    this.ledger = ledger;
    this.postgres = postgres.held();
    this.moments = new MomentStore(windows, detector);
  }

  @Override
  public void call(Dataset<Row> batch, Long batchId) throws SQLException {
    // Run before the ledger is asked: a replayed batch too must run the stateful plan, which
    // writes the state store's version of this batch.
    List<Row> rows = batch.collectAsList();
    BatchLedger.Batch committing = BatchLedger.of(batch, batchId);
    ledger.writeOnce(postgres, committing, c -> write(c, committing, rows));
  }

  private void write(Connection c, BatchLedger.Batch committing, List<Row> rows)
      throws SQLException {
    long batchId = committing.batchId();
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
