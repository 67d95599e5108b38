package io.telemetra.operator.schema;

import io.telemetra.operator.api.v1alpha1.CheckpointSnapshot;
import io.telemetra.operator.api.v1alpha1.QueryProgress;
import io.telemetra.operator.pipeline.ExternalState;
import io.telemetra.operator.status.Reason;
import java.util.List;

/**
 * The pipeline's Postgres schema as last seen: applied version, pending migrations, whether the
 * tables are recorded as this pipeline's, and what the streaming job recorded in it: checkpoint
 * resets, records lost from Kafka, the last batch each query committed, and the checkpoint
 * snapshots it keeps.
 */
public record SchemaState(
    Reason problem,
    String message,
    String version,
    int pending,
    RecordedIncidents checkpointResets,
    RecordedIncidents kafkaDataLoss,
    List<QueryProgress> queries,
    List<CheckpointSnapshot> snapshots,
    boolean owned)
    implements ExternalState {

  public static SchemaState seen(String version, int pending) {
    return seen(version, pending, true);
  }

  /** A schema whose tables are ({@code owned}) or are not yet recorded as this pipeline's. */
  public static SchemaState seen(String version, int pending, boolean owned) {
    return new SchemaState(
        null,
        null,
        version,
        pending,
        RecordedIncidents.NONE,
        RecordedIncidents.NONE,
        List.of(),
        List.of(),
        owned);
  }

  public static SchemaState seen(
      String version,
      int pending,
      RecordedIncidents checkpointResets,
      RecordedIncidents kafkaDataLoss,
      List<QueryProgress> queries,
      List<CheckpointSnapshot> snapshots) {
    return new SchemaState(
        null,
        null,
        version,
        pending,
        checkpointResets,
        kafkaDataLoss,
        List.copyOf(queries),
        List.copyOf(snapshots),
        true);
  }

  public static SchemaState unavailable(Reason problem, String message) {
    return new SchemaState(
        problem,
        message,
        null,
        -1,
        RecordedIncidents.NONE,
        RecordedIncidents.NONE,
        List.of(),
        List.of(),
        false);
  }
}
