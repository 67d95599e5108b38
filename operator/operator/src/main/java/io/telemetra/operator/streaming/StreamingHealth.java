package io.telemetra.operator.streaming;

import static io.telemetra.operator.status.ConditionType.STREAMING_READY;

import io.telemetra.operator.api.v1alpha1.RestartBudgetSpec;
import io.telemetra.operator.api.v1alpha1.StreamingSpec;
import io.telemetra.operator.spark.ApplicationState;
import io.telemetra.operator.spark.SparkApplication;
import io.telemetra.operator.spark.SparkApplicationStatus;
import io.telemetra.operator.status.PartState;
import io.telemetra.operator.status.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * StreamingReady from the SparkApplication, as a pure function. Ready only while a run submitted
 * for the current spec is RUNNING (see {@link SubmittedSpec}); FAILING, FAILED, SUBMISSION_FAILED,
 * UNKNOWN, SUCCEEDING and COMPLETED of that run are failures (a streaming job never ends), as is
 * INVALIDATING when this operator did not change the spec, and so is a run restarting after its
 * driver failed (a crash loop is Degraded throughout, not Progressing between crashes). Suspended
 * only once no driver runs.
 */
public final class StreamingHealth {

  /** States in which the Spark operator runs no driver for the application. */
  static final Set<String> STOPPED =
      Set.of(
          "",
          "SUSPENDED",
          "COMPLETED",
          ApplicationState.FAILED,
          ApplicationState.SUBMISSION_FAILED);

  static final Set<String> FAILURES =
      Set.of(
          "FAILING",
          ApplicationState.FAILED,
          ApplicationState.SUBMISSION_FAILED,
          "UNKNOWN",
          "SUCCEEDING",
          "COMPLETED");

  /**
   * How long a SparkApplication may go without any status before the Spark operator counts as not
   * responding (it sets SUBMITTED within seconds of seeing one).
   */
  public static final Duration SPARK_OPERATOR_DEADLINE = Duration.ofMinutes(2);

  private StreamingHealth() {}

  /**
   * @param app the SparkApplication as observed
   * @param currentSpecHash {@link SubmittedSpec#hash} of the spec the pipeline asks for now
   * @param suspend whether the pipeline's spec.suspend is set
   */
  public static PartState of(SparkApplication app, String currentSpecHash, boolean suspend) {
    return of(app, currentSpecHash, suspend, false);
  }

  /**
   * @param failingBefore whether StreamingReady said {@link Reason#ApplicationFailed} before this
   *     look: a resubmission after a failure goes on being one until the job runs again
   */
  public static PartState of(
      SparkApplication app, String currentSpecHash, boolean suspend, boolean failingBefore) {
    return of(app, currentSpecHash, suspend, failingBefore, new StreamingSpec(), Instant.now());
  }

  /**
   * @param streaming the pipeline's streaming spec: its restart budget and nonce
   * @param now the time of this look, to tell a Spark operator that never answers
   */
  public static PartState of(
      SparkApplication app,
      String currentSpecHash,
      boolean suspend,
      boolean failingBefore,
      StreamingSpec streaming,
      Instant now) {
    String name = "SparkApplication " + app.getMetadata().getName();
    String state = state(app);
    String shown = state.isEmpty() ? "not yet submitted" : state;
    if (suspend) {
      boolean asked = app.getSpec() != null && Boolean.TRUE.equals(app.getSpec().getSuspend());
      if (asked && STOPPED.contains(state)) {
        return PartState.notReady(
            STREAMING_READY, Reason.Suspended, name + " is suspended (" + shown + ")");
      }
      return PartState.notReady(
          STREAMING_READY,
          Reason.Suspending,
          asked
              ? name
                  + " is "
                  + shown
                  + "; waiting for the Spark operator to stop the driver"
                  + " (spec.suspend needs the Kubeflow Spark operator v2.4.0 or later)"
              : name + " has not been asked to suspend yet");
    }
    if (!currentSpecHash.equals(SubmittedSpec.annotation(app, SubmittedSpec.SPEC_HASH))) {
      return PartState.notReady(
          STREAMING_READY,
          Reason.ApplicationPending,
          name + " has not been given the current spec yet (the previous run is " + shown + ")");
    }
    Optional<Duration> unanswered = withoutStatusFor(app, state, now);
    if (unanswered.isPresent() && unanswered.get().compareTo(SPARK_OPERATOR_DEADLINE) > 0) {
      return PartState.notReady(
          STREAMING_READY,
          Reason.SparkOperatorNotResponding,
          name
              + " has no status "
              + unanswered.get().toSeconds()
              + " s after it was created: is the Kubeflow Spark operator running, and does it"
              + " watch namespace "
              + app.getMetadata().getNamespace()
              + " (its spark.jobNamespaces)? See the logs of its controller");
    }
    Optional<PartState> restart = restart(app, state, streaming, now);
    if (restart.isPresent()) {
      return restart.get();
    }
    if (!SubmittedSpec.submittedForCurrentSpec(app)) {
      return PartState.notReady(
          STREAMING_READY,
          Reason.ApplicationPending,
          state.isEmpty()
              ? name + " is not yet submitted"
              : name
                  + " is "
                  + state
                  + " from before the last spec change; waiting for the Spark operator to"
                  + " submit it again");
    }
    if (ApplicationState.RUNNING.equals(state)) {
      return PartState.ready(
          STREAMING_READY, Reason.ApplicationRunning, name + " is RUNNING" + executors(app));
    }
    int failedRuns = failedRuns(app.getStatus(), state, failingBefore);
    if (failedRuns > 0) {
      return failed(
          name,
          state,
          ": the driver failed "
              + (failedRuns == 1 ? "once" : failedRuns + " times")
              + " since the last spec change; starting run "
              + (failedRuns + 1)
              + maxRuns(app));
    }
    boolean invalidatedByOthers =
        "INVALIDATING".equals(state)
            && SubmittedSpec.annotation(app, SubmittedSpec.SUPERSEDED_SUBMISSION) != null;
    if (FAILURES.contains(state) || invalidatedByOthers) {
      return failed(
          name,
          state,
          attempts(app.getStatus())
              + (invalidatedByOthers
                  ? ": its spec was changed by someone other than Telemetra"
                  : "")
              + errorMessage(app));
    }
    return PartState.notReady(STREAMING_READY, Reason.ApplicationPending, name + " is " + shown);
  }

  /**
   * A run of the current spec that ended, which Telemetra resubmits within its restart budget or,
   * once the budget is spent, leaves FAILED (CrashLooping); or the run Telemetra resubmitted after
   * a failure, until it runs. Empty otherwise.
   */
  private static Optional<PartState> restart(
      SparkApplication app, String state, StreamingSpec streaming, Instant now) {
    String name = "SparkApplication " + app.getMetadata().getName();
    RestartBudgetSpec limits = streaming.getRestartBudget();
    RestartBudget budget = RestartBudget.of(app, streaming.getRestartNonce());
    String window =
        " of at most "
            + limits.getFailures()
            + " within "
            + limits.getWindowMinutes()
            + " min (spec.streaming.restartBudget)";
    if (SubmittedSpec.submittedForCurrentSpec(app) && SubmittedSpec.ENDED.contains(state)) {
      Instant next = budget.nextResubmission(limits, now);
      String ended = name + " is " + state + attempts(app.getStatus()) + errorMessage(app);
      if (budget.spent(limits, now)) {
        return Optional.of(
            PartState.notReady(
                STREAMING_READY,
                Reason.CrashLooping,
                ended
                    + "; resubmitted "
                    + budget.within(limits, now).size()
                    + " times within "
                    + limits.getWindowMinutes()
                    + " min, as often as spec.streaming.restartBudget allows, so it stays down"
                    + " until "
                    + next
                    + " or a new spec.streaming.restartNonce"));
      }
      return Optional.of(
          failed(
              name,
              state,
              attempts(app.getStatus())
                  + errorMessage(app)
                  + "; Telemetra resubmits it "
                  + (next.isAfter(now) ? "at " + next : "now")
                  + ": resubmission "
                  + (budget.within(limits, now).size() + 1)
                  + window));
    }
    String resubmitted =
        SubmittedSpec.annotation(app, StreamingApplicationDependent.RESUBMITTED_SPEC);
    if (resubmitted != null
        && resubmitted.equals(SubmittedSpec.annotation(app, SubmittedSpec.SPEC_HASH))
        && !ApplicationState.RUNNING.equals(state)) {
      return Optional.of(
          PartState.notReady(
              STREAMING_READY,
              Reason.ApplicationFailed,
              name
                  + " is restarting after its run ended "
                  + Optional.ofNullable(
                          SubmittedSpec.annotation(
                              app, StreamingApplicationDependent.RESUBMITTED_AFTER))
                      .orElse("")
                  + ": resubmission "
                  + budget.within(limits, now).size()
                  + window
                  + ", now "
                  + (state.isEmpty() ? "not yet submitted" : state)));
    }
    return Optional.empty();
  }

  private static String errorMessage(SparkApplication app) {
    return Optional.ofNullable(app.getStatus().getApplicationState().getErrorMessage())
        .filter(m -> !m.isBlank())
        .map(m -> ": " + m)
        .orElse("");
  }

  /**
   * Runs of the current spec that failed, while the Spark operator starts the next one. The Spark
   * operator resets executionAttempts only when the spec changes (INVALIDATING, then PENDING_RERUN
   * with none), so in PENDING_RERUN every run so far failed. SUBMITTED counts the new run too, but
   * also follows a resume from suspension, which is no failure: only a SUBMITTED that follows a
   * failure seen before is one.
   */
  private static int failedRuns(
      SparkApplicationStatus status, String state, boolean failingBefore) {
    int attempts = Optional.ofNullable(status.getExecutionAttempts()).orElse(0);
    return switch (state) {
      case "PENDING_RERUN" -> attempts;
      case "SUBMITTED" -> failingBefore ? Math.max(attempts - 1, 0) : 0;
      default -> 0;
    };
  }

  private static String maxRuns(SparkApplication app) {
    Integer retries =
        app.getSpec() == null || app.getSpec().getRestartPolicy() == null
            ? null
            : app.getSpec().getRestartPolicy().getOnFailureRetries();
    return retries == null ? "" : " of at most " + (retries + 1);
  }

  private static PartState failed(String name, String state, String detail) {
    return PartState.notReady(
        STREAMING_READY, Reason.ApplicationFailed, name + " is " + state + detail);
  }

  /** How long the application has existed without the Spark operator writing any state. */
  private static Optional<Duration> withoutStatusFor(
      SparkApplication app, String state, Instant now) {
    if (!state.isEmpty() || app.getMetadata().getCreationTimestamp() == null) {
      return Optional.empty();
    }
    return Optional.of(
        Duration.between(Instant.parse(app.getMetadata().getCreationTimestamp()), now));
  }

  public static String state(SparkApplication app) {
    return Optional.ofNullable(app.getStatus())
        .map(SparkApplicationStatus::getApplicationState)
        .map(ApplicationState::getState)
        .orElse("");
  }

  private static String attempts(SparkApplicationStatus status) {
    return " (execution attempts "
        + Optional.ofNullable(status.getExecutionAttempts()).orElse(0)
        + ", submission attempts "
        + Optional.ofNullable(status.getSubmissionAttempts()).orElse(0)
        + ")";
  }

  private static String executors(SparkApplication app) {
    Integer requested =
        app.getSpec() == null || app.getSpec().getExecutor() == null
            ? null
            : app.getSpec().getExecutor().getInstances();
    Map<String, String> executors = app.getStatus().getExecutorState();
    if (requested == null || executors == null) {
      return "";
    }
    long running = executors.values().stream().filter("RUNNING"::equals).count();
    return ", executors " + running + "/" + requested + " running";
  }
}
