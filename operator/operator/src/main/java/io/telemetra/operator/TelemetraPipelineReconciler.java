package io.telemetra.operator;

import static io.telemetra.operator.status.ConditionType.API_READY;
import static io.telemetra.operator.status.ConditionType.STREAMING_READY;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowReconcileResult;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.api.v1alpha1.TelemetraPipelineStatus;
import io.telemetra.operator.apiworkload.ApiAutoscalerDependent;
import io.telemetra.operator.apiworkload.ApiConfigMapDependent;
import io.telemetra.operator.apiworkload.ApiDeploymentDependent;
import io.telemetra.operator.apiworkload.ApiPodDisruptionBudgetDependent;
import io.telemetra.operator.apiworkload.ApiServiceDependent;
import io.telemetra.operator.metrics.PipelineMetrics;
import io.telemetra.operator.pipeline.PipelineNames;
import io.telemetra.operator.pipeline.ReferencedSecrets;
import io.telemetra.operator.producer.ProducerDeploymentDependent;
import io.telemetra.operator.schema.SchemaMigrationDependent;
import io.telemetra.operator.spark.SparkApplication;
import io.telemetra.operator.status.Observation;
import io.telemetra.operator.status.PartObserver;
import io.telemetra.operator.status.PartState;
import io.telemetra.operator.status.Reason;
import io.telemetra.operator.status.StatusCalculator;
import io.telemetra.operator.status.StatusComparison;
import io.telemetra.operator.status.TransitionEvents;
import io.telemetra.operator.streaming.RestartBudget;
import io.telemetra.operator.streaming.StalledRerun;
import io.telemetra.operator.streaming.StreamingApplicationDependent;
import io.telemetra.operator.streaming.StreamingApplicationDependent.SparkOperatorInstalled;
import io.telemetra.operator.streaming.SubmittedSpec;
import io.telemetra.operator.topics.KafkaTopicsDependent;
import io.telemetra.operator.topics.TopicSharing;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reconciles a TelemetraPipeline through its declared workflow and turns what the parts report into
 * status. Unusable specs (missing Secret, unreachable Kafka or Postgres) leave the running
 * workloads alone, set Ready=False with a precise reason and are retried with backoff.
 */
@Workflow(
    explicitInvocation = true,
    handleExceptionsInReconciler = true,
    dependents = {
      @Dependent(name = "topics", type = KafkaTopicsDependent.class),
      @Dependent(name = "schema", type = SchemaMigrationDependent.class),
      @Dependent(
          name = "streaming",
          type = StreamingApplicationDependent.class,
          dependsOn = {"topics", "schema"},
          activationCondition = SparkOperatorInstalled.class),
      @Dependent(name = "api-config", type = ApiConfigMapDependent.class),
      @Dependent(
          name = "api",
          type = ApiDeploymentDependent.class,
          dependsOn = {"schema", "api-config"}),
      @Dependent(name = "api-service", type = ApiServiceDependent.class),
      @Dependent(
          name = "api-autoscaler",
          type = ApiAutoscalerDependent.class,
          reconcilePrecondition = ApiAutoscalerDependent.Autoscaled.class),
      @Dependent(
          name = "api-pdb",
          type = ApiPodDisruptionBudgetDependent.class,
          reconcilePrecondition = ApiPodDisruptionBudgetDependent.SeveralReplicas.class),
      @Dependent(
          name = "producer",
          type = ProducerDeploymentDependent.class,
          dependsOn = "topics",
          reconcilePrecondition = ProducerDeploymentDependent.Enabled.class)
    })
@ControllerConfiguration(
    name = TelemetraPipelineReconciler.NAME,
    // Generation-aware processing would ignore the pause annotation: ReconcilePause.Updates keeps
    // generation changes and adds it.
    generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = ReconcilePause.Updates.class),
    maxReconciliationInterval =
        @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
@GradualRetry(
    maxAttempts = -1,
    initialInterval = 2000,
    intervalMultiplier = 2,
    maxInterval = 60_000)
public class TelemetraPipelineReconciler implements Reconciler<TelemetraPipeline> {

  public static final String NAME = "telemetrapipeline";
  static final Duration SPARK_OPERATOR_RECHECK = Duration.ofSeconds(30);
  static final Duration POD_RECHECK = Duration.ofSeconds(10);

  private final Clock clock;
  private final StalledRerun stalledRerun = new StalledRerun();
  private final StatusCalculator statuses;
  private final TransitionEvents events;
  private final PipelineMetrics metrics;

  public TelemetraPipelineReconciler() {
    this(Clock.systemUTC(), PipelineMetrics.unexported());
  }

  public TelemetraPipelineReconciler(Clock clock, PipelineMetrics metrics) {
    this.clock = clock;
    this.metrics = metrics;
    this.statuses = new StatusCalculator(clock);
    this.events = new TransitionEvents(clock);
  }

  @Override
  public List<EventSource<?, TelemetraPipeline>> prepareEventSources(
      EventSourceContext<TelemetraPipeline> context) {
    TopicSharing.index(context.getPrimaryCache());
    return List.of(ReferencedSecrets.eventSource(context));
  }

  @Override
  public UpdateControl<TelemetraPipeline> reconcile(
      TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
    long started = System.nanoTime();
    try {
      return reconcileTimed(pipeline, context);
    } finally {
      metrics.reconciled(pipeline, Duration.ofNanos(System.nanoTime() - started));
    }
  }

  private UpdateControl<TelemetraPipeline> reconcileTimed(
      TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
    if (ReconcilePause.isPaused(pipeline)) {
      return patchIfChanged(pipeline, statuses.paused(pipeline), context);
    }
    Observation seen = new Observation();
    List<PartState> missingSecrets = ReferencedSecrets.readFor(pipeline, context);
    missingSecrets.forEach(seen::part);
    if (missingSecrets.isEmpty()) {
      Optional<SparkApplication> before = context.getSecondaryResource(SparkApplication.class);
      WorkflowReconcileResult result =
          context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
      recordAResubmission(pipeline, context, before);
      new PartObserver(pipeline, context, result, clock).observeInto(seen);
      nudgeAStalledRerun(pipeline, context);
    }
    TelemetraPipelineStatus status = statuses.statusFor(pipeline, seen);
    if (seen.hasRetryableFailure()) {
      throw new PipelineNotReady(status);
    }
    UpdateControl<TelemetraPipeline> control = patchIfChanged(pipeline, status, context);
    Reason sparkOperator = reasonOf(seen, STREAMING_READY);
    if (sparkOperator == Reason.SparkOperatorMissing
        || sparkOperator == Reason.SparkOperatorNotResponding) {
      return control.rescheduleAfter(SPARK_OPERATOR_RECHECK);
    }
    Reason api = reasonOf(seen, API_READY);
    Reason streaming = reasonOf(seen, STREAMING_READY);
    // No event tells of a pod that cannot start or crash-loops, nor of a resubmission coming due
    // (the restart budget's wait); and a workload stopping for suspension is finished only when
    // its pods are gone: while any of these may change, look again.
    if (api == Reason.ReplicasNotReady
        || api == Reason.RolloutFailed
        || api == Reason.Suspending
        || streaming == Reason.Suspending
        || streaming == Reason.ApplicationPending
        || streaming == Reason.ApplicationFailed
        || streaming == Reason.CrashLooping) {
      return control.rescheduleAfter(POD_RECHECK);
    }
    return control;
  }

  /** A StreamingResubmitted event when this reconcile resubmitted a failed run. */
  private void recordAResubmission(
      TelemetraPipeline pipeline,
      Context<TelemetraPipeline> context,
      Optional<SparkApplication> before) {
    int was = before.map(app -> RestartBudget.of(app, null).resubmissions()).orElse(0);
    context
        .getSecondaryResource(SparkApplication.class)
        .ifPresent(
            app -> {
              int now = RestartBudget.of(app, null).resubmissions();
              if (now > was) {
                events.resubmitted(
                    context.getClient(),
                    pipeline,
                    app.getMetadata().getName(),
                    SubmittedSpec.annotation(app, StreamingApplicationDependent.RESUBMITTED_AFTER)
                        + " (resubmission "
                        + now
                        + " in its life)");
              }
            });
  }

  private void nudgeAStalledRerun(TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
    context
        .getSecondaryResource(SparkApplication.class)
        .filter(StalledRerun::pendingRerun)
        .ifPresent(
            app ->
                stalledRerun.nudgeIfStalled(
                    context.getClient(),
                    app,
                    context
                        .getClient()
                        .pods()
                        .inNamespace(pipeline.getMetadata().getNamespace())
                        .withLabels(PipelineNames.selector(pipeline, "streaming"))
                        .list()
                        .getItems()
                        .size(),
                    clock));
  }

  private static Reason reasonOf(Observation seen, String part) {
    PartState state = seen.parts().get(part);
    return state == null ? null : state.reason();
  }

  @Override
  public ErrorStatusUpdateControl<TelemetraPipeline> updateErrorStatus(
      TelemetraPipeline pipeline, Context<TelemetraPipeline> context, Exception e) {
    Throwable cause = e;
    while (cause != null && !(cause instanceof PipelineNotReady)) {
      cause = cause.getCause();
    }
    TelemetraPipelineStatus status =
        cause instanceof PipelineNotReady notReady
            ? notReady.status
            : statuses.statusFor(pipeline, Observation.failedReconcile(e));
    metrics.record(pipeline, status);
    if (StatusComparison.same(pipeline.getStatus(), status)) {
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    events.record(context.getClient(), pipeline, conditionsOf(pipeline), status.getConditions());
    pipeline.setStatus(status);
    return ErrorStatusUpdateControl.patchStatus(pipeline);
  }

  private UpdateControl<TelemetraPipeline> patchIfChanged(
      TelemetraPipeline pipeline,
      TelemetraPipelineStatus status,
      Context<TelemetraPipeline> context) {
    metrics.record(pipeline, status);
    if (StatusComparison.same(pipeline.getStatus(), status)) {
      return UpdateControl.noUpdate();
    }
    events.record(context.getClient(), pipeline, conditionsOf(pipeline), status.getConditions());
    pipeline.setStatus(status);
    return UpdateControl.patchStatus(pipeline);
  }

  private static List<io.fabric8.kubernetes.api.model.Condition> conditionsOf(TelemetraPipeline p) {
    return p.getStatus() == null ? List.of() : p.getStatus().getConditions();
  }

  /** Thrown to have JOSDK retry with backoff; carries the status to write meanwhile. */
  static final class PipelineNotReady extends RuntimeException {
    final transient TelemetraPipelineStatus status;

    PipelineNotReady(TelemetraPipelineStatus status) {
      super("pipeline not ready: " + status.getPhase());
      this.status = status;
    }
  }
}
