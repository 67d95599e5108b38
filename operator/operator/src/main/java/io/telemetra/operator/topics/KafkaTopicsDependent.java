package io.telemetra.operator.topics;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.config.PollingSettings;
import io.telemetra.operator.pipeline.Connector;
import io.telemetra.operator.pipeline.ExternalDependent;
import io.telemetra.operator.pipeline.PipelineProblem;
import io.telemetra.operator.pipeline.Probes;

/**
 * The pipeline's Kafka topics, an external resource polled through the AdminClient. Creates missing
 * topics, grows partitions and updates retention; never shrinks or deletes (deletion with
 * deletionPolicy: Delete is the cleanup reconciler's job, so this dependent adds no finalizer).
 */
public class KafkaTopicsDependent extends ExternalDependent<TopicsState, TopicsService> {

  /** On the real Kafka. */
  public KafkaTopicsDependent() {
    this(KafkaTopics.CONNECTOR, Probes.NONE);
  }

  /** On the Kafka {@code kafka} connects to (a fake in tests), each poll told to {@code probes}. */
  public KafkaTopicsDependent(Connector<TopicsService> kafka, Probes probes) {
    super(TopicsState.class, PollingSettings.kafka(), "topics", kafka, probes);
  }

  @Override
  protected TopicsState observe(TopicsService topics) {
    return topics.observe();
  }

  @Override
  protected TopicsState unavailable(PipelineProblem problem) {
    return TopicsState.unavailable(problem.reason(), problem.getMessage());
  }

  @Override
  protected TopicsState desired(TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
    return TopicsState.seen(KafkaTopics.desired(pipeline.getSpec().getKafka()));
  }

  @Override
  protected Matcher.Result<TopicsState> matchReachable(
      TopicsState actual, TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
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
  protected TopicsState provision(
      TopicsService topics, TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
    refuseSharedTopics(pipeline, context);
    return topics.apply();
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
