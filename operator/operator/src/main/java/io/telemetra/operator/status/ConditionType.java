package io.telemetra.operator.status;

/** The condition types a TelemetraPipeline reports, one per part plus the overall Ready. */
public final class ConditionType {

  public static final String READY = "Ready";
  public static final String TOPICS_READY = "TopicsReady";
  public static final String SCHEMA_READY = "SchemaReady";
  public static final String STREAMING_READY = "StreamingReady";
  public static final String API_READY = "ApiReady";

  private ConditionType() {}
}
