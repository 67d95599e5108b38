package io.telemetra.operator.status;

/** Why a condition has its status; failures make the pipeline Degraded or Failed. */
public enum Reason {
  AllPartsReady(false),
  TopicsReconciled(false),
  SchemaMigrated(false),
  ApplicationRunning(false),
  ApplicationPending(false),
  ReplicasReady(false),
  ReplicasNotReady(false),
  WaitingForDependencies(false),
  Suspended(false),
  Suspending(false),
  NoCheckpointReset(false),
  CheckpointReplaced(false),
  NoKafkaDataLoss(false),
  RecordsDeletedBeforeRead(false),
  ReconciliationPaused(false),
  BatchesCommitting(false),
  WaitingForInput(false),
  NoBatchesCommitted(true),
  SecretNotFound(true),
  SecretKeyNotFound(true),
  SecretInvalid(true),
  KafkaUnavailable(true),
  PostgresUnavailable(true),
  MigrationFailed(true),
  ResourceConflict(true),
  SparkOperatorMissing(true),
  SparkOperatorNotResponding(true),
  ApplicationFailed(true),
  CrashLooping(true),
  RolloutFailed(true),
  ReconcileError(true);

  private final boolean failure;

  Reason(boolean failure) {
    this.failure = failure;
  }

  /** Whether this reason means something is wrong (rather than still starting or paused). */
  public boolean isFailure() {
    return failure;
  }
}
