package io.telemetra.schema;

/**
 * The names the streaming job's two queries record under in its ledger tables (streaming_commits,
 * streaming_progress, streaming_data_loss, streaming_checkpoint_resets), which the operator and the
 * soak read back.
 */
public final class StreamingQueries {

  /** Reads every event topic: dead letters, transactions, stream metadata. */
  public static final String INGEST = "telemetra-ingest";

  /** Reads chat, viewer and transaction events: the windows and moments. */
  public static final String WINDOWS = "telemetra-windows";

  private StreamingQueries() {}
}
