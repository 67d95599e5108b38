package io.telemetra.streaming.progress;

import io.telemetra.runtime.KafkaConnection;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's id of each topic (KIP-516): a topic deleted and created again under the same name, or the
 * same name on another cluster, has another id. One admin client for the job's lifetime, made on
 * first use.
 */
final class TopicIds implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TopicIds.class);
  private static final int TIMEOUT_MS = 5_000;

  private final KafkaConnection kafka;
  private Admin admin;
  private boolean closed;

  TopicIds(KafkaConnection kafka) {
    this.kafka = kafka;
  }

  /**
   * The id of each of {@code topics} that has one, or empty when Kafka cannot tell right now (not
   * reachable, a topic missing): the caller then compares nothing rather than guess.
   */
  synchronized Optional<Map<String, String>> of(Collection<String> topics) {
    if (topics.isEmpty()) {
      return Optional.of(Map.of());
    }
    if (closed) {
      return Optional.empty();
    }
    try {
      Map<String, TopicDescription> described =
          admin().describeTopics(topics).allTopicNames().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      Map<String, String> ids = new HashMap<>();
      described.forEach(
          (topic, description) -> {
            if (description.topicId() != null && !Uuid.ZERO_UUID.equals(description.topicId())) {
              ids.put(topic, description.topicId().toString());
            }
          });
      return Optional.of(ids);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      LOG.debug("cannot describe topics {} to compare their ids: {}", topics, e.toString());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private Admin admin() {
    if (admin == null) {
      Properties props = kafka.properties();
      props.put(AdminClientConfig.CLIENT_ID_CONFIG, "telemetra-streaming-topic-ids");
      props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
      props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
      admin = Admin.create(props);
    }
    return admin;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (admin != null) {
      admin.close(java.time.Duration.ofSeconds(5));
      admin = null;
    }
  }
}
