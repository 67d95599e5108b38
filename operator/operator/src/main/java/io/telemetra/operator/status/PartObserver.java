package io.telemetra.operator.status;

import static io.telemetra.operator.status.ConditionType.API_READY;
import static io.telemetra.operator.status.ConditionType.SCHEMA_READY;
import static io.telemetra.operator.status.ConditionType.STREAMING_READY;
import static io.telemetra.operator.status.ConditionType.TOPICS_READY;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowReconcileResult;
import io.telemetra.operator.api.v1alpha1.ApiStatus;
import io.telemetra.operator.api.v1alpha1.IncidentStatus;
import io.telemetra.operator.api.v1alpha1.SchemaStatus;
import io.telemetra.operator.api.v1alpha1.StreamingStatus;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.api.v1alpha1.TopicStatus;
import io.telemetra.operator.apiworkload.ApiHealth;
import io.telemetra.operator.apiworkload.ApiServiceDependent;
import io.telemetra.operator.pipeline.PipelineNames;
import io.telemetra.operator.pipeline.PipelineProblem;
import io.telemetra.operator.schema.RecordedIncidents;
import io.telemetra.operator.schema.SchemaState;
import io.telemetra.operator.spark.ApplicationState;
import io.telemetra.operator.spark.SparkApplication;
import io.telemetra.operator.spark.SparkApplicationSpec;
import io.telemetra.operator.streaming.StreamingApplicationDependent;
import io.telemetra.operator.streaming.StreamingApplicationDependent.SparkOperatorInstalled;
import io.telemetra.operator.streaming.StreamingHealth;
import io.telemetra.operator.streaming.SubmittedSpec;
import io.telemetra.operator.topics.TopicsState;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads each part's secondary resource (and workflow errors) into an {@link Observation}. */
public final class PartObserver {

  private static final StreamingApplicationDependent SPARK_APPLICATIONS =
      new StreamingApplicationDependent();
  private static final SparkOperatorInstalled SPARK_OPERATOR = new SparkOperatorInstalled();
  private static final DesiredApplication DESIRED_APPLICATION = new DesiredApplication();

  /** Pod phases of a pod that runs nothing any more. */
  private static final List<String> FINISHED = List.of("Succeeded", "Failed");

  private final TelemetraPipeline pipeline;
  private final Context<TelemetraPipeline> context;
  private final Map<String, Exception> errors = new HashMap<>();
  private final boolean suspended;
  private final Clock clock;

  public PartObserver(
      TelemetraPipeline pipeline,
      Context<TelemetraPipeline> context,
      WorkflowReconcileResult result,
      Clock clock) {
    this.pipeline = pipeline;
    this.context = context;
    this.clock = clock;
    result.getErroredDependents().forEach((dependent, e) -> errors.put(dependent.name(), e));
    this.suspended = Boolean.TRUE.equals(pipeline.getSpec().getSuspend());
  }

  public void observeInto(Observation seen) {
    seen.part(topics(seen)).part(schema(seen)).part(streaming(seen)).part(api(seen));
  }

  private PartState topics(Observation seen) {
    Optional<PartState> error = error(TOPICS_READY, "topics");
    if (error.isPresent()) return error.get();
    TopicsState state = context.getSecondaryResource(TopicsState.class).orElse(null);
    if (state == null || !state.reachable()) {
      return PartState.notReady(
          TOPICS_READY,
          Reason.KafkaUnavailable,
          state == null ? "not observed yet" : state.message());
    }
    List<TopicStatus> topics =
        state.topics().entrySet().stream()
            .map(e -> new TopicStatus(e.getKey(), e.getValue().partitions()))
            .toList();
    seen.topics(topics);
    if (state.inputRecords() >= 0) {
      seen.inputRecords(state.inputRecords());
    }
    if (state.deadLetters() >= 0) {
      seen.deadLetters(state.deadLetters());
    }
    return PartState.ready(
        TOPICS_READY, Reason.TopicsReconciled, topics.size() + " topics present");
  }

  private PartState schema(Observation seen) {
    Optional<PartState> error = error(SCHEMA_READY, "schema");
    if (error.isPresent()) return error.get();
    SchemaState state = context.getSecondaryResource(SchemaState.class).orElse(null);
    if (state == null || !state.reachable() || state.pending() > 0) {
      return PartState.notReady(SCHEMA_READY, Reason.WaitingForDependencies, "migrations pending");
    }
    seen.schema(new SchemaStatus(state.version()));
    seen.incidents(incident(state.checkpointResets()), incident(state.kafkaDataLoss()));
    seen.queries(state.queries());
    seen.snapshots(state.snapshots());
    return PartState.ready(
        SCHEMA_READY, Reason.SchemaMigrated, "schema at version " + state.version());
  }

  private static IncidentStatus incident(RecordedIncidents recorded) {
    return new IncidentStatus(
        recorded.count(),
        recorded.lastDetectedAt() == null ? null : recorded.lastDetectedAt().toString(),
        recorded.last());
  }

  private PartState streaming(Observation seen) {
    Optional<PartState> error = error(STREAMING_READY, "streaming");
    if (error.isPresent()) return error.get();
    String name = PipelineNames.streaming(pipeline);
    if (!SPARK_OPERATOR.isMet(SPARK_APPLICATIONS, pipeline, context)) {
      seen.streaming(new StreamingStatus(name, null, null));
      return PartState.notReady(
          STREAMING_READY,
          Reason.SparkOperatorMissing,
          "the SparkApplication CRD (sparkapplications.sparkoperator.k8s.io) is not installed;"
              + " install the Kubeflow Spark operator");
    }
    Optional<SparkApplication> app = context.getSecondaryResource(SparkApplication.class);
    if (app.isEmpty()) {
      seen.streaming(new StreamingStatus(name, null, null));
      if (suspended) {
        return untilPodsStopped(
            PartState.notReady(STREAMING_READY, Reason.Suspended, "no SparkApplication"),
            "streaming");
      }
      boolean blocked = errors.containsKey("topics") || errors.containsKey("schema");
      return PartState.notReady(
          STREAMING_READY,
          Reason.WaitingForDependencies,
          blocked
              ? "waiting for topics and schema"
              : "SparkApplication " + name + " being created");
    }
    String state = StreamingHealth.state(app.get());
    String message =
        Optional.ofNullable(app.get().getStatus())
            .map(s -> s.getApplicationState())
            .map(ApplicationState::getErrorMessage)
            .orElse(null);
    seen.streaming(new StreamingStatus(name, state.isEmpty() ? null : state, message));
    String currentSpec = SubmittedSpec.hash(DESIRED_APPLICATION.specFor(pipeline, context));
    PartState streaming =
        StreamingHealth.of(
            app.get(),
            currentSpec,
            suspended,
            wasFailing(STREAMING_READY),
            pipeline.getSpec().getStreaming(),
            clock.instant());
    if (streaming.reason() == Reason.Suspended) {
      return untilPodsStopped(streaming, "streaming");
    }
    if (streaming.reason() != Reason.ApplicationPending) {
      return streaming;
    }
    // Submitted, but a driver that cannot start (image, security context) stays SUBMITTED.
    return explainedByPods(streaming, "streaming", Reason.ApplicationFailed);
  }

  private PartState api(Observation seen) {
    Optional<PartState> error =
        error(API_READY, "api", "api-config", "api-service", "api-autoscaler", "api-pdb");
    if (error.isPresent()) return error.get();
    String name = PipelineNames.api(pipeline);
    Optional<Deployment> deployment = deployment(name);
    int ready =
        deployment.map(Deployment::getStatus).map(DeploymentStatus::getReadyReplicas).orElse(0);
    int desired = suspended ? 0 : ApiHealth.wanted(pipeline.getSpec().getApi(), deployment);
    seen.api(new ApiStatus(ready, desired, ApiServiceDependent.url(pipeline)));
    if (suspended) {
      return untilPodsStopped(
          ApiHealth.suspended(
              Stream.of(deployment, deployment(PipelineNames.producer(pipeline)))
                  .flatMap(Optional::stream)
                  .toList()),
          "api",
          "producer");
    }
    if (deployment.isEmpty()) {
      return PartState.notReady(API_READY, Reason.WaitingForDependencies, "waiting for the schema");
    }
    PartState api = ApiHealth.of(deployment.get(), desired);
    if (api.reason() == Reason.ReplicasNotReady) {
      // Rolling out: the Deployment would say nothing about a crash loop until its progress
      // deadline, so ask the pods (only now, so a steady pipeline reads no pods).
      api = explainedByPods(api, "api", Reason.RolloutFailed);
    }
    return ApiHealth.withAutoscaler(
        api, context.getSecondaryResource(HorizontalPodAutoscaler.class));
  }

  /**
   * A part still starting, explained by its component's pods: a pod that cannot run (crash loop,
   * image, container config) makes it {@code failed}; a pod the scheduler cannot place is named.
   */
  private PartState explainedByPods(PartState starting, String component, Reason failed) {
    List<Pod> pods = pods(component);
    return PodFailures.of(pods)
        .map(f -> PartState.notReady(starting.type(), failed, f + "; " + starting.message()))
        .or(
            () ->
                PodFailures.unschedulable(pods)
                    .map(
                        why ->
                            PartState.notReady(
                                starting.type(),
                                starting.reason(),
                                why + "; " + starting.message())))
        .orElse(starting);
  }

  /**
   * A part its workload calls stopped stays Suspending while a pod of it has not stopped yet: the
   * Spark operator says SUSPENDED, and a Deployment counts no terminating pod, while a driver may
   * still be writing its last batch during its grace period. Pods are read only on the way to
   * Suspended; once the status says so, nothing of the part runs any more.
   */
  private PartState untilPodsStopped(PartState stopped, String... components) {
    if (stopped.reason() != Reason.Suspended || conditionSays(stopped.type(), Reason.Suspended)) {
      return stopped;
    }
    List<String> running =
        Stream.of(components)
            .flatMap(component -> pods(component).stream())
            .filter(
                pod ->
                    !FINISHED.contains(pod.getStatus() == null ? "" : pod.getStatus().getPhase()))
            .map(pod -> pod.getMetadata().getName())
            .sorted()
            .toList();
    return running.isEmpty()
        ? stopped
        : PartState.notReady(
            stopped.type(),
            Reason.Suspending,
            "waiting for " + String.join(", ", running) + " to stop; " + stopped.message());
  }

  /** The pods of one component (read only while it is not ready: a steady pipeline reads none). */
  private List<Pod> pods(String component) {
    return context
        .getClient()
        .pods()
        .inNamespace(pipeline.getMetadata().getNamespace())
        .withLabels(PipelineNames.selector(pipeline, component))
        .list()
        .getItems();
  }

  /** Whether the part's condition, as the status says now, is a failure. */
  private boolean wasFailing(String type) {
    return conditionSays(type, Reason.ApplicationFailed);
  }

  /** Whether the condition {@code type}, as the status says now, is False for {@code reason}. */
  private boolean conditionSays(String type, Reason reason) {
    return pipeline.getStatus() != null
        && pipeline.getStatus().getConditions() != null
        && pipeline.getStatus().getConditions().stream()
            .anyMatch(
                c ->
                    type.equals(c.getType())
                        && "False".equals(c.getStatus())
                        && reason.name().equals(c.getReason()));
  }

  private Optional<Deployment> deployment(String name) {
    return context
        .getSecondaryResourcesAsStream(Deployment.class)
        .filter(d -> name.equals(d.getMetadata().getName()))
        .findFirst();
  }

  private Optional<PartState> error(String type, String... dependents) {
    for (String dependent : dependents) {
      Exception e = errors.get(dependent);
      if (e != null) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof PipelineProblem)) cause = cause.getCause();
        return Optional.of(
            cause instanceof PipelineProblem problem
                ? PartState.notReady(type, problem.reason(), problem.getMessage())
                : PartState.notReady(
                    type, Reason.ReconcileError, dependent + ": " + e.getMessage()));
      }
    }
    return Optional.empty();
  }

  /** The streaming dependent's desired SparkApplication, to know the spec the pipeline asks for. */
  private static final class DesiredApplication extends StreamingApplicationDependent {
    SparkApplicationSpec specFor(TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
      return desired(pipeline, context).getSpec();
    }
  }
}
