package io.telemetra.operator.status;

/**
 * The condition types a TelemetraPipeline reports: one per part, the overall Ready, and two that
 * say what the streaming job recorded: CheckpointReset (it replaced a checkpoint) and KafkaDataLoss
 * (records left Kafka before it read them). For those two True is the abnormal state, and they
 * leave Ready alone: the job runs; data was replayed or is missing.
 */
public final class ConditionType {

  public static final String READY = "Ready";
  public static final String TOPICS_READY = "TopicsReady";
  public static final String SCHEMA_READY = "SchemaReady";
  public static final String STREAMING_READY = "StreamingReady";
  public static final String API_READY = "ApiReady";
  public static final String CHECKPOINT_RESET = "CheckpointReset";

  /** While the job runs: whether it keeps committing batches as records arrive. */
  public static final String DATA_FLOWING = "DataFlowing";

  public static final String KAFKA_DATA_LOSS = "KafkaDataLoss";

  /**
   * True while the annotation telemetra.io/reconcile: paused stops every write; absent otherwise.
   */
  public static final String RECONCILIATION_PAUSED = "ReconciliationPaused";

  /** The conditions whose True is the abnormal state. */
  public static boolean trueIsAbnormal(String type) {
    return CHECKPOINT_RESET.equals(type) || KAFKA_DATA_LOSS.equals(type);
  }

  private ConditionType() {}
}
