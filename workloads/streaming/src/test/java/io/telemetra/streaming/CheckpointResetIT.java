package io.telemetra.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.events.Event;
import io.telemetra.streaming.config.StartingOffsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;

/**
 * A lost checkpoint loses no data: the job runs on a {@code file://} checkpoint, stops, its
 * checkpoint is deleted, more traffic arrives and the job starts again on a new, empty checkpoint
 * (new query ids, batch ids from 0 again). Reading the topics from the earliest offsets again, it
 * must write every batch, so that every table equals the ground truth of all events sent, and the
 * ledger must record the reset of each query with the old checkpoint's last batch.
 */
class CheckpointResetIT {

  private static final Duration LENGTH = Duration.ofSeconds(60);
  private static final Duration SLIDE = Duration.ofSeconds(10);

  @Test
  void afterTheCheckpointIsDeletedEveryTableStillEqualsTheGroundTruthAndTheResetIsRecorded()
      throws Exception {
    var pipeline = TestInfrastructure.shared().newPipeline("reset");
    var settings =
        pipeline.settings().withCheckpointLocation(pipeline.checkpoints().toUri().toString());
    Instant start = Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.SECONDS);
    List<ScriptedTraffic.Sent> traffic =
        new ScriptedTraffic(11, pipeline.topics())
            .generate(4000, 4, start, Duration.ofMillis(40), 0.05, 0.15, 0.0, 0.0);
    int half = traffic.size() / 2;

    Map<String, UUID> oldIds = new HashMap<>();
    try (RunningJob job = StreamingJob.start(settings)) {
      for (int chunk = 0; chunk < 3; chunk++) {
        KafkaTestClient.send(
            pipeline.bootstrapServers(), traffic.subList(chunk * half / 3, (chunk + 1) * half / 3));
        job.processAllAvailable();
      }
      assertThat(job.failure()).isEmpty();
      job.queries().forEach(q -> oldIds.put(q.name(), q.id()));
    }
    Map<String, Long> oldLastBatch = lastBatches(pipeline);
    assertThat(oldLastBatch.values()).allSatisfy(last -> assertThat(last).isPositive());
    // The file:// URI is the checkpoint itself, not a directory named after it.
    assertThat(pipeline.checkpoints().resolve("ingest").resolve("metadata")).exists();
    assertThat(pipeline.checkpoints().resolve("windows").resolve("metadata")).exists();
    deleteRecursively(pipeline.checkpoints());

    KafkaTestClient.send(pipeline.bootstrapServers(), traffic.subList(half, traffic.size()));
    Map<String, UUID> newIds = new HashMap<>();
    try (RunningJob job = StreamingJob.start(settings)) {
      job.processAllAvailable();
      assertThat(job.failure()).isEmpty();
      for (StreamingQuery q : job.queries()) {
        newIds.put(q.name(), q.id());
      }
    }

    List<Event> events =
        traffic.stream().map(ScriptedTraffic.Sent::event).filter(e -> e != null).toList();
    try (Connection c = pipeline.connect()) {
      var expected = Expected.Tables.of(events, LENGTH, SLIDE);
      assertThat(expected.chat()).hasSizeGreaterThan(50);
      expected.assertWritten(c);
      assertThat(WrittenRows.count(c, "SELECT count(*) FROM streams"))
          .isEqualTo(events.stream().map(Event::streamId).distinct().count());
      Instant lastEvent = events.stream().map(Event::ts).max(Comparator.naturalOrder()).get();
      assertThat(
              WrittenRows.count(
                  c, "SELECT count(*) FROM streams WHERE last_event_at = '" + lastEvent + "'"))
          .isOne();

      assertThat(resets(c))
          .containsExactlyInAnyOrder(
              reset(StreamingJob.INGEST_QUERY, newIds, oldIds, oldLastBatch),
              reset(StreamingJob.WINDOWS_QUERY, newIds, oldIds, oldLastBatch));
    }
    assertThat(newIds.get(StreamingJob.WINDOWS_QUERY))
        .isNotEqualTo(oldIds.get(StreamingJob.WINDOWS_QUERY));
  }

  @Test
  void aRequestedResetFromATimeReadsOnlyTheRecordsFromThenOnAndIsRecordedAsRequested()
      throws Exception {
    var pipeline = TestInfrastructure.shared().newPipeline("requested");
    var settings =
        pipeline.settings().withCheckpointLocation(pipeline.checkpoints().toUri().toString());
    Instant start = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
    // Ten minutes apart in event time, so no window holds events of both.
    var traffic = new ScriptedTraffic(12, pipeline.topics());
    var before = traffic.generate(1500, 3, start, Duration.ofMillis(40), 0.0, 0.1, 0.0, 0.0);
    var after =
        traffic.generate(
            1500, 3, start.plus(Duration.ofMinutes(10)), Duration.ofMillis(40), 0.0, 0.1, 0.0, 0.0);

    try (RunningJob job = StreamingJob.start(settings)) {
      KafkaTestClient.send(pipeline.bootstrapServers(), before);
      job.processAllAvailable();
      assertThat(job.failure()).isEmpty();
    }
    Thread.sleep(50);
    Instant resetFrom = Instant.now();
    Thread.sleep(50);
    KafkaTestClient.send(pipeline.bootstrapServers(), after);

    String resetCheckpoint = settings.checkpointLocation() + "/resets/from-now";
    try (RunningJob job =
        StreamingJob.start(
            settings.withReset(
                resetCheckpoint, StartingOffsets.parse(resetFrom.toString()), "from-now"))) {
      job.processAllAvailable();
      assertThat(job.failure()).isEmpty();
      StreamingQuery ingest =
          job.queries().stream()
              .filter(q -> q.name().equals(StreamingJob.INGEST_QUERY))
              .findFirst()
              .orElseThrow();
      assertThat(Stream.of(ingest.recentProgress()).mapToLong(p -> p.numInputRows()).sum())
          .as("records the new checkpoint read: only those written after the reset's time")
          .isEqualTo(after.size());
    }
    // The old checkpoint is still there, untouched, next to the new one.
    assertThat(pipeline.checkpoints().resolve("windows").resolve("metadata")).exists();
    assertThat(pipeline.checkpoints().resolve("resets/from-now/windows/metadata")).exists();

    List<Event> events =
        Stream.concat(before.stream(), after.stream())
            .map(ScriptedTraffic.Sent::event)
            .filter(e -> e != null)
            .toList();
    try (Connection c = pipeline.connect()) {
      Expected.Tables.of(events, LENGTH, SLIDE).assertWritten(c);
      try (ResultSet rs =
          c.createStatement()
              .executeQuery(
                  "SELECT string_agg(concat_ws('|', query_name, reset_nonce, requested::text),"
                      + " ',' ORDER BY query_name) FROM streaming_checkpoint_resets")) {
        rs.next();
        assertThat(rs.getString(1))
            .isEqualTo(
                StreamingJob.INGEST_QUERY
                    + "|from-now|true,"
                    + StreamingJob.WINDOWS_QUERY
                    + "|from-now|true");
      }
    }
  }

  private static String reset(
      String query, Map<String, UUID> newIds, Map<String, UUID> oldIds, Map<String, Long> last) {
    return String.join(
        "|",
        query,
        newIds.get(query).toString(),
        "0",
        oldIds.get(query).toString(),
        String.valueOf(last.get(query)));
  }

  private static List<String> resets(Connection c) throws Exception {
    try (ResultSet rs =
        c.createStatement()
            .executeQuery(
                "SELECT concat_ws('|', query_name, query_id, first_batch_id, previous_query_id,"
                    + " previous_last_batch_id) FROM streaming_checkpoint_resets")) {
      List<String> rows = new java.util.ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
      return rows;
    }
  }

  private static Map<String, Long> lastBatches(TestInfrastructure.Pipeline pipeline)
      throws Exception {
    Map<String, Long> last = new HashMap<>();
    try (Connection c = pipeline.connect();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT query_name, max(batch_id) FROM streaming_commits GROUP BY query_name")) {
      while (rs.next()) {
        last.put(rs.getString(1), rs.getLong(2));
      }
    }
    return last;
  }

  private static void deleteRecursively(Path dir) throws Exception {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
