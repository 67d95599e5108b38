package io.telemetra.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.events.ChatEvent;
import io.telemetra.events.DeadLetter;
import io.telemetra.events.Event;
import io.telemetra.events.EventCodec;
import io.telemetra.events.EventType;
import io.telemetra.events.RejectionReason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bad input never stops the job or taints good data: every class of malformed record (plus a
 * tombstone, an oversized record and a record far in the future) lands in the dead-letter topic
 * with its reason, source coordinates and original bytes, valid events in the same batch are
 * counted exactly, and the far-future timestamp does not move the watermark.
 */
class BadInputIT {

  @Test
  void malformedRecordsGoToTheDeadLetterTopicAndValidOnesAreCountedExactly() throws Exception {
    var pipeline = TestInfrastructure.shared().newPipeline("bad");
    var traffic = new ScriptedTraffic(3, pipeline.topics());
    Instant start = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
    List<ScriptedTraffic.Sent> sent =
        new ArrayList<>(traffic.generate(600, 2, start, Duration.ofMillis(100), 0, 0, 0, 0));
    EnumSet<RejectionReason> classes = EnumSet.noneOf(RejectionReason.class);
    while (classes.size() < 10) {
      var bad = traffic.malformed("s-0", start.plusSeconds(30));
      classes.add(bad.expectedRejection());
      sent.add(sent.size() / 2, bad);
    }
    byte[] key = "s-1".getBytes(StandardCharsets.UTF_8);
    String chat = pipeline.topics().of(EventType.CHAT);
    sent.add(
        new ScriptedTraffic.Sent(
            chat, key, null, null, RejectionReason.INVALID_JSON, false, false));
    byte[] huge = ("{\"pad\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    sent.add(
        new ScriptedTraffic.Sent(
            chat, key, huge, null, RejectionReason.RECORD_TOO_LARGE, false, false));
    assertThat(classes).contains(RejectionReason.TIMESTAMP_IN_FUTURE);

    KafkaTestClient.send(pipeline.bootstrapServers(), sent);
    List<Event> valid =
        sent.stream().map(ScriptedTraffic.Sent::event).filter(e -> e != null).toList();
    Instant maxValid = valid.stream().map(Event::ts).max(Comparator.naturalOrder()).orElseThrow();
    try (RunningJob job = StreamingJob.start(pipeline.settings())) {
      job.processAllAvailable();
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  !job.watermark().isEmpty()
                      && !Instant.parse(job.watermark()).equals(Instant.EPOCH));
      assertThat(Instant.parse(job.watermark())).isEqualTo(maxValid.minusSeconds(30));
      assertThat(job.failure()).isEmpty();
    }

    pipeline.assertTablesEqualGroundTruth(valid);
    List<ScriptedTraffic.Sent> bad = sent.stream().filter(s -> s.event() == null).toList();
    List<DeadLetter> letters =
        KafkaTestClient.readDeadLetters(
            pipeline.bootstrapServers(), pipeline.topics().deadLetter(), bad.size());
    assertThat(letters).doesNotContainNull().hasSize(bad.size());
    assertThat(letters)
        .extracting(l -> l.rejection().reason())
        .containsExactlyInAnyOrderElementsOf(
            bad.stream().map(ScriptedTraffic.Sent::expectedRejection).toList());
    for (DeadLetter l : letters) {
      assertThat(l.sourceTopic()).startsWith(pipeline.topics().prefix());
      assertThat(l.sourceOffset()).isNotNegative();
      assertThat(l.sourcePartition()).isNotNegative();
      assertThat(l.rejection().detail()).isNotBlank();
      if (l.value() != null) {
        assertThat(bad).anySatisfy(s -> assertThat(s.value()).isEqualTo(l.value()));
      }
    }
  }

  /**
   * The measurement, replayed: two streams send on-time events in three rounds; between the
   * first and the last, a third stream sends one chat event stamped 4 minutes ahead (within the
   * codec's 5-minute wall-clock bound). It must be dead-lettered, and no on-time event may be
   * dropped as late because of it.
   */
  @Test
  void anEventStampedMinutesAheadOfItsRecordCannotMakeOtherStreamsOnTimeEventsLate()
      throws Exception {
    var pipeline = TestInfrastructure.shared().newPipeline("skew");
    var traffic = new ScriptedTraffic(11, pipeline.topics());
    var codec = EventCodec.withSystemClock();
    List<Event> valid = new ArrayList<>();
    ScriptedTraffic.Sent skewed = null;
    try (RunningJob job = StreamingJob.start(pipeline.settings())) {
      for (int round = 0; round < 3; round++) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<ScriptedTraffic.Sent> sent =
            new ArrayList<>(
                traffic.generate(150, 2, now.minusSeconds(3), Duration.ofMillis(20), 0, 0, 0, 0));
        if (round == 1) {
          Event ahead =
              new ChatEvent(
                  "skewed-1",
                  "s-9",
                  now.plus(Duration.ofMinutes(4)),
                  "u-9",
                  "u-9",
                  "hi",
                  List.of());
          skewed =
              new ScriptedTraffic.Sent(
                  pipeline.topics().of(EventType.CHAT),
                  "s-9".getBytes(StandardCharsets.UTF_8),
                  codec.encode(ahead),
                  null,
                  RejectionReason.TIMESTAMP_IN_FUTURE,
                  false,
                  false);
          sent.add(skewed);
        }
        KafkaTestClient.send(pipeline.bootstrapServers(), sent);
        sent.stream().map(ScriptedTraffic.Sent::event).filter(e -> e != null).forEach(valid::add);
        job.processAllAvailable();
      }
      assertThat(job.lateEventCount()).as("on-time events dropped as late").isZero();
      assertThat(job.failure()).isEmpty();
    }

    pipeline.assertTablesEqualGroundTruth(valid);
    List<DeadLetter> letters =
        KafkaTestClient.readDeadLetters(
            pipeline.bootstrapServers(), pipeline.topics().deadLetter(), 1);
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).value()).isEqualTo(skewed.value());
    assertThat(letters.get(0).rejection().reason()).isEqualTo(RejectionReason.TIMESTAMP_IN_FUTURE);
    assertThat(letters.get(0).rejection().detail())
        .startsWith("more than 10000 ms ahead of its Kafka record's timestamp ");
  }
}
