package io.telemetra.operator.status;

import static io.telemetra.operator.status.ConditionType.API_READY;
import static io.telemetra.operator.status.ConditionType.CHECKPOINT_RESET;
import static io.telemetra.operator.status.ConditionType.DATA_FLOWING;
import static io.telemetra.operator.status.ConditionType.KAFKA_DATA_LOSS;
import static io.telemetra.operator.status.ConditionType.READY;
import static io.telemetra.operator.status.ConditionType.SCHEMA_READY;
import static io.telemetra.operator.status.ConditionType.STREAMING_READY;
import static io.telemetra.operator.status.ConditionType.TOPICS_READY;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.telemetra.operator.TestingPipelines;
import io.telemetra.operator.api.v1alpha1.ApiStatus;
import io.telemetra.operator.api.v1alpha1.CheckpointSnapshot;
import io.telemetra.operator.api.v1alpha1.IncidentStatus;
import io.telemetra.operator.api.v1alpha1.Phase;
import io.telemetra.operator.api.v1alpha1.QueryProgress;
import io.telemetra.operator.api.v1alpha1.StreamingStatus;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.api.v1alpha1.TelemetraPipelineStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
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
  void whilePausedTheStatusIsAsLastObservedPlusReconciliationPausedWhichResumingDrops() {
    pipeline.getMetadata().setGeneration(3L);
    pipeline.setStatus(
        new StatusCalculator(at("2026-11-27T10:00:00Z")).statusFor(pipeline, allReady()));
    pipeline.getMetadata().setGeneration(4L);

    var paused = new StatusCalculator(at("2026-11-27T11:00:00Z")).paused(pipeline);

    assertThat(paused.getPhase()).isEqualTo(Phase.Running);
    assertThat(paused.getObservedGeneration()).as("nothing of generation 4 observed").isEqualTo(3L);
    assertThat(paused.getApi()).isEqualTo(pipeline.getStatus().getApi());
    assertThat(paused.getConditions())
        .extracting(Condition::getType)
        .containsExactly(
            READY,
            TOPICS_READY,
            SCHEMA_READY,
            STREAMING_READY,
            API_READY,
            ConditionType.RECONCILIATION_PAUSED);
    assertThat(condition(paused, ConditionType.RECONCILIATION_PAUSED))
        .extracting(Condition::getStatus, Condition::getReason, Condition::getLastTransitionTime)
        .containsExactly("True", "ReconciliationPaused", "2026-11-27T11:00:00Z");
    assertThat(pipeline.getStatus().getConditions()).hasSize(5).as("the old status is unchanged");

    pipeline.setStatus(paused);
    assertThat(new StatusCalculator(at("2026-11-27T11:00:00Z")).paused(pipeline))
        .as("paused again: nothing to write")
        .satisfies(again -> assertThat(StatusComparison.same(paused, again)).isTrue());
    var resumed = new StatusCalculator(at("2026-11-27T12:00:00Z")).statusFor(pipeline, allReady());
    assertThat(resumed.getConditions())
        .extracting(Condition::getType)
        .doesNotContain(ConditionType.RECONCILIATION_PAUSED);
    assertThat(resumed.getObservedGeneration()).isEqualTo(4L);
  }

  /** A running pipeline whose job last committed windows batch 7 at 10:00:00, input 1000. */
  TelemetraPipeline runningSinceNineWithACommitAtTen() {
    pipeline.setStatus(
        new StatusCalculator(at("2026-11-27T09:00:00Z"))
            .statusFor(
                pipeline,
                allReady()
                    .inputRecords(1000)
                    .queries(
                        List.of(
                            new QueryProgress("telemetra-windows", 7, "2026-11-27T10:00:00Z")))));
    return pipeline;
  }

  /** The status {@code seen} at {@code instant} makes, which becomes the pipeline's status. */
  TelemetraPipelineStatus observe(String instant, Observation seen) {
    pipeline.setStatus(new StatusCalculator(at(instant)).statusFor(pipeline, seen));
    return pipeline.getStatus();
  }

  @Test
  void deadLettersConsumerLagAndTheNewestWindowAreInTheDataFlowAndItsMessage() {
    runningSinceNineWithACommitAtTen();
    var polled =
        observe(
            "2026-11-27T10:00:30Z",
            allReady()
                .inputRecords(1000)
                .deadLetters(12)
                .queries(
                    List.of(
                        new QueryProgress(
                            "telemetra-windows",
                            8,
                            "2026-11-27T10:00:25Z",
                            "2026-11-27T10:00:20Z",
                            700L),
                        new QueryProgress(
                            "telemetra-ingest", 9, "2026-11-27T10:00:24Z", null, 940L))));
    assertThat(polled.getDataFlow().getDeadLetters()).isEqualTo(12L);
    assertThat(polled.getDataFlow().getConsumerLag())
        .as("the event topics' 1000 records less the 940 the ingest query read")
        .isEqualTo(60L);
    assertThat(condition(polled, DATA_FLOWING).getMessage())
        .endsWith(
            "the newest window ends at 2026-11-27T10:00:20Z; the event topics hold 1000 records"
                + " (60 not read yet), the dead-letter topic 12");

    // a reconcile between two Kafka polls: the count stays
    var between = observe("2026-11-27T10:00:40Z", allReady());
    assertThat(between.getDataFlow().getDeadLetters()).isEqualTo(12L);
  }

  @Test
  void recordsWaitingLongerThanTheStallLimitForACommitMeanDataIsNotFlowingAndThePipelineDegraded() {
    runningSinceNineWithACommitAtTen();
    assertThat(condition(pipeline.getStatus(), DATA_FLOWING).getReason())
        .isEqualTo("BatchesCommitting");

    // 10:02:00 more records arrive; 10:05:30 more still, and still no commit after 10:00:00:
    // they have waited 210 s, more than twice one Kafka and one Postgres poll (180 s).
    var first = observe("2026-11-27T10:02:00Z", allReady().inputRecords(1500));
    assertThat(condition(first, DATA_FLOWING).getStatus()).isEqualTo("True");
    assertThat(first.getDataFlow().getUncommittedSince()).isEqualTo("2026-11-27T10:02:00Z");
    var later = observe("2026-11-27T10:04:00Z", allReady().inputRecords(1550));
    assertThat(condition(later, DATA_FLOWING).getStatus()).as("120 s: not yet").isEqualTo("True");
    var status = observe("2026-11-27T10:05:30Z", allReady().inputRecords(1600));

    assertThat(condition(status, DATA_FLOWING))
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("False", "NoBatchesCommitted");
    assertThat(condition(status, DATA_FLOWING).getMessage())
        .contains(
            "records have been waiting since 2026-11-27T10:02:00Z (the event topics hold 1600)",
            "the last batch committed at 2026-11-27T10:00:00Z (telemetra-windows batch 7)",
            "none for more than 180 s");
    assertThat(condition(status, READY).getReason()).isEqualTo("NoBatchesCommitted");
    assertThat(status.getPhase()).isEqualTo(Phase.Degraded);

    // A commit after the records arrived: flowing again.
    var recovered =
        observe(
            "2026-11-27T10:05:00Z",
            allReady()
                .inputRecords(1600)
                .queries(
                    List.of(new QueryProgress("telemetra-windows", 8, "2026-11-27T10:04:30Z"))));
    assertThat(condition(recovered, DATA_FLOWING).getReason()).isEqualTo("BatchesCommitting");
    assertThat(recovered.getDataFlow().getUncommittedSince()).isNull();
    assertThat(recovered.getPhase()).isEqualTo(Phase.Running);
  }

  @Test
  void aCommitShortlyBeforeThePollThatSawTheRecordsCoversThem() {
    runningSinceNineWithACommitAtTen();

    // The producer stopped at 10:00:00, the job committed its last records then, and the Kafka
    // poll that saw them came 25 s later: nothing waits.
    var sawLastRecords = observe("2026-11-27T10:00:25Z", allReady().inputRecords(1200));
    var muchLater = observe("2026-11-27T10:30:00Z", allReady().inputRecords(1200));

    assertThat(sawLastRecords.getDataFlow().getUncommittedSince()).isNull();
    assertThat(condition(muchLater, DATA_FLOWING).getReason()).isEqualTo("BatchesCommitting");
  }

  @Test
  void recordsArrivingAfterAnIdleHourAreNoStallUntilTheyHaveWaited() {
    runningSinceNineWithACommitAtTen();

    // Nothing for an hour, then a producer starts: the last commit is an hour old, but the
    // records have only just arrived (the cluster tier's Postgres outage step caught this).
    var quietForAnHour = observe("2026-11-27T11:00:00Z", allReady().inputRecords(1000));
    var resumed = observe("2026-11-27T11:00:30Z", allReady().inputRecords(1500));

    assertThat(condition(quietForAnHour, DATA_FLOWING).getStatus()).isEqualTo("True");
    assertThat(quietForAnHour.getDataFlow().getUncommittedSince()).isNull();
    assertThat(condition(resumed, DATA_FLOWING).getStatus()).isEqualTo("True");
    assertThat(resumed.getPhase()).isEqualTo(Phase.Running);
  }

  @Test
  void dataFlowingIsAbsentWhileTheJobDoesNotRun() {
    runningSinceNineWithACommitAtTen();
    var stopped =
        new StatusCalculator(at("2026-11-27T10:02:00Z"))
            .statusFor(
                pipeline,
                allReady()
                    .inputRecords(1500)
                    .part(
                        PartState.notReady(
                            STREAMING_READY, Reason.ApplicationFailed, "FAILED: driver exited")));

    assertThat(stopped.getConditions()).extracting(Condition::getType).doesNotContain(DATA_FLOWING);
    assertThat(condition(stopped, READY).getReason()).isEqualTo("ApplicationFailed");
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

  /** A clock that moves on by {@code step} each time it is read, as time passes while computing. */
  static Clock ticking(String start, Duration step) {
    return new Clock() {
      Instant next = Instant.parse(start);

      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        Instant now = next;
        next = next.plus(step);
        return now;
      }
    };
  }

  @Test
  void oneStatusIsComputedAtOneInstantSoTheNextIdenticalObservationWritesNothing() {
    // The CI saw this: the job turned running as the second turned, DataFlowing named one second
    // as the running-since and StreamingReady's transition time the next, and every later
    // reconcile rewrote DataFlowing's message.
    var first =
        new StatusCalculator(ticking("2026-11-27T10:00:00.600Z", Duration.ofMillis(300)))
            .statusFor(pipeline, allReady().inputRecords(0).queries(List.of()));
    pipeline.setStatus(first);

    var again =
        new StatusCalculator(at("2026-11-27T10:00:30Z"))
            .statusFor(pipeline, allReady().inputRecords(0).queries(List.of()));

    assertThat(condition(first, DATA_FLOWING).getMessage())
        .contains(condition(first, STREAMING_READY).getLastTransitionTime());
    assertThat(StatusComparison.same(first, again)).isTrue();
  }

  @Test
  void theSnapshotsTheSchemaPartSawAreListedUnderStreamingAndKeptWhenItWasNotLookedAt() {
    var snapshot =
        new CheckpointSnapshot(
            "20261207-051200-123",
            "2026-12-07T05:12:00.123Z",
            "ingest batch 41, windows batch 40",
            "s3a://ckpt/p/snapshots/20261207-051200-123",
            null);
    var seen =
        allReady()
            .streaming(new StreamingStatus("basic-streaming", "RUNNING", null))
            .snapshots(List.of(snapshot));
    var first = new StatusCalculator(at("2026-11-27T10:00:00Z")).statusFor(pipeline, seen);
    assertThat(first.getStreaming().getState()).isEqualTo("RUNNING");
    assertThat(first.getStreaming().getSnapshots()).containsExactly(snapshot);
    pipeline.setStatus(first);

    // Postgres down: the schema part saw nothing, the list stays as it was
    var postgresDown =
        allReady()
            .part(PartState.notReady(SCHEMA_READY, Reason.PostgresUnavailable, "connect refused"))
            .streaming(new StreamingStatus("basic-streaming", "RUNNING", null));
    var later = new StatusCalculator(at("2026-11-27T10:01:00Z")).statusFor(pipeline, postgresDown);
    assertThat(later.getStreaming().getSnapshots()).containsExactly(snapshot);
    assertThat(first.getStreaming().getSnapshots())
        .as("the old status is not changed in place")
        .containsExactly(snapshot);
  }

  @Test
  void aCrashLoopNamesTheFailingDependencyAsItsLikelyCauseOnceEvenWhenCarriedOver() {
    Observation postgresDown =
        allReady()
            .part(PartState.notReady(SCHEMA_READY, Reason.PostgresUnavailable, "connect refused"))
            .part(
                PartState.notReady(
                    STREAMING_READY, Reason.CrashLooping, "SparkApplication x is FAILED"));
    var first = observe("2026-11-27T10:00:00Z", postgresDown);
    String expected =
        "SparkApplication x is FAILED; likely cause: SchemaReady is PostgresUnavailable (connect"
            + " refused)";
    assertThat(condition(first, STREAMING_READY).getMessage()).isEqualTo(expected);

    Observation streamingUnobserved = new Observation();
    postgresDown.parts().values().stream()
        .filter(part -> !part.type().equals(STREAMING_READY))
        .forEach(streamingUnobserved::part);
    var carried = observe("2026-11-27T10:00:10Z", streamingUnobserved);
    assertThat(condition(carried, STREAMING_READY).getMessage()).isEqualTo(expected);
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
