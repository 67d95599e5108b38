package io.telemetra.operator.status;

import static io.telemetra.operator.status.ConditionType.API_READY;
import static io.telemetra.operator.status.ConditionType.READY;
import static io.telemetra.operator.status.ConditionType.SCHEMA_READY;
import static io.telemetra.operator.status.ConditionType.STREAMING_READY;
import static io.telemetra.operator.status.ConditionType.TOPICS_READY;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.telemetra.operator.TestingPipelines;
import io.telemetra.operator.api.v1alpha1.ApiStatus;
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
        .api(new ApiStatus(2, "http://basic-api.ns.svc:8080"));
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

  @Test
  void suspendedPipelineIsSuspendedAndNotReady() {
    pipeline.getSpec().setSuspend(true);

    var status = new StatusCalculator(at("2026-11-27T10:00:00Z")).statusFor(pipeline, allReady());

    assertThat(status.getPhase()).isEqualTo(Phase.Suspended);
    assertThat(condition(status, READY).getReason()).isEqualTo("Suspended");
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
}
