package io.telemetra.operator.topics;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.external.PerResourcePollingDependentResource;
import io.javaoperatorsdk.operator.processing.event.source.ExternalResourceCachingEventSource;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.config.PollingSettings;
import io.telemetra.operator.pipeline.Connector;
import io.telemetra.operator.pipeline.LastConnections;
import io.telemetra.operator.pipeline.PipelineProblem;
import io.telemetra.operator.pipeline.PooledPolling;
import io.telemetra.operator.pipeline.ReferencedSecrets;
import java.util.Set;

/**
 * The pipeline's Kafka topics, an external resource polled through the AdminClient. Creates missing
 * topics, grows partitions and updates retention; never shrinks or deletes (deletion with
 * deletionPolicy: Delete is the cleanup reconciler's job, so this dependent adds no finalizer).
 */
public class KafkaTopicsDependent
    extends PerResourcePollingDependentResource<TopicsState, TelemetraPipeline, String>
    implements Creator<TopicsState, TelemetraPipeline>, Updater<TopicsState, TelemetraPipeline> {

  private KubernetesClient client;
  private final Connector<TopicsService> kafka;
  private final LastConnections<TopicsService> connections = new LastConnections<>();

  /** On the real Kafka. */
  public KafkaTopicsDependent() {
    this(KafkaTopics.CONNECTOR);
  }

  /** On the Kafka {@code kafka} connects to (a fake in tests). */
  public KafkaTopicsDependent(Connector<TopicsService> kafka) {
    super(TopicsState.class, PollingSettings.kafka(), state -> "topics");
    this.kafka = kafka;
  }

  @Override
  protected ExternalResourceCachingEventSource<TopicsState, TelemetraPipeline, String>
      createEventSource(EventSourceContext<TelemetraPipeline> context) {
    client = context.getClient();
    return PooledPolling.eventSource(this, context);
  }

  @Override
  public Set<TopicsState> fetchResources(TelemetraPipeline pipeline) {
    try {
      return Set.of(
          connections
              .of(
                  pipeline,
                  () ->
                      kafka.connect(
                          client,
                          ReferencedSecrets.fetching(client, pipeline.getMetadata().getNamespace()),
                          pipeline))
              .observe());
    } catch (PipelineProblem problem) {
      return Set.of(TopicsState.unavailable(problem.reason(), problem.getMessage()));
    }
  }

  @Override
  protected TopicsState desired(TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
    return TopicsState.seen(KafkaTopics.desired(pipeline.getSpec().getKafka()));
  }

  @Override
  public Matcher.Result<TopicsState> match(
      TopicsState actual, TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
    connections.remember(pipeline, context, () -> topics(pipeline, context));
    if (!actual.reachable()) {
      throw new PipelineProblem(actual.problem(), actual.message());
    }
    refuseSharedTopics(pipeline, context);
    TopicsState desired = desired(pipeline, context);
    boolean matched =
        desired.topics().entrySet().stream()
            .allMatch(
                want -> {
                  TopicsState.Topic have = actual.topics().get(want.getKey());
                  return have != null
                      && have.partitions() >= want.getValue().partitions()
                      && have.retentionMs() == want.getValue().retentionMs();
                });
    return Matcher.Result.computed(matched, desired);
  }

  @Override
  public TopicsState create(
      TopicsState desired, TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
    refuseSharedTopics(pipeline, context);
    return topics(pipeline, context).apply();
  }

  @Override
  public TopicsState update(
      TopicsState actual,
      TopicsState desired,
      TelemetraPipeline pipeline,
      Context<TelemetraPipeline> context) {
    refuseSharedTopics(pipeline, context);
    return topics(pipeline, context).apply();
  }

  private TopicsService topics(TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
    return kafka.connect(context.getClient(), ReferencedSecrets.of(pipeline, context), pipeline);
  }

  /** ResourceConflict when a pipeline applied earlier is on the same topics. */
  private static void refuseSharedTopics(
      TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
    var owner = TopicSharing.earlierOwner(pipeline, context.getPrimaryCache());
    if (owner.isPresent()) {
      throw TopicSharing.conflict(pipeline, owner.get());
    }
  }
}
