package io.telemetra.operator.topics;

import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.pipeline.PipelineNames;
import io.telemetra.operator.pipeline.PipelineProblem;
import io.telemetra.operator.status.Reason;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Pipelines on the same topics: the same topic prefix on a Kafka cluster reached through at least
 * one common bootstrap address. The pipeline applied first owns the topics; one applied later is
 * refused (TopicsReady=False, ResourceConflict) instead of consuming and growing them, and its
 * deletionPolicy: Delete leaves them alone. Decided from the pipelines the operator sees, so a
 * cluster reached under different addresses goes unnoticed.
 */
public final class TopicSharing {

  private static final Comparator<TelemetraPipeline> APPLIED_FIRST =
      Comparator.comparing(
              (TelemetraPipeline p) -> String.valueOf(p.getMetadata().getCreationTimestamp()))
          .thenComparing(p -> String.valueOf(p.getMetadata().getUid()))
          .thenComparing(PipelineNames::owner);

  /** Primary cache index: the topic prefix of each pipeline. */
  private static final String BY_PREFIX = "telemetra.io/topic-prefix";

  private TopicSharing() {}

  /**
   * Indexes {@code pipelines} by topic prefix, so finding a pipeline's peers looks at the pipelines
   * with its prefix, not at the whole fleet (call before the controller starts).
   */
  public static void index(IndexerResourceCache<TelemetraPipeline> pipelines) {
    pipelines.addIndexer(
        BY_PREFIX, pipeline -> List.of(pipeline.getSpec().getKafka().getTopicPrefix()));
  }

  /**
   * The first-applied other pipeline on {@code pipeline}'s topics among the {@link #index indexed}
   * {@code pipelines}, if it is not the first.
   */
  public static Optional<TelemetraPipeline> earlierOwner(
      TelemetraPipeline pipeline, IndexedResourceCache<TelemetraPipeline> pipelines) {
    return earlierOwner(
        pipeline,
        pipelines.byIndex(BY_PREFIX, pipeline.getSpec().getKafka().getTopicPrefix()).stream());
  }

  /** The first-applied other pipeline on {@code pipeline}'s topics, if it is not the first. */
  public static Optional<TelemetraPipeline> earlierOwner(
      TelemetraPipeline pipeline, Stream<TelemetraPipeline> all) {
    return others(pipeline, all)
        .filter(other -> APPLIED_FIRST.compare(other, pipeline) < 0)
        .min(APPLIED_FIRST);
  }

  /** The refusal of {@code pipeline}, whose topics belong to {@code owner}. */
  public static PipelineProblem conflict(TelemetraPipeline pipeline, TelemetraPipeline owner) {
    var kafka = pipeline.getSpec().getKafka();
    return new PipelineProblem(
        Reason.ResourceConflict,
        "the topics "
            + kafka.getTopicPrefix()
            + ".* on Kafka "
            + kafka.getBootstrapServers()
            + " belong to pipeline "
            + PipelineNames.owner(owner)
            + " (applied earlier); give this pipeline a topicPrefix of its own");
  }

  private static Stream<TelemetraPipeline> others(
      TelemetraPipeline pipeline, Stream<TelemetraPipeline> all) {
    String owner = PipelineNames.owner(pipeline);
    return all.filter(other -> !PipelineNames.owner(other).equals(owner))
        .filter(other -> sameTopics(pipeline, other));
  }

  static boolean sameTopics(TelemetraPipeline a, TelemetraPipeline b) {
    var ka = a.getSpec().getKafka();
    var kb = b.getSpec().getKafka();
    if (!ka.getTopicPrefix().equals(kb.getTopicPrefix())) {
      return false;
    }
    Set<String> brokers = brokers(ka.getBootstrapServers());
    return brokers(kb.getBootstrapServers()).stream().anyMatch(brokers::contains);
  }

  private static Set<String> brokers(String bootstrapServers) {
    return Arrays.stream(bootstrapServers.split(","))
        .map(String::trim)
        .map(String::toLowerCase)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toSet());
  }
}
