package io.telemetra.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * A running job connects to Postgres a few times, not once per batch: its two sinks and its
 * progress listener each keep one connection between micro-batches (each opened one per batch
 * before: a new server process and an authentication, 4 per trigger).
 */
class SinkConnectionsIT {

  private static final int ROUNDS = 4;

  @Test
  void batchesAfterTheFirstOpenNoServerSession() throws Exception {
    var pipeline = TestInfrastructure.shared().newPipeline("sessions");
    Instant start = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
    try (RunningJob job = StreamingJob.start(pipeline.settings())) {
      // The first batches: the sinks and listeners connect, the checkpoints' history and topic
      // ids are read and recorded once.
      send(job, pipeline, start, 0);
      long batches = committedBatches(pipeline);
      long sessions = sessions(pipeline);
      for (int round = 1; round <= ROUNDS; round++) {
        send(job, pipeline, start, round);
      }
      assertThat(job.failure()).isEmpty();
      long moreBatches = committedBatches(pipeline) - batches;
      long moreSessions = sessions(pipeline) - sessions;
      assertThat(moreBatches)
          .as("batches committed by both queries")
          .isGreaterThanOrEqualTo(ROUNDS * 2);
      // two of them the test's own (the count of batches, this count)
      assertThat(moreSessions)
          .as("server sessions opened for %d more batches", moreBatches)
          .isLessThanOrEqualTo(2);
    }
  }

  private static void send(
      RunningJob job, TestInfrastructure.Pipeline pipeline, Instant start, int round)
      throws Exception {
    KafkaTestClient.send(
        pipeline.bootstrapServers(),
        new ScriptedTraffic(100 + round, pipeline.topics())
            .generate(40, 2, start.plusSeconds(20L * round), Duration.ofMillis(500), 0, 0, 0, 0));
    job.processAllAvailable();
  }

  private static long committedBatches(TestInfrastructure.Pipeline pipeline) throws Exception {
    try (Connection c = pipeline.connect()) {
      return WrittenRows.count(c, "SELECT count(*) FROM streaming_commits");
    }
  }

  /** Sessions ever established to the pipeline's database (Postgres 14+). */
  private static long sessions(TestInfrastructure.Pipeline pipeline) throws Exception {
    try (Connection c = pipeline.connect()) {
      return WrittenRows.count(
          c, "SELECT sessions FROM pg_stat_database WHERE datname = current_database()");
    }
  }
}
