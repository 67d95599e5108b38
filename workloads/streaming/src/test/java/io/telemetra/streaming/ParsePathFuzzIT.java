package io.telemetra.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.events.DeadLetter;
import io.telemetra.events.Decoded;
import io.telemetra.events.Event;
import io.telemetra.events.EventCodec;
import io.telemetra.events.RecordFuzzer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Thousands of seeded hostile records on the real broker into the real job: the query keeps
 * running, every record the codec rejects is in the dead-letter topic with its reason, and the
 * records it accepts land in the tables exactly as if they had come alone.
 */
class ParsePathFuzzIT {

  private static final long SEED = Long.getLong("fuzz.seed", 4711L);
  private static final int RECORDS = Integer.getInteger("fuzz.it.records", 3000);
  private static final Duration LENGTH = Duration.ofSeconds(60);
  private static final Duration SLIDE = Duration.ofSeconds(10);

  @Test
  void fuzzedRecordsNeverStopTheQueryAndEveryRejectOneIsDeadLetteredWithItsReason()
      throws Exception {
    var pipeline = TestInfrastructure.shared().newPipeline("fuzz");
    // An hour back, so no record sits near the 5-minute future limit while the clock moves on;
    // valid event times within 10 s either side, so none is late behind the 30 s watermark.
    Instant now = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    var fuzzer = new RecordFuzzer(SEED, now, Duration.ofSeconds(10));
    EventCodec codec = EventCodec.withSystemClock();
    List<ScriptedTraffic.Sent> sent = new ArrayList<>();
    List<Event> accepted = new ArrayList<>();
    List<ScriptedTraffic.Sent> rejected = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      RecordFuzzer.Sample s = fuzzer.next();
      String topic = pipeline.topics().of(s.type());
      byte[] key = ("k" + (i % 17)).getBytes(StandardCharsets.UTF_8);
      Decoded d = codec.decode(s.type(), s.value());
      ScriptedTraffic.Sent record;
      if (d instanceof Decoded.Accepted a) {
        record = new ScriptedTraffic.Sent(topic, key, s.value(), a.event(), null, false, false);
        accepted.add(a.event());
      } else {
        record =
            new ScriptedTraffic.Sent(
                topic,
                key,
                s.value(),
                null,
                ((Decoded.Rejected) d).rejection().reason(),
                false,
                false);
        rejected.add(record);
      }
      sent.add(record);
    }
    assertThat(accepted).hasSizeGreaterThan(RECORDS / 10);
    assertThat(rejected).hasSizeGreaterThan(RECORDS / 4);

    KafkaTestClient.send(pipeline.bootstrapServers(), sent);
    try (RunningJob job = StreamingJob.start(pipeline.settings())) {
      job.processAllAvailable();
      assertThat(job.failure()).isEmpty();
    }

    // Byte flips make valid years like 0026: Spark's watermark starts at the epoch, so windows
    // count such events as late (the transactions table still keeps them).
    List<Event> onTime = accepted.stream().filter(e -> !e.ts().isBefore(Instant.EPOCH)).toList();
    assertThat(onTime).hasSizeGreaterThan(accepted.size() * 9 / 10);
    try (Connection c = pipeline.connect()) {
      assertThat(WrittenRows.transactions(c))
          .containsExactlyInAnyOrderElementsOf(Expected.transactions(accepted));
      assertThat(WrittenRows.chat(c))
          .containsExactlyInAnyOrderElementsOf(Expected.chat(onTime, LENGTH, SLIDE));
      assertThat(WrittenRows.viewers(c))
          .containsExactlyInAnyOrderElementsOf(Expected.viewers(onTime, LENGTH, SLIDE));
      assertThat(WrittenRows.revenue(c))
          .containsExactlyInAnyOrderElementsOf(Expected.revenue(onTime, LENGTH, SLIDE));
    }
    List<DeadLetter> letters =
        KafkaTestClient.readDeadLetters(
            pipeline.bootstrapServers(), pipeline.topics().deadLetter(), rejected.size());
    assertThat(letters).hasSize(rejected.size());
    List<String> expected = new ArrayList<>();
    for (ScriptedTraffic.Sent r : rejected) {
      expected.add(r.expectedRejection() + " " + Arrays.hashCode(r.value()) + " " + r.topic());
    }
    List<String> actual = new ArrayList<>();
    for (DeadLetter l : letters) {
      assertThat(l.rejection().detail()).isNotBlank();
      actual.add(l.rejection().reason() + " " + Arrays.hashCode(l.value()) + " " + l.sourceTopic());
    }
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
  }
}
