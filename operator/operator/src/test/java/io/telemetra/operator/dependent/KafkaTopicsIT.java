package io.telemetra.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.telemetra.embedded.KafkaBroker;
import io.telemetra.embedded.Ports;
import io.telemetra.operator.TestingPipelines;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pipeline's topics against a real KRaft broker. */
class KafkaTopicsIT {

  @TempDir static Path dir;
  static KafkaBroker kafka;

  @BeforeAll
  static void startKafka() {
    kafka = KafkaBroker.onFreePorts(dir.resolve("kafka")).start();
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  static KafkaTopics topicsOf(String name) {
    return KafkaTopics.of(
        ReferencedSecrets.fetching(new KubernetesClientBuilder().build(), "team-kafka"),
        TestingPipelines.basic(
            name, "team-kafka", kafka.bootstrapServers(), "127.0.0.1", Ports.free()));
  }

  /**
   * Two applies that both find the topics missing (two reconciles racing, or a broker whose
   * metadata has not caught up with a creation yet): both succeed, and both return every topic.
   */
  @Test
  void applyingWhileTheTopicsAreBeingCreatedSucceedsAndSeesThemAll() throws Exception {
    KafkaTopics topics = topicsOf("racing");
    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      List<Future<TopicsState>> applied =
          List.of(
              two.submit(
                  () -> {
                    together.await();
                    return topics.apply();
                  }),
              two.submit(
                  () -> {
                    together.await();
                    return topics.apply();
                  }));
      for (Future<TopicsState> state : applied) {
        assertThat(state.get().topics()).containsOnlyKeys(topics.desired().keySet());
      }
    } finally {
      two.shutdownNow();
    }
  }
}
