package io.telemetra.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetra.events.Event;
import io.telemetra.streaming.config.SnapshotSettings;
import io.telemetra.streaming.config.StreamingSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Snapshots of the checkpoint and going back to one. The job keeps two snapshots on a {@code
 * file://} checkpoint: the first start (a fresh checkpoint) takes none, the second copies the
 * checkpoint after traffic A. Traffic B is processed, then every row its batches wrote is deleted
 * (a bad release that wrote wrong rows). Restoring the snapshot must put the checkpoint back to
 * after A and make the ledger forget B's batches, so B runs again and every table equals the ground
 * truth of A and B; a later start with the same restoreFrom must not go back again.
 */
class CheckpointSnapshotIT {

  private static final Duration LENGTH = Duration.ofSeconds(60);
  private static final Duration SLIDE = Duration.ofSeconds(10);

  @Test
  void aSnapshotIsRestoredOnceAndTheBatchesAfterItAreWrittenAgain() throws Exception {
    var pipeline = TestInfrastructure.shared().newPipeline("snapshot");
    StreamingSettings keepTwo =
        pipeline
            .settings()
            .withCheckpointLocation(pipeline.checkpoints().toUri().toString())
            .withSnapshots(new SnapshotSettings(2, Optional.empty()));
    Instant start = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
    List<ScriptedTraffic.Sent> traffic =
        new ScriptedTraffic(31, pipeline.topics())
            .generate(3000, 3, start, Duration.ofMillis(40), 0, 0.1, 0, 0);
    List<ScriptedTraffic.Sent> a = traffic.subList(0, 1500);
    List<ScriptedTraffic.Sent> b = traffic.subList(1500, 3000);

    run(keepTwo, pipeline, a);
    try (Connection c = pipeline.connect()) {
      assertThat(snapshots(c)).as("a fresh checkpoint has nothing to copy").isEmpty();
    }
    run(keepTwo, pipeline, b);
    String afterA;
    long windowsBatchAfterA;
    long ingestBatchAfterA;
    try (Connection c = pipeline.connect()) {
      List<String> ids = snapshots(c);
      assertThat(ids).hasSize(1);
      afterA = ids.get(0);
      assertThat(pipeline.checkpoints().resolve("snapshots/" + afterA + "/windows/metadata"))
          .exists();
      windowsBatchAfterA = snapshotBatch(c, afterA, "windows");
      ingestBatchAfterA = snapshotBatch(c, afterA, "ingest");
      expected(traffic).assertWritten(c);
      // what B's batches wrote is lost
      for (String table :
          List.of("chat_summary_minute", "viewer_timeseries", "revenue_summary_minute")) {
        assertThat(
                c.createStatement()
                    .executeUpdate(
                        "DELETE FROM " + table + " WHERE batch_id > " + windowsBatchAfterA))
            .as("rows of %s written after the snapshot", table)
            .isPositive();
      }
      c.createStatement()
          .executeUpdate("DELETE FROM transactions WHERE batch_id > " + ingestBatchAfterA);
    }

    StreamingSettings restore = keepTwo.withSnapshots(new SnapshotSettings(2, Optional.of(afterA)));
    run(restore, pipeline, List.of());
    String restoredAt;
    try (Connection c = pipeline.connect()) {
      expected(traffic).assertWritten(c);
      assertThat(snapshots(c)).as("the checkpoint before the restore was copied too").hasSize(2);
      restoredAt = restoredAt(c, afterA);
      assertThat(restoredAt).isNotNull();
    }

    run(restore, pipeline, List.of());
    try (Connection c = pipeline.connect()) {
      assertThat(restoredAt(c, afterA)).as("restored once only").isEqualTo(restoredAt);
      assertThat(snapshots(c))
          .as("two kept, and the one restoreFrom names")
          .hasSize(3)
          .contains(afterA);
      expected(traffic).assertWritten(c);
    }

    StreamingSettings missing =
        keepTwo.withSnapshots(new SnapshotSettings(2, Optional.of("20000101-000000-000")));
    assertThatThrownBy(() -> StreamingJob.start(missing))
        .hasMessageContaining("no snapshot 20000101-000000-000");
  }

  private static void run(
      StreamingSettings settings,
      TestInfrastructure.Pipeline pipeline,
      List<ScriptedTraffic.Sent> sent)
      throws Exception {
    try (RunningJob job = StreamingJob.start(settings)) {
      KafkaTestClient.send(pipeline.bootstrapServers(), sent);
      job.processAllAvailable();
      assertThat(job.failure()).isEmpty();
    }
  }

  private static Expected.Tables expected(List<ScriptedTraffic.Sent> traffic) {
    List<Event> events =
        traffic.stream().map(ScriptedTraffic.Sent::event).filter(e -> e != null).toList();
    return Expected.Tables.of(events, LENGTH, SLIDE);
  }

  private static List<String> snapshots(Connection c) throws Exception {
    List<String> ids = new ArrayList<>();
    try (ResultSet rs =
        c.createStatement()
            .executeQuery("SELECT snapshot_id FROM streaming_snapshots ORDER BY snapshot_id")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  /** The last batch of {@code query}'s checkpoint in the snapshot, from its batches text. */
  private static long snapshotBatch(Connection c, String id, String query) throws Exception {
    try (ResultSet rs =
        c.createStatement()
            .executeQuery(
                "SELECT batches FROM streaming_snapshots WHERE snapshot_id = '" + id + "'")) {
      assertThat(rs.next()).isTrue();
      var m = java.util.regex.Pattern.compile(query + " batch (\\d+)").matcher(rs.getString(1));
      assertThat(m.find()).as("%s in %s", query, rs.getString(1)).isTrue();
      return Long.parseLong(m.group(1));
    }
  }

  private static String restoredAt(Connection c, String id) throws Exception {
    try (ResultSet rs =
        c.createStatement()
            .executeQuery(
                "SELECT restored_at FROM streaming_snapshots WHERE snapshot_id = '" + id + "'")) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }
}
