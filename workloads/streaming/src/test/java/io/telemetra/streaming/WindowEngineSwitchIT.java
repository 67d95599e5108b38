package io.telemetra.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.events.Event;
import io.telemetra.streaming.checkpoint.CheckpointEngine;
import io.telemetra.streaming.config.StartingOffsets;
import io.telemetra.streaming.config.WindowEngine;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * A change of {@code WINDOW_ENGINE} never strands a checkpoint: the engines keep different state,
 * so a windows checkpoint is resumed by the engine that wrote it (an upgrade whose default engine
 * changed keeps running, exactly), and the configured engine takes over with the next new
 * checkpoint, a requested reset.
 */
class WindowEngineSwitchIT {

  private static final Duration LENGTH = Duration.ofSeconds(60);
  private static final Duration SLIDE = Duration.ofSeconds(10);

  @Test
  void aCheckpointKeepsTheEngineThatWroteItAndAResetTakesTheConfiguredOne() throws Exception {
    var pipeline = TestInfrastructure.shared().newPipeline("engineswitch");
    var explode = pipeline.settings().withWindowEngine(WindowEngine.EXPLODE);
    var panes = pipeline.settings().withWindowEngine(WindowEngine.PANES);
    Instant start = Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.SECONDS);
    List<ScriptedTraffic.Sent> traffic =
        new ScriptedTraffic(13, pipeline.topics())
            .generate(3000, 4, start, Duration.ofMillis(40), 0.05, 0.15, 0.0, 0.0);
    int third = traffic.size() / 3;
    List<Event> events =
        traffic.stream().map(ScriptedTraffic.Sent::event).filter(e -> e != null).toList();
    String windowsCheckpoint =
        pipeline.checkpoints().resolve(StreamingJob.WINDOWS_CHECKPOINT).toString();

    KafkaTestClient.send(pipeline.bootstrapServers(), traffic.subList(0, third));
    try (RunningJob job = StreamingJob.start(explode)) {
      job.processAllAvailable();
      assertThat(job.failure()).isEmpty();
      assertThat(job.windowEngine()).isEqualTo(WindowEngine.EXPLODE);
    }
    assertThat(CheckpointEngine.writtenTo(windowsCheckpoint, new Configuration()))
        .contains(WindowEngine.EXPLODE);

    // the configured engine changes: the checkpoint stays with the explode, and resumes exactly
    KafkaTestClient.send(pipeline.bootstrapServers(), traffic.subList(third, 2 * third));
    try (RunningJob job = StreamingJob.start(panes)) {
      job.processAllAvailable();
      assertThat(job.failure()).isEmpty();
      assertThat(job.windowEngine()).isEqualTo(WindowEngine.EXPLODE);
    }
    try (Connection c = pipeline.connect()) {
      Expected.Tables.of(events.subList(0, count(traffic, 2 * third)), LENGTH, SLIDE)
          .assertWritten(c);
    }

    // a requested reset starts a new checkpoint: it gets the panes, which read everything again
    KafkaTestClient.send(pipeline.bootstrapServers(), traffic.subList(2 * third, traffic.size()));
    String resetLocation = pipeline.checkpoints().resolve("resets").resolve("n1").toString();
    try (RunningJob job =
        StreamingJob.start(panes.withReset(resetLocation, StartingOffsets.EARLIEST, "n1"))) {
      job.processAllAvailable();
      assertThat(job.failure()).isEmpty();
      assertThat(job.windowEngine()).isEqualTo(WindowEngine.PANES);
    }
    assertThat(
            CheckpointEngine.writtenTo(
                resetLocation + "/" + StreamingJob.WINDOWS_CHECKPOINT, new Configuration()))
        .contains(WindowEngine.PANES);
    try (Connection c = pipeline.connect()) {
      Expected.Tables.of(events, LENGTH, SLIDE).assertWritten(c);
    }
  }

  /** How many events the first {@code records} records carry. */
  private static int count(List<ScriptedTraffic.Sent> traffic, int records) {
    return (int) traffic.subList(0, records).stream().filter(s -> s.event() != null).count();
  }
}
