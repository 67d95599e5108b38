package io.telemetra.soak.probe;

import io.telemetra.events.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * How many records the event topics hold: the sum of their end offsets (nothing is deleted during a
 * run), or empty while the broker does not answer.
 */
public final class KafkaEndOffsets implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final Admin admin;
  private final Topics topics;

  public KafkaEndOffsets(String bootstrapServers, Topics topics) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
    this.admin = Admin.create(props);
    this.topics = topics;
  }

  /** Records in the event topics (all types, malformed and duplicates included). */
  public Optional<Long> total() {
    return endOffsets().map(m -> m.values().stream().mapToLong(Long::longValue).sum());
  }

  /** The end offset of each event-topic partition. */
  public Optional<Map<TopicPartition, Long>> endOffsets() {
    try {
      Map<String, TopicDescription> described =
          admin
              .describeTopics(topics.eventTopics())
              .allTopicNames()
              .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      described.forEach(
          (name, d) ->
              d.partitions()
                  .forEach(p -> request.put(new TopicPartition(name, p.partition()), latest())));
      Map<TopicPartition, Long> result = new HashMap<>();
      admin
          .listOffsets(request)
          .all()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .forEach((tp, info) -> result.put(tp, info.offset()));
      return Optional.of(result);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return Optional.empty();
    }
  }

  private static OffsetSpec latest() {
    return OffsetSpec.latest();
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(2));
  }
}
