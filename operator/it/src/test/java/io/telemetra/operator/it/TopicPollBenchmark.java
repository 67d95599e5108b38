package io.telemetra.operator.it;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.telemetra.embedded.KafkaBroker;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.pipeline.ReferencedSecrets;
import io.telemetra.operator.topics.KafkaTopics;
import io.telemetra.operator.topics.TopicsState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * What one poll of a pipeline's topics costs on a cluster that holds many other topics (other
 * pipelines' or anyone's): {@code KafkaTopics.observe()} against a real KRaft broker, and, in the
 * same run, the cluster-wide topic listing that each poll used to start with. Not a test:
 *
 * <pre>./mvnw -pl operator/it -Pbench-topics verify [-Dbench.topics=5000 -Dbench.polls=300]</pre>
 */
public final class TopicPollBenchmark {

  private TopicPollBenchmark() {}

  public static void main(String[] args) throws Exception {
    int others = Integer.parseInt(args[0]);
    int polls = Integer.parseInt(args[1]);
    Path dir = Files.createTempDirectory("telemetra-topic-bench");
    try (KafkaBroker kafka = KafkaBroker.onFreePorts(dir.resolve("kafka")).start();
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      for (int from = 0; from < others; from += 500) {
        List<NewTopic> batch = new ArrayList<>();
        for (int i = from; i < Math.min(others, from + 500); i++) {
          batch.add(new NewTopic(String.format("other.%05d", i), 1, (short) 1));
        }
        admin.createTopics(batch).all().get(2, TimeUnit.MINUTES);
      }
      TelemetraPipeline pipeline = pipeline(kafka.bootstrapServers());
      KafkaTopics topics =
          KafkaTopics.of(
              ReferencedSecrets.fetching(new KubernetesClientBuilder().build(), "bench"), pipeline);
      topics.apply();
      // the broker's metadata catches up with the controller a moment after createTopics returns
      long patience = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      while (topics.observe().topics().size() < 5 && System.nanoTime() < patience) {
        Thread.sleep(200);
      }
      System.out.printf(
          "topic poll benchmark: %d other topics on the cluster, %d polls; load average at start"
              + " %s%n",
          others, polls, FleetBenchmark.loadAverage());

      for (int i = 0; i < polls / 10; i++) { // warm-up
        topics.observe();
        admin.listTopics().names().get();
      }
      long[] observe = new long[polls];
      long[] list = new long[polls];
      for (int i = 0; i < polls; i++) {
        long start = System.nanoTime();
        TopicsState state = topics.observe();
        observe[i] = System.nanoTime() - start;
        if (state.topics().size() != 5) {
          throw new IllegalStateException("observed " + state);
        }
        start = System.nanoTime();
        int listed = admin.listTopics().names().get().size();
        list[i] = System.nanoTime() - start;
        if (listed < others) {
          throw new IllegalStateException("listed " + listed);
        }
      }
      double observeMs = median(observe);
      double listMs = median(list);
      System.out.printf(
          "poll now (describe the 5 topics by name, their configs and end offsets): median %.2f"
              + " ms%nlisting the cluster's topics, which each poll did first before: median %.2f"
              + " ms%nbefore/after per poll: %.1fx; load average at end %s%n",
          observeMs, listMs, (observeMs + listMs) / observeMs, FleetBenchmark.loadAverage());
    } finally {
      FleetBenchmark.deleteRecursively(dir);
    }
  }

  private static double median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2] / 1e6;
  }

  private static TelemetraPipeline pipeline(String bootstrap) {
    String yaml =
        """
        apiVersion: telemetra.io/v1alpha1
        kind: TelemetraPipeline
        metadata: {name: bench, namespace: bench}
        spec:
          kafka: {bootstrapServers: "%s", topicPrefix: bench.one, partitions: 1}
          postgres: {host: localhost, credentialsSecretRef: {name: pg}}
          streaming:
            image: ghcr.io/telemetra/streaming:0.1.0
            checkpointLocation: s3a://checkpoints/bench
          api:
            image: ghcr.io/telemetra/api:0.1.0
            authTokenSecretRef: {name: api-token, key: token}
        """
            .formatted(bootstrap);
    return new KubernetesSerialization().unmarshal(yaml, TelemetraPipeline.class);
  }
}
