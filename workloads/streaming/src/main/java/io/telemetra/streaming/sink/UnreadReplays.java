package io.telemetra.streaming.sink;

import java.io.Serializable;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The batches a sink skipped as replays without reading their records (the ingest sink: its batch's
 * writes were committed by the run that read them). Spark reports such a batch as having read
 * nothing of its offset range; the data-loss check asks here so it does not take those records for
 * lost. The sinks and the progress listeners run in the driver, and a batch's progress is reported
 * after its sink returned.
 */
public final class UnreadReplays implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Set<BatchLedger.Batch> batches = ConcurrentHashMap.newKeySet();

  void add(BatchLedger.Batch batch) {
    batches.add(batch);
  }

  /** Whether batch {@code batchId} of query {@code queryId} was skipped unread; forgets it. */
  public boolean take(UUID queryId, long batchId) {
    return batches.remove(new BatchLedger.Batch(queryId, batchId));
  }
}
