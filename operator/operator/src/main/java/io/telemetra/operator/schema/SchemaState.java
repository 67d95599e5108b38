package io.telemetra.operator.schema;

import io.telemetra.operator.api.v1alpha1.QueryProgress;
import io.telemetra.operator.pipeline.ExternalState;
import io.telemetra.operator.status.Reason;
import java.util.List;

/**
 * The pipeline's Postgres schema as last seen: applied version, pending migrations, whether the
 * tables are recorded as this pipeline's, and what the streaming job recorded in it: checkpoint
 * resets, records lost from Kafka, and the last batch each query committed.
 */
public record SchemaState(
    Reason problem,
    String message,
    String version,
    int pending,
    RecordedIncidents checkpointResets,
    RecordedIncidents kafkaDataLoss,
    List<QueryProgress> queries,
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
        owned);
  }

  public static SchemaState seen(
      String version,
      int pending,
      RecordedIncidents checkpointResets,
      RecordedIncidents kafkaDataLoss,
      List<QueryProgress> queries) {
    return new SchemaState(
        null, null, version, pending, checkpointResets, kafkaDataLoss, List.copyOf(queries), true);
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
        false);
  }
}
