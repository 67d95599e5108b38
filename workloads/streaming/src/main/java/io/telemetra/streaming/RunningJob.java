package io.telemetra.streaming;

import io.telemetra.streaming.config.WindowEngine;
import io.telemetra.streaming.progress.ConsumedRecords;
import io.telemetra.streaming.progress.KafkaDataLossDetector;
import io.telemetra.streaming.sink.SinkDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;

/** A started streaming job: its two queries, to watch, await or stop. */
public final class RunningJob implements AutoCloseable {

  private final SparkSession spark;
  private final StreamingQuery ingest;
  private final StreamingQuery windows;
  private final LateEventCounter lateEvents;
  private final KafkaDataLossDetector dataLoss;
  private final ConsumedRecords consumed;
  private final WindowEngine windowEngine;
  private final SinkDatabase postgres;

  RunningJob(
      SparkSession spark,
      StreamingQuery ingest,
      StreamingQuery windows,
      LateEventCounter lateEvents,
      KafkaDataLossDetector dataLoss,
      ConsumedRecords consumed,
      WindowEngine windowEngine,
      SinkDatabase postgres) {
    this.spark = spark;
    this.ingest = ingest;
    this.windows = windows;
    this.lateEvents = lateEvents;
    this.dataLoss = dataLoss;
    this.consumed = consumed;
    this.windowEngine = windowEngine;
    this.postgres = postgres;
  }

  /** The engine the windows query runs: the one its checkpoint was written by, if any. */
  public WindowEngine windowEngine() {
    return windowEngine;
  }

  public List<StreamingQuery> queries() {
    return List.of(ingest, windows);
  }

  /** True while both queries run. */
  public boolean isActive() {
    return ingest.isActive() && windows.isActive();
  }

  /** The first query failure, if any query failed. */
  public Optional<StreamingQueryException> failure() {
    return queries().stream()
        .map(q -> q.exception())
        .filter(e -> e.isDefined())
        .map(e -> e.get())
        .findFirst();
  }

  /** Late events left out of windows so far (see {@link LateEventCounter}). */
  public long lateEventCount() {
    return lateEvents.total();
  }

  /**
   * Records both queries found deleted from Kafka before they read them (see {@link
   * KafkaDataLossDetector}).
   */
  public long lostRecordCount() {
    return dataLoss.total();
  }

  /** The windows query's current watermark (ISO-8601), or empty before the first batch. */
  public String watermark() {
    return lateEvents.watermark();
  }

  /** Blocks until a query stops; rethrows its failure. */
  public void awaitAnyTermination() throws StreamingQueryException {
    spark.streams().awaitAnyTermination();
  }

  /** Waits until every record available now has been processed by both queries. */
  public void processAllAvailable() {
    ingest.processAllAvailable();
    windows.processAllAvailable();
  }

  /** Stops both queries, waiting up to {@code timeout} for the running batches. */
  public void stop(Duration timeout) {
    spark.conf().set("spark.sql.streaming.stopTimeout", String.valueOf(timeout.toMillis()));
    for (StreamingQuery q : queries()) {
      try {
        q.stop();
      } catch (TimeoutException e) {
        // the query thread was interrupted; its batch will be replayed on restart
      }
    }
    spark.streams().removeListener(lateEvents);
    // listeners go with the job: another job in this session (tests) runs queries of the same names
    spark.streams().removeListener(dataLoss);
    spark.streams().removeListener(consumed);
    dataLoss.close();
    postgres.close();
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(30));
  }
}
