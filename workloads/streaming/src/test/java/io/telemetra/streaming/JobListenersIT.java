package io.telemetra.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A job's progress listeners stop with it. Jobs of two pipelines run one after the other in one
 * Spark session (as the ITs and the local runner's restarts do) with queries of the same names: the
 * second job's progress must not be recorded in the first pipeline's database.
 */
class JobListenersIT {

  @Test
  void aStoppedJobRecordsNoProgressOfTheNextJob() throws Exception {
    var first = TestInfrastructure.shared().newPipeline("listenersa");
    var second = TestInfrastructure.shared().newPipeline("listenersb");
    Instant start = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);

    run(
        first,
        new ScriptedTraffic(41, first.topics())
            .generate(100, 2, start, Duration.ofMillis(100), 0, 0, 0, 0));
    long firstRead = ingestProgress(first);
    assertThat(firstRead).isEqualTo(100);

    run(
        second,
        new ScriptedTraffic(43, second.topics())
            .generate(300, 2, start, Duration.ofMillis(100), 0, 0, 0, 0));
    assertThat(ingestProgress(second)).isEqualTo(300);
    assertThat(ingestProgress(first)).as("the first pipeline's progress").isEqualTo(firstRead);
  }

  private static void run(TestInfrastructure.Pipeline pipeline, List<ScriptedTraffic.Sent> sent)
      throws Exception {
    try (RunningJob job = StreamingJob.start(pipeline.settings())) {
      KafkaTestClient.send(pipeline.bootstrapServers(), sent);
      job.processAllAvailable();
      assertThat(job.failure()).isEmpty();
    }
  }

  private static long ingestProgress(TestInfrastructure.Pipeline pipeline) throws Exception {
    try (Connection c = pipeline.connect()) {
      return WrittenRows.count(
          c,
          "SELECT coalesce(max(consumed_records), 0) FROM streaming_progress"
              + " WHERE query_name = 'telemetra-ingest'");
    }
  }
}
