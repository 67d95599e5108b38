package io.telemetra.operator.dependent;

import io.telemetra.operator.status.Reason;

/**
 * The pipeline's Postgres schema as last seen: applied version, pending migrations, and what the
 * streaming job recorded in it: checkpoint resets and records lost from Kafka.
 */
public record SchemaState(
    Reason problem,
    String message,
    String version,
    int pending,
    RecordedIncidents checkpointResets,
    RecordedIncidents kafkaDataLoss) {

  public static SchemaState seen(String version, int pending) {
    return seen(version, pending, RecordedIncidents.NONE, RecordedIncidents.NONE);
  }

  public static SchemaState seen(
      String version,
      int pending,
      RecordedIncidents checkpointResets,
      RecordedIncidents kafkaDataLoss) {
    return new SchemaState(null, null, version, pending, checkpointResets, kafkaDataLoss);
  }

  public static SchemaState unavailable(Reason problem, String message) {
    return new SchemaState(
        problem, message, null, -1, RecordedIncidents.NONE, RecordedIncidents.NONE);
  }

  public boolean reachable() {
    return problem == null;
  }
}
