package io.telemetra.operator.status;

import io.telemetra.operator.api.v1alpha1.ApiStatus;
import io.telemetra.operator.api.v1alpha1.CheckpointSnapshot;
import io.telemetra.operator.api.v1alpha1.IncidentStatus;
import io.telemetra.operator.api.v1alpha1.QueryProgress;
import io.telemetra.operator.api.v1alpha1.SchemaStatus;
import io.telemetra.operator.api.v1alpha1.StreamingStatus;
import io.telemetra.operator.api.v1alpha1.TopicStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one reconciliation saw of each part. A part not observed this time (say, the workflow did
 * not run because a Secret is missing) keeps its previous condition and details.
 */
public final class Observation {

  final Map<String, PartState> parts = new LinkedHashMap<>();
  List<TopicStatus> topics;
  SchemaStatus schema;
  StreamingStatus streaming;
  ApiStatus api;
  IncidentStatus checkpointResets;
  IncidentStatus kafkaDataLoss;
  String reconcileError;
  Long inputRecords;
  Long deadLetters;
  List<QueryProgress> queries;
  List<CheckpointSnapshot> snapshots;

  public Observation part(PartState part) {
    parts.put(part.type(), part);
    return this;
  }

  public Observation topics(List<TopicStatus> topics) {
    this.topics = topics;
    return this;
  }

  public Observation schema(SchemaStatus schema) {
    this.schema = schema;
    return this;
  }

  public Observation streaming(StreamingStatus streaming) {
    this.streaming = streaming;
    return this;
  }

  /** What the streaming job recorded in Postgres: checkpoint resets and records lost from Kafka. */
  public Observation incidents(IncidentStatus checkpointResets, IncidentStatus kafkaDataLoss) {
    this.checkpointResets = checkpointResets;
    this.kafkaDataLoss = kafkaDataLoss;
    return this;
  }

  /** The records in the event topics (the sum of their end offsets). */
  public Observation inputRecords(long inputRecords) {
    this.inputRecords = inputRecords;
    return this;
  }

  /** The records in the dead-letter topic (the sum of its end offsets). */
  public Observation deadLetters(long deadLetters) {
    this.deadLetters = deadLetters;
    return this;
  }

  /** The checkpoint snapshots the streaming job keeps. */
  public Observation snapshots(List<CheckpointSnapshot> snapshots) {
    this.snapshots = snapshots;
    return this;
  }

  /** The last batch each streaming query committed. */
  public Observation queries(List<QueryProgress> queries) {
    this.queries = queries;
    return this;
  }

  public Observation api(ApiStatus api) {
    this.api = api;
    return this;
  }

  /**
   * A reconciliation that failed for a reason no part explains (say, the Kubernetes API refused a
   * call): Ready becomes False with reason ReconcileError and every part keeps its condition.
   */
  public static Observation failedReconcile(Exception e) {
    Observation seen = new Observation();
    seen.reconcileError = e.getClass().getSimpleName() + ": " + e.getMessage();
    return seen;
  }

  /** Whether a part failed in a way worth retrying (rather than waiting for an event). */
  public boolean hasRetryableFailure() {
    return parts.values().stream()
        .anyMatch(
            p ->
                p.failed()
                    && p.reason() != Reason.SparkOperatorMissing
                    && p.reason() != Reason.SparkOperatorNotResponding
                    && p.reason() != Reason.ApplicationFailed
                    && p.reason() != Reason.RolloutFailed);
  }

  public Map<String, PartState> parts() {
    return parts;
  }
}
