package io.telemetra.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.embedded.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TopicCreator} against a real KRaft broker. */
class TopicCreatorIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void createsOnlyTheMissingTopicsLeavesExistingOnesAsTheyAreAndWaitsUntilTheyTakeWrites()
      throws Exception {
    Topics topics = new Topics("creator");
    try (KafkaBroker broker = KafkaBroker.onFreePorts(dir.resolve("kafka")).start();
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      String chat = topics.of(EventType.CHAT);
      admin.createTopics(List.of(new NewTopic(chat, 1, (short) 1))).all().get();

      List<String> created = TopicCreator.createMissing(admin, topics, 3, (short) 1, TIMEOUT);

      assertThat(created)
          .containsExactlyInAnyOrderElementsOf(
              topics.all().stream().filter(t -> !t.equals(chat)).toList());
      var described = admin.describeTopics(topics.all()).allTopicNames().get();
      assertThat(described.get(chat).partitions()).hasSize(1);
      assertThat(described.get(topics.deadLetter()).partitions()).hasSize(3);
      assertThat(TopicCreator.awaitWritable(admin, topics, TIMEOUT)).isTrue();
      assertThat(TopicCreator.createMissing(admin, topics, 3, (short) 1, TIMEOUT)).isEmpty();
    }
  }
}
