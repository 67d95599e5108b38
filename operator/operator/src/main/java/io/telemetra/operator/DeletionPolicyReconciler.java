package io.telemetra.operator;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import io.telemetra.operator.api.v1alpha1.DeletionPolicy;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.metrics.PipelineMetrics;
import io.telemetra.operator.pipeline.PipelineNames;
import io.telemetra.operator.pipeline.PipelineProblem;
import io.telemetra.operator.pipeline.ReferencedSecrets;
import io.telemetra.operator.status.Reason;
import io.telemetra.operator.status.TransitionEvents;
import io.telemetra.operator.topics.TopicSharing;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Honours deletionPolicy. Only pipelines with {@code Delete} carry a finalizer; when such a
 * pipeline is deleted this stops its workloads and waits until none of its pods is left (so nothing
 * writes or creates a topic again), then drops its topics and tables and lets it go. {@code Retain}
 * pipelines have no finalizer at all, so removing the operator never wedges a namespace. Runs as
 * its own controller (all events) beside the main one, which therefore needs no finalizer either.
 */
@ControllerConfiguration(name = DeletionPolicyReconciler.NAME, triggerReconcilerOnAllEvents = true)
@GradualRetry(
    maxAttempts = -1,
    initialInterval = 2000,
    intervalMultiplier = 2,
    maxInterval = 60_000)
public class DeletionPolicyReconciler implements Reconciler<TelemetraPipeline> {

  public static final String NAME = "telemetrapipeline-deletion";
  public static final String FINALIZER = "telemetra.io/drop-topics-and-schema";
  static final Duration WORKLOADS_RECHECK = Duration.ofSeconds(2);
  private static final Logger log = LoggerFactory.getLogger(DeletionPolicyReconciler.class);

  private final PipelineMetrics metrics;
  private final ExternalSystems systems;
  private final TransitionEvents events = new TransitionEvents(Clock.systemUTC());

  public DeletionPolicyReconciler() {
    this(PipelineMetrics.unexported(), ExternalSystems.REAL);
  }

  /**
   * {@code metrics} forgets each pipeline once it is gone; topics and tables are dropped on {@code
   * systems}.
   */
  public DeletionPolicyReconciler(PipelineMetrics metrics, ExternalSystems systems) {
    this.metrics = metrics;
    this.systems = systems;
  }

  @Override
  public List<EventSource<?, TelemetraPipeline>> prepareEventSources(
      EventSourceContext<TelemetraPipeline> context) {
    TopicSharing.index(context.getPrimaryCache());
    return List.of();
  }

  @Override
  public UpdateControl<TelemetraPipeline> reconcile(
      TelemetraPipeline pipeline, Context<TelemetraPipeline> context) throws Exception {
    if (context.isPrimaryResourceDeleted()) {
      metrics.forget(pipeline);
      return UpdateControl.noUpdate();
    }
    boolean delete = pipeline.getSpec().getDeletionPolicy() == DeletionPolicy.Delete;
    boolean hasFinalizer = pipeline.hasFinalizer(FINALIZER);
    if (pipeline.isMarkedForDeletion()) {
      if (hasFinalizer) {
        if (delete) {
          List<String> running = new PipelineWorkloads(context.getClient(), pipeline).stop();
          if (!running.isEmpty()) {
            log.info(
                "Deleting {}: waiting for {} to stop before dropping its topics and tables",
                PipelineNames.owner(pipeline),
                running);
            return UpdateControl.<TelemetraPipeline>noUpdate().rescheduleAfter(WORKLOADS_RECHECK);
          }
          dropTopicsAndTables(pipeline, context);
        }
        edit(
            pipeline,
            context,
            p -> {
              p.removeFinalizer(FINALIZER);
              return p;
            });
      }
    } else if (delete != hasFinalizer) {
      edit(
          pipeline,
          context,
          p -> {
            if (delete) {
              p.addFinalizer(FINALIZER);
            } else {
              p.removeFinalizer(FINALIZER);
            }
            return p;
          });
    }
    return UpdateControl.noUpdate();
  }

  private void dropTopicsAndTables(TelemetraPipeline pipeline, Context<TelemetraPipeline> context)
      throws Exception {
    String name = PipelineNames.owner(pipeline);
    var secrets =
        ReferencedSecrets.fetching(context.getClient(), pipeline.getMetadata().getNamespace());
    try {
      var topicsOwner = TopicSharing.earlierOwner(pipeline, context.getPrimaryCache());
      if (topicsOwner.isEmpty()) {
        systems.kafka().connect(context.getClient(), secrets, pipeline).delete();
      }
      var keptTables = systems.postgres().connect(context.getClient(), secrets, pipeline).drop();
      String topics =
          topicsOwner
              .map(
                  other -> "kept the topics: they belong to pipeline " + PipelineNames.owner(other))
              .orElse("dropped its topics");
      String message =
          "deletionPolicy Delete: " + topics + "; " + keptTables.orElse("dropped its tables");
      boolean keptSome = topicsOwner.isPresent() || keptTables.isPresent();
      log.info("Deleted {}: {}", name, message);
      events.deleted(
          context.getClient(),
          pipeline,
          keptSome ? "Warning" : "Normal",
          keptSome ? "DataRetained" : "DataDropped",
          message);
    } catch (PipelineProblem p) {
      if (p.reason() != Reason.SecretNotFound && p.reason() != Reason.SecretKeyNotFound) {
        throw p;
      }
      // Without credentials nothing can be dropped; holding the finalizer would wedge the
      // namespace.
      log.warn("Cannot drop topics and tables of {}: {}; letting it go", name, p.getMessage());
      events.deleted(
          context.getClient(),
          pipeline,
          "Warning",
          "DataRetained",
          "deletionPolicy Delete: dropped nothing: " + p.getMessage());
    }
  }

  private static void edit(
      TelemetraPipeline pipeline,
      Context<TelemetraPipeline> context,
      UnaryOperator<TelemetraPipeline> change) {
    context
        .getClient()
        .resources(TelemetraPipeline.class)
        .inNamespace(pipeline.getMetadata().getNamespace())
        .withName(pipeline.getMetadata().getName())
        .edit(change);
  }
}
