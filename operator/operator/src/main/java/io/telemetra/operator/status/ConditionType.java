package io.telemetra.operator.status;

/**
 * The condition types a TelemetraPipeline reports: one per part, the overall Ready, and
 * CheckpointReset, which records that the streaming job replaced a checkpoint (True is the abnormal
 * state; it does not change Ready).
 */
public final class ConditionType {

  public static final String READY = "Ready";
  public static final String TOPICS_READY = "TopicsReady";
  public static final String SCHEMA_READY = "SchemaReady";
  public static final String STREAMING_READY = "StreamingReady";
  public static final String API_READY = "ApiReady";
  public static final String CHECKPOINT_RESET = "CheckpointReset";

  private ConditionType() {}
}
