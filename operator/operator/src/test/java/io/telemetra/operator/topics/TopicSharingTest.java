package io.telemetra.operator.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.operator.TestingPipelines;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TopicSharingTest {

  static TelemetraPipeline pipeline(String name, String created, String bootstrap, String prefix) {
    TelemetraPipeline p = TestingPipelines.example("basic.yaml", "ns1");
    p.getMetadata().setName(name);
    p.getMetadata().setUid("uid-" + name);
    p.getMetadata().setCreationTimestamp(created);
    p.getSpec().getKafka().setBootstrapServers(bootstrap);
    p.getSpec().getKafka().setTopicPrefix(prefix);
    return p;
  }

  @Test
  void theSamePrefixOnAClusterReachedThroughACommonAddressIsTheSameTopics() {
    var a = pipeline("a", "2026-12-01T00:00:00Z", "k-0:9092,k-1:9092", "t");
    assertThat(TopicSharing.sameTopics(a, pipeline("b", "x", "K-1:9092, k-2:9092", "t"))).isTrue();
    assertThat(TopicSharing.sameTopics(a, pipeline("c", "x", "k-1:9092", "other"))).isFalse();
    assertThat(TopicSharing.sameTopics(a, pipeline("d", "x", "elsewhere:9092", "t"))).isFalse();
  }

  @Test
  void thePipelineAppliedFirstOwnsTheTopicsWhatEverOrderTheOperatorSeesThemIn() {
    var first = pipeline("z-first", "2026-12-01T00:00:00Z", "k:9092", "t");
    var second = pipeline("a-second", "2026-12-02T00:00:00Z", "k:9092", "t");
    var unrelated = pipeline("b-other", "2026-11-01T00:00:00Z", "k:9092", "u");

    assertThat(TopicSharing.earlierOwner(second, Stream.of(unrelated, second, first)))
        .contains(first);
    assertThat(TopicSharing.earlierOwner(first, Stream.of(second, first, unrelated))).isEmpty();
    assertThat(TopicSharing.conflict(second, first).getMessage())
        .isEqualTo(
            "the topics t.* on Kafka k:9092 belong to pipeline ns1/z-first (applied earlier);"
                + " give this pipeline a topicPrefix of its own");
  }
}
