package io.telemetra.streaming;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.telemetra.events.Event;
import io.telemetra.events.EventType;
import io.telemetra.events.TopicCreator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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
    List<ScriptedTraffic.Sent> traffic = traffic(pipeline, 17, 1500);
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

    Set<String> windowTopics = windowTopics(pipeline);
    long lostByIngest = b.size();
    long lostByWindows = b.stream().filter(s -> windowTopics.contains(s.topic())).count();
    restartAndExpect(
        pipeline, lostByIngest, lostByWindows, Stream.concat(a.stream(), c.stream()).toList());
  }

  /**
   * A batch Spark runs again after a crash between its Postgres commit and Spark's commit log is
   * skipped by the ingest sink without reading it (its writes are in the ledger); Spark then
   * reports it as having read none of its offset range. Nothing was lost: the run that committed it
   * read every record. Here the crash is the commit log's last entry removed while the job is
   * stopped; the restarted job runs that batch again, then the records sent meanwhile.
   */
  @Test
  void aBatchReplayedAfterItsWritesWereCommittedIsNotReportedAsLost() throws Exception {
    var pipeline = TestInfrastructure.shared().newPipeline("replay");
    List<ScriptedTraffic.Sent> traffic = traffic(pipeline, 19, 1000);
    List<ScriptedTraffic.Sent> a = traffic.subList(0, 500);
    List<ScriptedTraffic.Sent> c = traffic.subList(500, 1000);

    try (RunningJob job = StreamingJob.start(pipeline.settings())) {
      // two batches: the first of a checkpoint has no start offsets to check
      KafkaTestClient.send(pipeline.bootstrapServers(), a.subList(0, 250));
      job.processAllAvailable();
      KafkaTestClient.send(pipeline.bootstrapServers(), a.subList(250, 500));
      job.processAllAvailable();
      assertThat(job.failure()).isEmpty();
    }
    Path lastCommit = lastCommit(pipeline.checkpoints().resolve("ingest/commits"));
    assertThat(lastCommit.getFileName().toString()).isNotEqualTo("0");
    Files.delete(lastCommit);
    Files.deleteIfExists(lastCommit.resolveSibling("." + lastCommit.getFileName() + ".crc"));
    KafkaTestClient.send(pipeline.bootstrapServers(), c);
    long everySent = sum(endOffsets(pipeline), Set.copyOf(pipeline.topics().eventTopics()));

    try (RunningJob job = StreamingJob.start(pipeline.settings());
        Connection db = pipeline.connect()) {
      job.processAllAvailable();
      assertThat(job.failure()).isEmpty();
      assertThat(lastCommit).as("the batch ran again").exists();
      // Progress reaches the listeners in order: once the batch after the replay is recorded,
      // the replay's was checked.
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(consumedByIngest(db)).isEqualTo(everySent));
      assertThat(job.lostRecordCount()).isZero();
      assertThat(lostPerQuery(db)).isEmpty();
      List<Event> events =
          traffic.stream().map(ScriptedTraffic.Sent::event).filter(e -> e != null).toList();
      Expected.Tables.of(events, LENGTH, SLIDE).assertWritten(db);
    }
  }

  /** The newest entry of a checkpoint's commit log. */
  private static Path lastCommit(Path commits) throws Exception {
    try (Stream<Path> entries = Files.list(commits)) {
      return entries
          .filter(p -> p.getFileName().toString().matches("\\d+"))
          .max(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString())))
          .orElseThrow();
    }
  }

  private static long consumedByIngest(Connection db) throws Exception {
    try (var rows =
        db.createStatement()
            .executeQuery(
                "SELECT coalesce(max(consumed_records), 0) FROM streaming_progress"
                    + " WHERE query_name = '"
                    + StreamingJob.INGEST_QUERY
                    + "'")) {
      rows.next();
      return rows.getLong(1);
    }
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
    List<ScriptedTraffic.Sent> traffic = traffic(pipeline, 23, 960);
    List<ScriptedTraffic.Sent> before = traffic.subList(0, 900);
    List<ScriptedTraffic.Sent> after = traffic.subList(900, 960);

    Replaced logs = replaceTopicsUnderTheCheckpoint(pipeline, before, after);
    // the same keys go to the same partitions, 60 records after 900: every partition the new
    // records are in is below where the checkpoint stopped
    logs.recreated()
        .forEach(
            (tp, end) ->
                assertThat(end == 0 || end < logs.checkpointed().get(tp))
                    .as(
                        "%s: %d new records, the checkpoint at %d",
                        tp, end, logs.checkpointed().get(tp))
                    .isTrue());

    long neverReadByIngest = sum(logs.recreated(), Set.copyOf(pipeline.topics().eventTopics()));
    assertThat(neverReadByIngest).isEqualTo(after.size());
    restartAndExpect(
        pipeline, neverReadByIngest, sum(logs.recreated(), windowTopics(pipeline)), before);
  }

  /**
   * The event topics are created again while the job is stopped and the new ones receive
   * <em>more</em> records than the checkpoint had read of the old ones: no offset goes back, so
   * Spark resumes at the checkpoint's offsets in the new logs and never reads the records below
   * them. Only the topics' identity tells (Kafka's topic ids, recorded with the checkpoint): each
   * query must report exactly the records below the checkpoint's offsets in the new logs, and the
   * tables must be the ground truth of what was read (before the replacement, and above those
   * offsets after it).
   */
  @Test
  void recordsOfATopicCreatedAgainPastTheCheckpointsOffsetsAreCountedAsNeverRead()
      throws Exception {
    var pipeline = TestInfrastructure.shared().newPipeline("replaced");
    List<ScriptedTraffic.Sent> traffic = traffic(pipeline, 29, 1200);
    List<ScriptedTraffic.Sent> before = traffic.subList(0, 300);
    List<ScriptedTraffic.Sent> after = traffic.subList(300, 1200);

    Replaced logs = replaceTopicsUnderTheCheckpoint(pipeline, before, after);
    logs.checkpointed()
        .forEach(
            (tp, offset) ->
                assertThat(logs.recreated().get(tp))
                    .as("%s: the new log must reach past the checkpoint's %d", tp, offset)
                    .isGreaterThanOrEqualTo(offset));

    Set<String> neverRead = valuesBelow(pipeline, logs.checkpointed());
    long neverReadByIngest = sum(logs.checkpointed(), Set.copyOf(pipeline.topics().eventTopics()));
    assertThat(neverRead).hasSize((int) neverReadByIngest);
    List<ScriptedTraffic.Sent> read =
        Stream.concat(
                before.stream(),
                after.stream().filter(s -> !neverRead.contains(new String(s.value(), UTF_8))))
            .toList();
    restartAndExpect(
        pipeline, neverReadByIngest, sum(logs.checkpointed(), windowTopics(pipeline)), read);
  }

  /** Where the checkpoint stopped in the old logs, and the end of each new log. */
  private record Replaced(
      Map<TopicPartition, Long> checkpointed, Map<TopicPartition, Long> recreated) {}

  /**
   * Runs the job on {@code before} and stops it; deletes the event topics, creates them again and
   * sends {@code after} to the new ones.
   */
  private static Replaced replaceTopicsUnderTheCheckpoint(
      TestInfrastructure.Pipeline pipeline,
      List<ScriptedTraffic.Sent> before,
      List<ScriptedTraffic.Sent> after)
      throws Exception {
    try (RunningJob job = StreamingJob.start(pipeline.settings())) {
      KafkaTestClient.send(pipeline.bootstrapServers(), before);
      job.processAllAvailable();
      assertThat(job.failure()).isEmpty();
    }
    Map<TopicPartition, Long> checkpointed = endOffsets(pipeline);
    recreateEventTopics(pipeline);
    KafkaTestClient.send(pipeline.bootstrapServers(), after);
    return new Replaced(checkpointed, endOffsets(pipeline));
  }

  /** Valid events of 3 streams, 5 per second of event time from half an hour ago. */
  private static List<ScriptedTraffic.Sent> traffic(
      TestInfrastructure.Pipeline pipeline, long seed, int count) {
    Instant start = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
    return new ScriptedTraffic(seed, pipeline.topics())
        .generate(count, 3, start, Duration.ofMillis(200), 0, 0, 0, 0);
  }

  private static Set<String> windowTopics(TestInfrastructure.Pipeline pipeline) {
    return Set.of(
        pipeline.topics().of(EventType.CHAT),
        pipeline.topics().of(EventType.VIEWER),
        pipeline.topics().of(EventType.TRANSACTION));
  }

  /** The sum of {@code offsets} over the partitions of {@code topics}. */
  private static long sum(Map<TopicPartition, Long> offsets, Set<String> topics) {
    return offsets.entrySet().stream()
        .filter(e -> topics.contains(e.getKey().topic()))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** The values of the records below {@code offsets} in each partition. */
  private static Set<String> valuesBelow(
      TestInfrastructure.Pipeline pipeline, Map<TopicPartition, Long> offsets) {
    Set<String> values = new HashSet<>();
    try (var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.bootstrapServers()),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.assign(offsets.keySet());
      consumer.seekToBeginning(offsets.keySet());
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      Map<TopicPartition, Long> remaining = new HashMap<>(offsets);
      remaining.values().removeIf(offset -> offset == 0);
      while (!remaining.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          TopicPartition tp = new TopicPartition(r.topic(), r.partition());
          if (r.offset() < offsets.get(tp)) {
            values.add(new String(r.value(), UTF_8));
          }
          if (r.offset() + 1 >= offsets.get(tp)) {
            remaining.remove(tp);
          }
        }
      }
      assertThat(remaining).as("partitions not read up to the checkpoint's offsets").isEmpty();
    }
    return values;
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
