package io.telemetra.producer;

import io.telemetra.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates a pipeline's five topics (four event topics and the dead-letter topic) when missing. */
public final class TopicCreator {

  private TopicCreator() {}

  /**
   * Creates those of {@code topics.all()} that do not exist yet, with {@code partitions} partitions
   * and {@code replicationFactor} replicas; existing topics are left as they are.
   *
   * @return the names of the topics this call created
   */
  public static List<String> createMissing(
      Admin admin, Topics topics, int partitions, short replicationFactor, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    Set<String> existing =
        admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    List<NewTopic> missing = new ArrayList<>();
    for (String topic : topics.all()) {
      if (!existing.contains(topic)) {
        missing.add(new NewTopic(topic, partitions, replicationFactor));
      }
    }
    List<String> created = new ArrayList<>();
    for (var entry : admin.createTopics(missing).values().entrySet()) {
      try {
        entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        created.add(entry.getKey());
      } catch (ExecutionException e) {
        // Someone else created it in the meantime: that is what we wanted.
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
    return List.copyOf(created);
  }
}
