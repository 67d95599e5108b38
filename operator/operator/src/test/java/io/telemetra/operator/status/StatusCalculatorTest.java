package io.telemetra.operator.status;

import static io.telemetra.operator.status.ConditionType.API_READY;
import static io.telemetra.operator.status.ConditionType.CHECKPOINT_RESET;
import static io.telemetra.operator.status.ConditionType.KAFKA_DATA_LOSS;
import static io.telemetra.operator.status.ConditionType.READY;
import static io.telemetra.operator.status.ConditionType.SCHEMA_READY;
import static io.telemetra.operator.status.ConditionType.STREAMING_READY;
import static io.telemetra.operator.status.ConditionType.TOPICS_READY;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.telemetra.operator.TestingPipelines;
import io.telemetra.operator.api.v1alpha1.ApiStatus;
import io.telemetra.operator.api.v1alpha1.IncidentStatus;
import io.telemetra.operator.api.v1alpha1.Phase;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.api.v1alpha1.TelemetraPipelineStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Conditions and phase follow the parts; transition times move only when a status flips. */
class StatusCalculatorTest {

  final TelemetraPipeline pipeline = TestingPipelines.example("basic.yaml", "ns");

  static Clock at(String instant) {
    return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
  }

  static Observation allReady() {
    return new Observation()
        .part(PartState.ready(TOPICS_READY, Reason.TopicsReconciled, "5 topics present"))
        .part(PartState.ready(SCHEMA_READY, Reason.SchemaMigrated, "schema at version 2"))
        .part(PartState.ready(STREAMING_READY, Reason.ApplicationRunning, "RUNNING"))
        .part(PartState.ready(API_READY, Reason.ReplicasReady, "2/2 replicas ready"))
        .api(new ApiStatus(2, 2, "http://basic-api.ns.svc:8080"));
  }

  static Condition condition(TelemetraPipelineStatus status, String type) {
    return Conditions.find(status.getConditions(), type).orElseThrow();
  }

  @Test
  void allPartsReadyMakesThePipelineReadyAndRunning() {
    pipeline.getMetadata().setGeneration(3L);
    var status = new StatusCalculator(at("2026-11-27T10:00:00Z")).statusFor(pipeline, allReady());

    assertThat(status.getPhase()).isEqualTo(Phase.Running);
    assertThat(status.getObservedGeneration()).isEqualTo(3L);
    assertThat(condition(status, READY).getStatus()).isEqualTo("True");
    assertThat(condition(status, READY).getObservedGeneration()).isEqualTo(3L);
    assertThat(status.getConditions())
        .extracting(Condition::getType)
        .containsExactly(READY, TOPICS_READY, SCHEMA_READY, STREAMING_READY, API_READY);
  }

  @Test
  void lastTransitionTimeChangesOnlyWhenTheStatusFlips() {
    pipeline.setStatus(
        new StatusCalculator(at("2026-11-27T10:00:00Z")).statusFor(pipeline, allReady()));

    var sameStatusLater =
        new StatusCalculator(at("2026-11-27T11:00:00Z"))
            .statusFor(
                pipeline,
                allReady()
                    .part(PartState.ready(API_READY, Reason.ReplicasReady, "3/2 replicas ready")));
    assertThat(condition(sameStatusLater, API_READY).getLastTransitionTime())
        .isEqualTo("2026-11-27T10:00:00Z");
    assertThat(condition(sameStatusLater, API_READY).getMessage()).isEqualTo("3/2 replicas ready");

    var flipped =
        new StatusCalculator(at("2026-11-27T12:00:00Z"))
            .statusFor(
                pipeline,
                allReady()
                    .part(
                        PartState.notReady(
                            TOPICS_READY,
                            Reason.KafkaUnavailable,
                            "Kafka at k:9092 is unavailable")));
    assertThat(condition(flipped, TOPICS_READY).getLastTransitionTime())
        .isEqualTo("2026-11-27T12:00:00Z");
    assertThat(condition(flipped, SCHEMA_READY).getLastTransitionTime())
        .isEqualTo("2026-11-27T10:00:00Z");
  }

  @Test
  void aFailingPartMakesReadyFalseWithItsReasonAndDegradedWhileTheApiServes() {
    pipeline.setStatus(
        new StatusCalculator(at("2026-11-27T10:00:00Z")).statusFor(pipeline, allReady()));

    var status =
        new StatusCalculator(at("2026-11-27T10:05:00Z"))
            .statusFor(
                pipeline,
                allReady()
                    .part(
                        PartState.notReady(
                            TOPICS_READY,
                            Reason.KafkaUnavailable,
                            "Kafka at k:9092 is unavailable")));

    assertThat(condition(status, READY).getStatus()).isEqualTo("False");
    assertThat(condition(status, READY).getReason()).isEqualTo("KafkaUnavailable");
    assertThat(condition(status, READY).getMessage())
        .isEqualTo("TopicsReady: Kafka at k:9092 is unavailable");
    assertThat(status.getPhase()).isEqualTo(Phase.Degraded);
  }

  @Test
  void aFailureWithNothingRunningIsFailedAndUnobservedPartsKeepTheirConditions() {
    var status =
        new StatusCalculator(at("2026-11-27T10:00:00Z"))
            .statusFor(
                pipeline,
                new Observation()
                    .part(
                        PartState.notReady(
                            SCHEMA_READY,
                            Reason.SecretNotFound,
                            "Secret 'telemetra-postgres' not found")));

    assertThat(status.getPhase()).isEqualTo(Phase.Failed);
    assertThat(condition(status, READY).getReason()).isEqualTo("SecretNotFound");
    assertThat(condition(status, TOPICS_READY).getReason()).isEqualTo("WaitingForDependencies");
  }

  /** The API scaled to zero and the streaming job in {@code streaming}, after spec.suspend. */
  Observation suspendRequested(Reason streaming, String message) {
    pipeline.getSpec().setSuspend(true);
    return allReady()
        .part(PartState.notReady(API_READY, Reason.Suspended, "scaled to zero"))
        .part(PartState.notReady(STREAMING_READY, streaming, message));
  }

  @Test
  void aSuspendRequestWhileTheWorkloadsStillRunIsNotSuspendedYet() {

    var status =
        new StatusCalculator(at("2026-11-27T10:00:00Z"))
            .statusFor(
                pipeline,
                suspendRequested(
                    Reason.Suspending, "SparkApplication basic-streaming is RUNNING; waiting"));

    assertThat(status.getPhase()).isEqualTo(Phase.Provisioning);
    assertThat(condition(status, READY).getReason()).isEqualTo("Suspending");
    assertThat(condition(status, READY).getMessage())
        .isEqualTo("StreamingReady: SparkApplication basic-streaming is RUNNING; waiting");
  }

  @Test
  void suspendedOnceStreamingAndApiReportSuspended() {

    var status =
        new StatusCalculator(at("2026-11-27T10:00:00Z"))
            .statusFor(pipeline, suspendRequested(Reason.Suspended, "SparkApplication suspended"));

    assertThat(status.getPhase()).isEqualTo(Phase.Suspended);
    assertThat(condition(status, READY).getReason()).isEqualTo("Suspended");
  }

  @Test
  void conditionsCarriedOverUnobservedKeepTheGenerationTheyObserved() {
    pipeline.getMetadata().setGeneration(3L);
    pipeline.setStatus(
        new StatusCalculator(at("2026-11-27T10:00:00Z")).statusFor(pipeline, allReady()));
    pipeline.getMetadata().setGeneration(4L);

    var status =
        new StatusCalculator(at("2026-11-27T10:05:00Z"))
            .statusFor(
                pipeline,
                new Observation()
                    .part(
                        PartState.notReady(
                            SCHEMA_READY,
                            Reason.SecretNotFound,
                            "Secret 'telemetra-postgres' not found")));

    assertThat(condition(status, SCHEMA_READY).getObservedGeneration()).isEqualTo(4L);
    assertThat(condition(status, READY).getObservedGeneration()).isEqualTo(4L);
    assertThat(condition(status, API_READY).getObservedGeneration()).isEqualTo(3L);
    assertThat(condition(status, STREAMING_READY).getObservedGeneration()).isEqualTo(3L);
  }

  @Test
  void anUnexpectedReconcileErrorIsReportedOnReadyAndBlamesNoPart() {
    pipeline.setStatus(
        new StatusCalculator(at("2026-11-27T10:00:00Z")).statusFor(pipeline, allReady()));

    var status =
        new StatusCalculator(at("2026-11-27T10:05:00Z"))
            .statusFor(
                pipeline,
                Observation.failedReconcile(new IllegalStateException("secrets is forbidden")));

    assertThat(condition(status, READY).getReason()).isEqualTo("ReconcileError");
    assertThat(condition(status, READY).getMessage())
        .isEqualTo("IllegalStateException: secrets is forbidden");
    assertThat(condition(status, API_READY).getStatus()).isEqualTo("True");
    assertThat(condition(status, API_READY).getReason()).isEqualTo("ReplicasReady");
    assertThat(status.getPhase()).isEqualTo(Phase.Degraded);
  }

  @Test
  void partsStillStartingMeanProvisioning() {
    var status =
        new StatusCalculator(at("2026-11-27T10:00:00Z"))
            .statusFor(
                pipeline,
                allReady()
                    .part(
                        PartState.notReady(
                            STREAMING_READY, Reason.ApplicationPending, "SUBMITTED")));

    assertThat(status.getPhase()).isEqualTo(Phase.Provisioning);
    assertThat(condition(status, READY).getReason()).isEqualTo("ApplicationPending");
  }

  @Test
  void identicalObservationsProduceAnIdenticalStatusSoNothingIsWritten() {
    pipeline.setStatus(
        new StatusCalculator(at("2026-11-27T10:00:00Z")).statusFor(pipeline, allReady()));

    var again = new StatusCalculator(at("2026-11-27T10:30:00Z")).statusFor(pipeline, allReady());

    assertThat(StatusComparison.same(pipeline.getStatus(), again)).isTrue();
  }

  @Test
  void checkpointResetsAndKafkaDataLossAreConditionsOfTheirOwnThatLeaveReadyAndThePhaseAlone() {
    var status =
        new StatusCalculator(at("2026-11-27T10:00:00Z"))
            .statusFor(
                pipeline,
                allReady()
                    .incidents(
                        new IncidentStatus(
                            2, "2026-11-27T09:59:00Z", "query telemetra-ingest started ..."),
                        new IncidentStatus(
                            500,
                            "2026-11-27T09:58:00Z",
                            "query telemetra-windows batch 7: 500 records were deleted ...")));

    assertThat(status.getPhase()).isEqualTo(Phase.Running);
    assertThat(condition(status, READY).getStatus()).isEqualTo("True");
    Condition reset = condition(status, CHECKPOINT_RESET);
    assertThat(reset.getStatus()).isEqualTo("True");
    assertThat(reset.getReason()).isEqualTo("CheckpointReplaced");
    assertThat(reset.getMessage())
        .startsWith(
            "2 checkpoint resets, the latest at 2026-11-27T09:59:00Z: query telemetra-ingest");
    Condition loss = condition(status, KAFKA_DATA_LOSS);
    assertThat(loss.getStatus()).isEqualTo("True");
    assertThat(loss.getReason()).isEqualTo("RecordsDeletedBeforeRead");
    assertThat(loss.getMessage())
        .startsWith(
            "500 records lost, the latest at 2026-11-27T09:58:00Z: query telemetra-windows");

    pipeline.setStatus(status);
    var unchanged =
        new StatusCalculator(at("2026-11-27T11:00:00Z")).statusFor(pipeline, allReady());
    assertThat(condition(unchanged, CHECKPOINT_RESET).getLastTransitionTime())
        .as("kept while the schema is not observed again")
        .isEqualTo("2026-11-27T10:00:00Z");
  }

  @Test
  void noIncidentConditionsBeforeTheSchemaWasRead() {
    var status = new StatusCalculator(at("2026-11-27T10:00:00Z")).statusFor(pipeline, allReady());
    assertThat(Conditions.find(status.getConditions(), CHECKPOINT_RESET)).isEmpty();
    assertThat(Conditions.find(status.getConditions(), KAFKA_DATA_LOSS)).isEmpty();
  }

  @Test
  void readyNamesEveryFailingPartNotJustTheFirst() {
    var status =
        new StatusCalculator(at("2026-11-27T10:00:00Z"))
            .statusFor(
                pipeline,
                allReady()
                    .part(
                        PartState.notReady(
                            TOPICS_READY,
                            Reason.KafkaUnavailable,
                            "Kafka at k:9092 is unavailable"))
                    .part(
                        PartState.notReady(
                            API_READY,
                            Reason.RolloutFailed,
                            "pod a: container api is CrashLoopBackOff")));

    assertThat(condition(status, READY).getReason()).isEqualTo("KafkaUnavailable");
    assertThat(condition(status, READY).getMessage())
        .isEqualTo(
            "TopicsReady: Kafka at k:9092 is unavailable; ApiReady: pod a: container api is"
                + " CrashLoopBackOff");
  }
}
