package io.telemetra.operator.dependent;

import io.telemetra.operator.api.v1alpha1.QueryProgress;
import io.telemetra.operator.status.Reason;
import java.util.List;

/**
 * The pipeline's Postgres schema as last seen: applied version, pending migrations, and what the
 * streaming job recorded in it: checkpoint resets, records lost from Kafka, and the last batch each
 * query committed.
 */
public record SchemaState(
    Reason problem,
    String message,
    String version,
    int pending,
    RecordedIncidents checkpointResets,
    RecordedIncidents kafkaDataLoss,
    List<QueryProgress> queries) {

  public static SchemaState seen(String version, int pending) {
    return seen(version, pending, RecordedIncidents.NONE, RecordedIncidents.NONE, List.of());
  }

  public static SchemaState seen(
      String version,
      int pending,
      RecordedIncidents checkpointResets,
      RecordedIncidents kafkaDataLoss,
      List<QueryProgress> queries) {
    return new SchemaState(
        null, null, version, pending, checkpointResets, kafkaDataLoss, List.copyOf(queries));
  }

  public static SchemaState unavailable(Reason problem, String message) {
    return new SchemaState(
        problem, message, null, -1, RecordedIncidents.NONE, RecordedIncidents.NONE, List.of());
  }

  public boolean reachable() {
    return problem == null;
  }
}
