package io.telemetra.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.telemetra.events.Event;
import io.telemetra.events.EventType;
import io.telemetra.events.TopicCreator;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Records that leave Kafka before the job reads them are detected, counted and recorded, never
 * silent. The job runs on traffic A and stops; traffic B is sent and deleted from the topics (what
 * retention does to a job that was down too long); traffic C follows. Restarted on its checkpoint,
 * the job must report exactly B as lost (per query: the records of the topics it reads), in its
 * count and in streaming_data_loss, and the tables must equal the ground truth of A and C.
 */
class KafkaDataLossIT {

  private static final Duration LENGTH = Duration.ofSeconds(60);
  private static final Duration SLIDE = Duration.ofSeconds(10);

  @Test
  void recordsDeletedFromKafkaBeforeTheJobReadThemAreCountedAndRecorded() throws Exception {
    var pipeline = TestInfrastructure.shared().newPipeline("loss");
    Instant start = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
    List<ScriptedTraffic.Sent> traffic =
        new ScriptedTraffic(17, pipeline.topics())
            .generate(1500, 3, start, Duration.ofMillis(200), 0, 0, 0, 0);
    List<ScriptedTraffic.Sent> a = traffic.subList(0, 500);
    List<ScriptedTraffic.Sent> b = traffic.subList(500, 1000);
    List<ScriptedTraffic.Sent> c = traffic.subList(1000, 1500);

    try (RunningJob job = StreamingJob.start(pipeline.settings())) {
      KafkaTestClient.send(pipeline.bootstrapServers(), a);
      job.processAllAvailable();
      assertThat(job.failure()).isEmpty();
    }
    KafkaTestClient.send(pipeline.bootstrapServers(), b);
    deleteEverythingSentSoFar(pipeline);
    KafkaTestClient.send(pipeline.bootstrapServers(), c);

    Set<String> windowTopics =
        Set.of(
            pipeline.topics().of(EventType.CHAT),
            pipeline.topics().of(EventType.VIEWER),
            pipeline.topics().of(EventType.TRANSACTION));
    long lostByIngest = b.size();
    long lostByWindows = b.stream().filter(s -> windowTopics.contains(s.topic())).count();
    restartAndExpect(
        pipeline, lostByIngest, lostByWindows, Stream.concat(a.stream(), c.stream()).toList());
  }

  /**
   * Restarts the job on its checkpoint: each query must report {@code ingest} and {@code windows}
   * records as lost, in its count and in streaming_data_loss, and the tables must be the ground
   * truth of {@code read}.
   */
  private static void restartAndExpect(
      TestInfrastructure.Pipeline pipeline,
      long ingest,
      long windows,
      List<ScriptedTraffic.Sent> read)
      throws Exception {
    try (RunningJob job = StreamingJob.start(pipeline.settings())) {
      job.processAllAvailable();
      assertThat(job.failure()).isEmpty();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(job.lostRecordCount()).isEqualTo(ingest + windows));
    }
    try (Connection db = pipeline.connect()) {
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(lostPerQuery(db))
                      .containsExactlyInAnyOrderEntriesOf(
                          Map.of(
                              StreamingJob.INGEST_QUERY, ingest,
                              StreamingJob.WINDOWS_QUERY, windows)));
      List<Event> events =
          read.stream().map(ScriptedTraffic.Sent::event).filter(e -> e != null).toList();
      Expected.Tables.of(events, LENGTH, SLIDE).assertWritten(db);
    }
  }

  /**
   * The event topics are deleted and created again while the job is stopped (an operator mistake, a
   * cluster rebuilt behind the same address) and a few records are sent to the new ones: their
   * offsets are now below the checkpoint's. Spark resumes at the new ends and never reads those
   * records; each query must report exactly them (Kafka's new end offsets of the partitions that
   * went back), and the tables stay the ground truth of what was read before.
   */
  @Test
  void recordsOfATopicCreatedAgainBelowTheCheckpointsOffsetsAreCountedAsNeverRead()
      throws Exception {
    var pipeline = TestInfrastructure.shared().newPipeline("recreated");
    Instant start = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
    List<ScriptedTraffic.Sent> traffic =
        new ScriptedTraffic(23, pipeline.topics())
            .generate(960, 3, start, Duration.ofMillis(200), 0, 0, 0, 0);
    List<ScriptedTraffic.Sent> before = traffic.subList(0, 900);
    List<ScriptedTraffic.Sent> after = traffic.subList(900, 960);

    try (RunningJob job = StreamingJob.start(pipeline.settings())) {
      KafkaTestClient.send(pipeline.bootstrapServers(), before);
      job.processAllAvailable();
      assertThat(job.failure()).isEmpty();
    }
    Map<TopicPartition, Long> checkpointed = endOffsets(pipeline);
    recreateEventTopics(pipeline);
    KafkaTestClient.send(pipeline.bootstrapServers(), after);
    Map<TopicPartition, Long> recreated = endOffsets(pipeline);
    // the same keys go to the same partitions, 60 records after 900: every partition the new
    // records are in is below where the checkpoint stopped
    recreated.forEach(
        (tp, end) ->
            assertThat(end == 0 || end < checkpointed.get(tp))
                .as("%s: %d new records, the checkpoint at %d", tp, end, checkpointed.get(tp))
                .isTrue());

    Set<String> windowTopics =
        Set.of(
            pipeline.topics().of(EventType.CHAT),
            pipeline.topics().of(EventType.VIEWER),
            pipeline.topics().of(EventType.TRANSACTION));
    long neverReadByIngest = recreated.values().stream().mapToLong(Long::longValue).sum();
    long neverReadByWindows =
        recreated.entrySet().stream()
            .filter(e -> windowTopics.contains(e.getKey().topic()))
            .mapToLong(Map.Entry::getValue)
            .sum();
    assertThat(neverReadByIngest).isEqualTo(after.size());
    restartAndExpect(pipeline, neverReadByIngest, neverReadByWindows, before);
  }

  private static Admin admin(TestInfrastructure.Pipeline pipeline) {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers()));
  }

  /** The end offset of every partition of the event topics. */
  private static Map<TopicPartition, Long> endOffsets(TestInfrastructure.Pipeline pipeline)
      throws Exception {
    try (Admin admin = admin(pipeline)) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (String topic : pipeline.topics().eventTopics()) {
        for (int partition = 0; partition < 2; partition++) {
          latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
        }
      }
      Map<TopicPartition, Long> ends = new HashMap<>();
      admin.listOffsets(latest).all().get().forEach((tp, end) -> ends.put(tp, end.offset()));
      return ends;
    }
  }

  /** Deletes the event topics and creates them again, empty, with the same partitions. */
  private static void recreateEventTopics(TestInfrastructure.Pipeline pipeline) throws Exception {
    List<String> topics = pipeline.topics().eventTopics();
    try (Admin admin = admin(pipeline)) {
      admin.deleteTopics(topics).all().get();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> admin.listTopics().names().get().stream().noneMatch(topics::contains));
      admin
          .createTopics(topics.stream().map(t -> new NewTopic(t, 2, (short) 1)).toList())
          .all()
          .get();
      // a record produced before a fresh partition is open can be lost (KAFKA-15591)
      assertThat(TopicCreator.awaitWritable(admin, topics, Duration.ofSeconds(60))).isTrue();
    }
  }

  /** What retention does: every record sent so far is gone from the event topics. */
  private static void deleteEverythingSentSoFar(TestInfrastructure.Pipeline pipeline)
      throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers()))) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (String topic : pipeline.topics().eventTopics()) {
        for (int partition = 0; partition < 2; partition++) {
          latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
        }
      }
      Map<TopicPartition, RecordsToDelete> deletions = new HashMap<>();
      admin
          .listOffsets(latest)
          .all()
          .get()
          .forEach((tp, end) -> deletions.put(tp, RecordsToDelete.beforeOffset(end.offset())));
      admin.deleteRecords(deletions).all().get();
    }
  }

  private static Map<String, Long> lostPerQuery(Connection db) throws Exception {
    Map<String, Long> lost = new HashMap<>();
    try (var rows =
        db.createStatement()
            .executeQuery(
                "SELECT query_name, sum(lost_records) FROM streaming_data_loss GROUP BY 1")) {
      while (rows.next()) {
        lost.put(rows.getString(1), rows.getLong(2));
      }
    }
    return lost;
  }
}
