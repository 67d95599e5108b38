package io.telemetra.operator.status;

import io.telemetra.operator.api.v1alpha1.ApiStatus;
import io.telemetra.operator.api.v1alpha1.CheckpointStatus;
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
  CheckpointStatus checkpoints;
  String reconcileError;

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

  public Observation checkpoints(CheckpointStatus checkpoints) {
    this.checkpoints = checkpoints;
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
                    && p.reason() != Reason.ApplicationFailed
                    && p.reason() != Reason.RolloutFailed);
  }

  public Map<String, PartState> parts() {
    return parts;
  }
}
