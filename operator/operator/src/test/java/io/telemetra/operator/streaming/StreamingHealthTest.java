package io.telemetra.operator.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.operator.api.v1alpha1.StreamingSpec;
import io.telemetra.operator.spark.ApplicationState;
import io.telemetra.operator.spark.RestartPolicy;
import io.telemetra.operator.spark.SparkApplication;
import io.telemetra.operator.spark.SparkApplicationSpec;
import io.telemetra.operator.spark.SparkApplicationStatus;
import io.telemetra.operator.spark.SparkPodSpec;
import io.telemetra.operator.status.PartState;
import io.telemetra.operator.status.Reason;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * StreamingReady counts only a run the Spark operator submitted for the current spec; the states of
 * a broken or finished job are failures; suspended means no driver runs.
 */
class StreamingHealthTest {

  static SparkApplicationSpec spec(String image, Boolean suspend) {
    SparkApplicationSpec spec = new SparkApplicationSpec();
    spec.setImage(image);
    spec.setSuspend(suspend);
    SparkPodSpec executor = new SparkPodSpec();
    executor.setInstances(2);
    spec.setExecutor(executor);
    return spec;
  }

  /** What the dependent writes for {@code spec}, given the application as it was before. */
  static SparkApplication applied(SparkApplicationSpec spec, SparkApplication before) {
    SparkApplication app = new SparkApplication();
    app.getMetadata().setName("basic-streaming");
    app.setSpec(spec);
    SubmittedSpec.annotate(app, before);
    if (before != null) {
      app.setStatus(before.getStatus());
    }
    return app;
  }

  /** The Spark operator's status after it submitted the application under {@code submission}. */
  static SparkApplication reported(
      SparkApplication app, String state, String submission, String error) {
    SparkApplicationStatus status = new SparkApplicationStatus();
    status.setApplicationState(new ApplicationState(state, error));
    status.setSubmissionID(submission);
    status.setExecutionAttempts(3);
    status.setSubmissionAttempts(1);
    app.setStatus(status);
    return app;
  }

  static final SparkApplicationSpec V1 = spec("streaming:1", false);
  static final SparkApplicationSpec V2 = spec("streaming:2", false);

  static PartState health(SparkApplication app, SparkApplicationSpec current) {
    return StreamingHealth.of(app, SubmittedSpec.hash(current), false);
  }

  @Test
  void aRunningFirstSubmissionIsReadyWithItsExecutors() {
    SparkApplication app = reported(applied(V1, null), "RUNNING", "s1", null);
    app.getStatus().setExecutorState(Map.of("e1", "RUNNING", "e2", "PENDING"));

    PartState streaming = health(app, V1);

    assertThat(streaming.ready()).isTrue();
    assertThat(streaming.message())
        .isEqualTo("SparkApplication basic-streaming is RUNNING, executors 1/2 running");
  }

  @Test
  void thePreviousRunStillRunningAfterASpecChangeIsNotReadyUntilTheSparkOperatorResubmits() {
    SparkApplication v1Running = reported(applied(V1, null), "RUNNING", "s1", null);

    SparkApplication v2Applied = applied(V2, v1Running);
    PartState beforeResubmission = health(v2Applied, V2);
    PartState afterResubmission = health(reported(v2Applied, "RUNNING", "s2", null), V2);

    assertThat(beforeResubmission.ready()).isFalse();
    assertThat(beforeResubmission.reason()).isEqualTo(Reason.ApplicationPending);
    assertThat(beforeResubmission.message())
        .isEqualTo(
            "SparkApplication basic-streaming is RUNNING from before the last spec change;"
                + " waiting for the Spark operator to submit it again");
    assertThat(afterResubmission.ready()).isTrue();
  }

  @Test
  void anApplicationNotYetGivenTheCurrentSpecIsNotReady() {
    SparkApplication v1Running = reported(applied(V1, null), "RUNNING", "s1", null);

    PartState streaming = health(v1Running, V2);

    assertThat(streaming.ready()).isFalse();
    assertThat(streaming.message()).contains("has not been given the current spec yet");
  }

  @Test
  void aRestartForTheSameSpecStillCounts() {
    SparkApplication v1 = applied(V1, reported(applied(V1, null), "RUNNING", "s1", null));

    assertThat(health(reported(v1, "RUNNING", "s1-restarted", null), V1).ready()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"FAILING", "FAILED", "SUBMISSION_FAILED", "UNKNOWN", "SUCCEEDING", "COMPLETED"})
  void aBrokenOrFinishedJobIsAFailureWithItsAttemptsAndError(String state) {
    SparkApplication app = reported(applied(V1, null), state, "s1", "driver exited with code 1");

    PartState streaming = health(app, V1);

    assertThat(streaming.failed()).isTrue();
    assertThat(streaming.reason()).isEqualTo(Reason.ApplicationFailed);
    assertThat(streaming.message())
        .isEqualTo(
            "SparkApplication basic-streaming is "
                + state
                + " (execution attempts 3, submission attempts 1): driver exited with code 1"
                + (SubmittedSpec.ENDED.contains(state)
                    ? "; Telemetra resubmits it now: resubmission 1 of at most 5 within 30 min"
                        + " (spec.streaming.restartBudget)"
                    : ""));
  }

  @Test
  void invalidatingAfterOurSpecChangeIsProgressButWithoutOneItIsAFailure() {
    SparkApplication v1Running = reported(applied(V1, null), "RUNNING", "s1", null);
    SparkApplication v2Applied = reported(applied(V2, v1Running), "INVALIDATING", "s1", null);
    SparkApplication v2Running = reported(applied(V2, v2Applied), "RUNNING", "s2", null);
    SparkApplication editedElsewhere = reported(applied(V2, v2Running), "INVALIDATING", "s2", null);

    assertThat(health(v2Applied, V2).reason()).isEqualTo(Reason.ApplicationPending);
    assertThat(health(editedElsewhere, V2).reason()).isEqualTo(Reason.ApplicationFailed);
    assertThat(health(editedElsewhere, V2).message())
        .contains("INVALIDATING", "changed by someone other than Telemetra");
  }

  @Test
  void suspendedOnlyOnceTheSparkOperatorStoppedTheDriver() {
    SparkApplicationSpec suspended = spec("streaming:1", true);
    SparkApplication running = reported(applied(V1, null), "RUNNING", "s1", null);
    SparkApplication asked = applied(suspended, running);

    PartState notAskedYet = StreamingHealth.of(running, SubmittedSpec.hash(suspended), true);
    PartState stillRunning = StreamingHealth.of(asked, SubmittedSpec.hash(suspended), true);
    PartState stopped =
        StreamingHealth.of(
            reported(asked, "SUSPENDED", "s1", null), SubmittedSpec.hash(suspended), true);

    assertThat(notAskedYet.reason()).isEqualTo(Reason.Suspending);
    assertThat(stillRunning.reason()).isEqualTo(Reason.Suspending);
    assertThat(stillRunning.message())
        .isEqualTo(
            "SparkApplication basic-streaming is RUNNING; waiting for the Spark operator to stop"
                + " the driver (spec.suspend needs the Kubeflow Spark operator v2.4.0 or later)");
    assertThat(stopped.reason()).isEqualTo(Reason.Suspended);
  }

  @Test
  void aDriverThatKeepsFailingIsAFailureBetweenItsCrashesNotProgress() {
    SparkApplicationSpec spec = spec("streaming:1", false);
    RestartPolicy restart = new RestartPolicy();
    restart.setOnFailureRetries(10);
    spec.setRestartPolicy(restart);
    SparkApplication app = reported(applied(spec, null), "PENDING_RERUN", "s1", null);
    app.getStatus().setExecutionAttempts(2);

    PartState waitingToRerun = StreamingHealth.of(app, SubmittedSpec.hash(spec), false, true);
    app.getStatus().setApplicationState(new ApplicationState("SUBMITTED", null));
    app.getStatus().setExecutionAttempts(3);
    PartState resubmitted = StreamingHealth.of(app, SubmittedSpec.hash(spec), false, true);

    assertThat(waitingToRerun.reason()).isEqualTo(Reason.ApplicationFailed);
    assertThat(waitingToRerun.message())
        .isEqualTo(
            "SparkApplication basic-streaming is PENDING_RERUN: the driver failed 2 times since"
                + " the last spec change; starting run 3 of at most 11");
    assertThat(resubmitted.reason()).isEqualTo(Reason.ApplicationFailed);
    assertThat(resubmitted.message()).contains("is SUBMITTED: the driver failed 2 times");
  }

  @Test
  void aSpecChangeRerunIsProgress() {
    SparkApplication app = reported(applied(V1, null), "PENDING_RERUN", "s1", null);
    app.getStatus().setExecutionAttempts(0);

    assertThat(StreamingHealth.of(app, SubmittedSpec.hash(V1), false, false).reason())
        .isEqualTo(Reason.ApplicationPending);
  }

  /** The Spark operator counts a resume from suspension as another execution attempt. */
  @Test
  void aSubmissionAfterAResumeIsProgressThoughItCountsAsAnotherAttempt() {
    SparkApplication app = reported(applied(V1, null), "SUBMITTED", "s2", null);
    app.getStatus().setExecutionAttempts(2);

    assertThat(StreamingHealth.of(app, SubmittedSpec.hash(V1), false, false).reason())
        .isEqualTo(Reason.ApplicationPending);
  }

  @Test
  void anApplicationWithoutAnyStatusPastTheDeadlineMeansTheSparkOperatorIsNotResponding() {
    SparkApplication app = applied(V1, null);
    app.getMetadata().setNamespace("team-a");
    app.getMetadata().setCreationTimestamp("2026-11-27T10:00:00Z");
    String hash = SubmittedSpec.hash(V1);

    PartState early =
        StreamingHealth.of(
            app,
            hash,
            false,
            false,
            new StreamingSpec(),
            java.time.Instant.parse("2026-11-27T10:01:30Z"));
    PartState late =
        StreamingHealth.of(
            app,
            hash,
            false,
            false,
            new StreamingSpec(),
            java.time.Instant.parse("2026-11-27T10:02:01Z"));

    assertThat(early.reason()).isEqualTo(Reason.ApplicationPending);
    assertThat(late.reason()).isEqualTo(Reason.SparkOperatorNotResponding);
    assertThat(late.failed()).isTrue();
    assertThat(late.message())
        .isEqualTo(
            "SparkApplication basic-streaming has no status 121 s after it was created: is the"
                + " Kubeflow Spark operator running, and does it watch namespace team-a (its"
                + " spark.jobNamespaces)? See the logs of its controller");
    assertThat(
            StreamingHealth.of(
                    reported(app, "SUBMITTED", "s1", null),
                    hash,
                    false,
                    false,
                    new StreamingSpec(),
                    java.time.Instant.parse("2026-11-27T11:00:00Z"))
                .reason())
        .as("any state at all is an answer")
        .isEqualTo(Reason.ApplicationPending);
  }
}
