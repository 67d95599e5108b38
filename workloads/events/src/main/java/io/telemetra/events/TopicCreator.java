package io.telemetra.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates a pipeline's five topics (four event topics and the dead-letter topic) when missing, and
 * waits until they take writes: used by the producer's {@code --create-topics} and the local
 * runner. (The operator owns topics on Kubernetes with its own batched reconciler.)
 */
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

  /**
   * Waits until every partition of the event topics is open for writes on its leader. An idempotent
   * producer that writes to a partition the broker is still opening can lose a batch (KAFKA-15591:
   * the first request fails, a later one lands, the retry is out of sequence forever), so never
   * produce to freshly created topics before this returns.
   *
   * @return false when the partitions did not become writable within {@code timeout}
   */
  public static boolean awaitWritable(Admin admin, Topics topics, Duration timeout)
      throws InterruptedException, ExecutionException {
    return awaitWritable(admin, topics.eventTopics(), timeout);
  }

  /** Like {@link #awaitWritable(Admin, Topics, Duration)}, for any topics. */
  public static boolean awaitWritable(
      Admin admin, java.util.Collection<String> topicNames, Duration timeout)
      throws InterruptedException, ExecutionException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<TopicPartition> partitions = new ArrayList<>();
    while (true) {
      long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
      try {
        if (partitions.isEmpty()) {
          for (TopicDescription topic :
              admin
                  .describeTopics(topicNames)
                  .allTopicNames()
                  .get(left, TimeUnit.MILLISECONDS)
                  .values()) {
            topic
                .partitions()
                .forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition())));
          }
        }
        // Answered by the replica itself: it fails until the partition is open on its leader.
        admin.describeProducers(partitions).all().get(left, TimeUnit.MILLISECONDS);
        return true;
      } catch (ExecutionException e) {
        if (e.getCause() instanceof AuthorizationException) {
          return true; // not allowed to look; nothing more we can check
        }
        if (!(e.getCause() instanceof RetriableException)) {
          throw e;
        }
      } catch (TimeoutException e) {
        return false;
      }
      if (System.nanoTime() >= deadline) {
        return false;
      }
      Thread.sleep(100);
    }
  }
}
