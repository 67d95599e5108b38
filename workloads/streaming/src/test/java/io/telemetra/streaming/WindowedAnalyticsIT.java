package io.telemetra.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.telemetra.events.DeadLetter;
import io.telemetra.events.Event;
import io.telemetra.events.EventCodec;
import io.telemetra.events.EventType;
import io.telemetra.events.StreamMetaEvent;
import io.telemetra.events.Topics;
import io.telemetra.events.ViewerEvent;
import io.telemetra.producer.EventGenerator;
import io.telemetra.producer.GeneratedRecord;
import io.telemetra.producer.GeneratorSettings;
import io.telemetra.streaming.config.WindowEngine;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Correctness against ground truth: the producer's seeded traffic with duplicates, out-of-order and
 * late events and malformed records goes through the real broker, the job (Spark local) and real
 * Postgres; every row written must equal what plain Java computes from the same events.
 */
class WindowedAnalyticsIT {

  private static final Duration LENGTH = Duration.ofSeconds(60);
  private static final Duration SLIDE = Duration.ofSeconds(10);

  /** Both windows engines, on the same traffic: each must write exactly the ground truth. */
  @ParameterizedTest
  @EnumSource(WindowEngine.class)
  void everyWrittenRowEqualsTheGroundTruthComputedFromTheSentEvents(WindowEngine engine)
      throws Exception {
    var pipeline = TestInfrastructure.shared().newPipeline("correct" + engine.value());
    Instant start = Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.SECONDS);
    // The producer's generator, fixed seed: duplicates, swapped (out-of-order) pairs, records 2
    // minutes late and every class of malformed record.
    var generator =
        new EventGenerator(
            new GeneratorSettings(42, 4, 25, 0.03, 0.05, 0.1, 0.03, Duration.ofMinutes(2), start));
    List<ScriptedTraffic.Sent> traffic = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      traffic.add(sent(generator.next(), pipeline.topics()));
    }
    // On time: ahead of (latest ts sent before it - watermark), so behind no watermark whatever
    // the batch boundaries. The rest is sent after the watermark passed them: certainly late.
    List<ScriptedTraffic.Sent> onTime = new ArrayList<>();
    List<ScriptedTraffic.Sent> late = new ArrayList<>();
    Instant prefixMax = Instant.EPOCH;
    for (ScriptedTraffic.Sent s : traffic) {
      if (s.event() == null || s.event().ts().isAfter(prefixMax.minusSeconds(30))) {
        onTime.add(s);
        prefixMax =
            s.event() != null && s.event().ts().isAfter(prefixMax) ? s.event().ts() : prefixMax;
      } else {
        late.add(s);
      }
    }
    // A sentinel 5 s past the last event moves the watermark strictly beyond every late record.
    var sentinel = new ViewerEvent("sentinel", "s-sentinel", prefixMax.plusSeconds(5), 1);
    onTime.add(
        new ScriptedTraffic.Sent(
            pipeline.topics().of(EventType.VIEWER),
            "s-sentinel".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            EventCodec.withSystemClock().encode(sentinel),
            sentinel,
            null,
            false,
            false));
    assertThat(late).hasSizeGreaterThan(50);
    assertThat(traffic).anyMatch(s -> s.duplicate());

    KafkaTestClient.send(pipeline.bootstrapServers(), onTime);
    try (RunningJob job = StreamingJob.start(pipeline.settings().withWindowEngine(engine))) {
      job.processAllAvailable();
      Instant maxTs = maxTs(onTime);
      // A no-data batch moves the watermark to (max event time - 30 s); late events sent after
      // that are behind it however the batches fall.
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  !job.watermark().isEmpty()
                      && Instant.parse(job.watermark()).equals(maxTs.minusSeconds(30)));
      long lateWindowed =
          late.stream()
              .filter(s -> s.event() != null && !(s.event() instanceof StreamMetaEvent))
              .count();
      KafkaTestClient.send(pipeline.bootstrapServers(), late);
      job.processAllAvailable();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(job.lateEventCount()).isEqualTo(lateWindowed));
      assertThat(job.failure()).isEmpty();
      // how far the ingest query has read: every record sent to the event topics, the sentinel
      // included (the operator subtracts this from Kafka's end offsets: the consumer lag)
      try (Connection c = pipeline.connect()) {
        await()
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .untilAsserted(
                () ->
                    assertThat(
                            WrittenRows.count(
                                c,
                                "SELECT consumed_records FROM streaming_progress"
                                    + " WHERE query_name = 'telemetra-ingest'"))
                        .isEqualTo(onTime.size() + late.size()));
      }
    }

    List<Event> windowed =
        onTime.stream().map(ScriptedTraffic.Sent::event).filter(e -> e != null).toList();
    List<Event> all =
        java.util.stream.Stream.concat(onTime.stream(), late.stream())
            .map(ScriptedTraffic.Sent::event)
            .filter(e -> e != null)
            .toList();
    try (Connection c = pipeline.connect()) {
      var expectedChat = Expected.chat(windowed, LENGTH, SLIDE);
      assertThat(expectedChat).hasSizeGreaterThan(40);
      assertThat(WrittenRows.chat(c)).containsExactlyInAnyOrderElementsOf(expectedChat);
      assertThat(WrittenRows.viewers(c))
          .containsExactlyInAnyOrderElementsOf(Expected.viewers(windowed, LENGTH, SLIDE));
      assertThat(WrittenRows.revenue(c))
          .containsExactlyInAnyOrderElementsOf(Expected.revenue(windowed, LENGTH, SLIDE));
      // money is never dropped: late transactions are in the table too, each once
      var expectedTransactions = Expected.transactions(all);
      assertThat(expectedTransactions.size()).isGreaterThan(Expected.transactions(windowed).size());
      assertThat(WrittenRows.transactions(c))
          .containsExactlyInAnyOrderElementsOf(expectedTransactions);
      assertStreams(c, all);
      assertThat(WrittenRows.count(c, "SELECT count(*) FROM streaming_commits")).isPositive();
      // the ledger knows the newest window the tables hold (what the operator reports)
      try (var rs =
          c.createStatement()
              .executeQuery(
                  "SELECT (SELECT max(newest_window_end) FROM streaming_commits"
                      + " WHERE query_name = 'telemetra-windows'),"
                      + " greatest((SELECT max(window_end) FROM chat_summary_minute),"
                      + " (SELECT max(window_end) FROM viewer_timeseries),"
                      + " (SELECT max(window_end) FROM revenue_summary_minute))")) {
        rs.next();
        assertThat(rs.getTimestamp(1)).isNotNull().isEqualTo(rs.getTimestamp(2));
      }
    }

    List<ScriptedTraffic.Sent> malformed =
        traffic.stream().filter(s -> s.expectedRejection() != null).toList();
    List<DeadLetter> letters =
        KafkaTestClient.readDeadLetters(
            pipeline.bootstrapServers(), pipeline.topics().deadLetter(), malformed.size());
    assertThat(letters).doesNotContainNull().hasSize(malformed.size());
    assertThat(
            letters.stream()
                .map(l -> l.sourceTopic() + " " + l.rejection().reason() + " " + text(l.value()))
                .sorted()
                .toList())
        .isEqualTo(
            malformed.stream()
                .map(s -> s.topic() + " " + s.expectedRejection() + " " + text(s.value()))
                .sorted()
                .toList());
  }

  private static ScriptedTraffic.Sent sent(GeneratedRecord r, Topics topics) {
    return new ScriptedTraffic.Sent(
        r.topic(topics),
        r.key() == null ? null : r.key().getBytes(java.nio.charset.StandardCharsets.UTF_8),
        r.value(),
        r.event(),
        r.expectedRejection(),
        false,
        r.duplicate());
  }

  private static Instant maxTs(List<ScriptedTraffic.Sent> sent) {
    return sent.stream()
        .map(ScriptedTraffic.Sent::event)
        .filter(e -> e != null)
        .map(Event::ts)
        .max(Comparator.naturalOrder())
        .orElseThrow();
  }

  private static void assertStreams(Connection c, List<Event> all) throws Exception {
    Map<String, Instant> lastEvent =
        all.stream()
            .collect(Collectors.toMap(Event::streamId, Event::ts, (a, b) -> a.isAfter(b) ? a : b));
    Map<String, StreamMetaEvent> latestMeta =
        Expected.dedup(all).values().stream()
            .filter(e -> e instanceof StreamMetaEvent)
            .map(e -> (StreamMetaEvent) e)
            .collect(
                Collectors.toMap(
                    Event::streamId, m -> m, (a, b) -> a.ts().isAfter(b.ts()) ? a : b));
    try (var rs =
        c.createStatement()
            .executeQuery("SELECT stream_id, last_event_at, status, title FROM streams")) {
      int rows = 0;
      while (rs.next()) {
        rows++;
        String stream = rs.getString(1);
        assertThat(rs.getObject(2, java.time.OffsetDateTime.class).toInstant())
            .isEqualTo(lastEvent.get(stream));
        StreamMetaEvent meta = latestMeta.get(stream);
        if (meta != null) {
          assertThat(rs.getString(3)).isEqualTo(meta.status().wireName());
          assertThat(rs.getString(4)).isEqualTo(meta.title());
        }
      }
      assertThat(rows).isEqualTo(lastEvent.size());
    }
  }

  private static String text(byte[] value) {
    return value == null
        ? "<tombstone>"
        : new String(value, java.nio.charset.StandardCharsets.UTF_8);
  }
}
