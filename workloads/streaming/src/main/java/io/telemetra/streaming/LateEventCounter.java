package io.telemetra.streaming;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts events that arrived behind the watermark and so were left out of their windows (Spark's
 * per-operator numRowsDroppedByWatermark of the windows query), and logs them with each batch's
 * progress. Late transactions still reach the transactions table through the ingest query.
 */
public final class LateEventCounter extends StreamingQueryListener {

  private static final Logger LOG = LoggerFactory.getLogger(LateEventCounter.class);

  private final String queryName;
  private final AtomicLong total = new AtomicLong();
  private volatile String watermark = "";

  public LateEventCounter(String queryName) {
    this.queryName = queryName;
  }

  /** Late events dropped from windows since the job started. */
  public long total() {
    return total.get();
  }

  /** The windows query's watermark after its last batch (ISO-8601), or empty. */
  public String watermark() {
    return watermark;
  }

  @Override
  public void onQueryStarted(QueryStartedEvent event) {}

  @Override
  public void onQueryProgress(QueryProgressEvent event) {
    StreamingQueryProgress progress = event.progress();
    if (!queryName.equals(progress.name())) {
      return;
    }
    long late = 0;
    for (StateOperatorProgress op : progress.stateOperators()) {
      late += op.numRowsDroppedByWatermark();
    }
    String wm = progress.eventTime().get("watermark");
    if (wm != null) {
      watermark = wm;
    }
    long sum = total.addAndGet(late);
    if (late > 0) {
      LOG.warn(
          "{} batch {}: {} late events behind watermark {} left out of windows ({} in total)",
          queryName,
          progress.batchId(),
          late,
          wm,
          sum);
    }
  }

  @Override
  public void onQueryTerminated(QueryTerminatedEvent event) {}
}
