package io.telemetra.operator.status;

/**
 * What the operator was doing when it recorded an Event: the events.k8s.io/v1 {@code action}, which
 * {@code kubectl get events -o wide} and event exporters show next to the reason. A condition's
 * Event names the work behind that part; an Event for something the operator did names that.
 */
public enum EventAction {
  /** The pipeline as a whole: Ready, a paused reconciliation. */
  RECONCILE("Reconcile"),
  /** Creating, checking and growing the Kafka topics (TopicsReady). */
  PROVISION_TOPICS("ProvisionTopics"),
  /** Migrating the Postgres schema (SchemaReady). */
  MIGRATE_SCHEMA("MigrateSchema"),
  /** Submitting and watching the SparkApplication (StreamingReady). */
  RUN_STREAMING_JOB("RunStreamingJob"),
  /** Rolling out the API Deployment (ApiReady). */
  ROLL_OUT_API("RollOutApi"),
  /** Reading what the job recorded: DataFlowing, CheckpointReset, KafkaDataLoss. */
  WATCH_DATA_FLOW("WatchDataFlow"),
  /** Resubmitting a run of the streaming job that ended. */
  RESUBMIT_STREAMING_JOB("ResubmitStreamingJob"),
  /** Deleting the pipeline under its deletionPolicy. */
  DELETE("Delete");

  private final String value;

  EventAction(String value) {
    this.value = value;
  }

  /** The value written to the Event (UpperCamelCase, at most 128 characters). */
  public String value() {
    return value;
  }

  /** The work behind condition {@code type}. */
  public static EventAction ofCondition(String type) {
    return switch (type) {
      case ConditionType.TOPICS_READY -> PROVISION_TOPICS;
      case ConditionType.SCHEMA_READY -> MIGRATE_SCHEMA;
      case ConditionType.STREAMING_READY -> RUN_STREAMING_JOB;
      case ConditionType.API_READY -> ROLL_OUT_API;
      case ConditionType.DATA_FLOWING,
          ConditionType.CHECKPOINT_RESET,
          ConditionType.KAFKA_DATA_LOSS ->
          WATCH_DATA_FLOW;
      default -> RECONCILE;
    };
  }
}
