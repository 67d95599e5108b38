package io.telemetra.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.streaming.config.WindowEngine;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The windows query's state holds what open windows and deduplication still need, not the stream's
 * history: once the watermark has passed a pane's windows and its events' ids, they leave the state
 * (nothing else bounds it; a job that forgot nothing would stay exact and grow without end).
 */
class WindowStateBoundIT {

  private static final int EVENTS = 7200;
  private static final int CHUNKS = 6;

  @ParameterizedTest
  @EnumSource(WindowEngine.class)
  void theStateForgetsWhatTheWatermarkHasPassed(WindowEngine engine) throws Exception {
    var pipeline = TestInfrastructure.shared().newPipeline("statebound" + engine.value());
    Instant start = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
    // 12 minutes of event time over 2 streams, 5 % duplicates, some out of order
    List<ScriptedTraffic.Sent> traffic =
        new ScriptedTraffic(29, pipeline.topics())
            .generate(EVENTS, 2, start, Duration.ofMillis(100), 0.05, 0.1, 0.0, 0.0);
    int chunk = traffic.size() / CHUNKS;
    try (RunningJob job = StreamingJob.start(pipeline.settings().withWindowEngine(engine))) {
      for (int i = 0; i < CHUNKS; i++) {
        int to = i == CHUNKS - 1 ? traffic.size() : (i + 1) * chunk;
        KafkaTestClient.send(pipeline.bootstrapServers(), traffic.subList(i * chunk, to));
        job.processAllAvailable();
      }
      assertThat(job.failure()).isEmpty();
      StreamingQueryProgress last = job.queries().get(1).lastProgress();
      long stateRows = 0;
      for (StateOperatorProgress op : last.stateOperators()) {
        stateRows += op.numRowsTotal();
      }
      // The last chunk is 2 minutes of event time (~1,200 events); what the watermark keeps of
      // it is about 70 s of ids plus the open windows' panes or aggregates. Keeping every id
      // would be more than 7,000 rows.
      assertThat(stateRows)
          .as("state rows of %s after %d events", engine.value(), EVENTS)
          .isPositive()
          .isLessThan(EVENTS / 3);
    }
    try (Connection c = pipeline.connect()) {
      Expected.Tables.of(
              traffic.stream().map(ScriptedTraffic.Sent::event).filter(e -> e != null).toList(),
              Duration.ofSeconds(60),
              Duration.ofSeconds(10))
          .assertWritten(c);
    }
  }
}
