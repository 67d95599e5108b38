package io.telemetra.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.telemetra.events.Decoded;
import io.telemetra.events.Event;
import io.telemetra.events.EventCodec;
import io.telemetra.events.EventType;
import io.telemetra.events.RejectionReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventGeneratorTest {

  static final Instant START = Instant.parse("2026-11-27T10:00:00Z");
  static final GeneratorSettings CLEAN =
      GeneratorSettings.defaults().withSeed(42).withEventTimeStart(START).withRatePerSecond(500);
  static final GeneratorSettings FAULTY =
      CLEAN
          .withMalformedFraction(0.1)
          .withDuplicateFraction(0.05)
          .withOutOfOrderFraction(0.05)
          .withLateFraction(0.05)
          .withLateBy(Duration.ofMinutes(3));

  @Test
  void theSameSeedGivesByteIdenticalRecords() {
    List<GeneratedRecord> first = generate(FAULTY, 20_000);
    List<GeneratedRecord> second = generate(FAULTY, 20_000);

    for (int i = 0; i < first.size(); i++) {
      assertThat(second.get(i).value()).as("record %d", i).isEqualTo(first.get(i).value());
      assertThat(second.get(i).key()).isEqualTo(first.get(i).key());
      assertThat(second.get(i).expectedRejection()).isEqualTo(first.get(i).expectedRejection());
    }
  }

  @Test
  void anotherSeedGivesOtherRecords() {
    List<GeneratedRecord> one = generate(CLEAN, 1_000);
    List<GeneratedRecord> other = generate(CLEAN.withSeed(43), 1_000);

    long same = 0;
    for (int i = 0; i < one.size(); i++) {
      same += java.util.Arrays.equals(one.get(i).value(), other.get(i).value()) ? 1 : 0;
    }
    assertThat(same).isZero();
  }

  @Test
  void eventTimeAdvancesByOneOverTheRatePerRecord() {
    GeneratorSettings settings = CLEAN.withRatePerSecond(250);
    List<GeneratedRecord> records = generate(settings, 5_000);

    for (int i = 0; i < records.size(); i++) {
      assertThat(records.get(i).event().ts()).isEqualTo(START.plusMillis(i * 4L));
    }
  }

  @Test
  void everyValidRecordDecodesToExactlyItsEventKeyedByStream() {
    List<GeneratedRecord> records = generate(FAULTY, 30_000);
    EventCodec codec = codecAtEndOf(FAULTY, records.size());

    long valid = 0;
    for (GeneratedRecord record : records) {
      if (record.malformed()) {
        continue;
      }
      valid++;
      Decoded decoded = codec.decode(record.type(), record.value());
      assertThat(decoded).as(new String(record.value())).isInstanceOf(Decoded.Accepted.class);
      Event event = ((Decoded.Accepted) decoded).event();
      assertThat(event).isEqualTo(record.event());
      assertThat(event.type()).isEqualTo(record.type());
      assertThat(record.key()).isEqualTo(event.streamId());
    }
    assertThat(valid).isGreaterThan(25_000);
  }

  @Test
  void everyMalformedRecordIsRejectedForTheReasonItCarries() {
    GeneratorSettings settings = CLEAN.withMalformedFraction(0.3);
    List<GeneratedRecord> records = generate(settings, 20_000);
    EventCodec codec = codecAtEndOf(settings, records.size());

    Map<RejectionReason, Integer> seen = new EnumMap<>(RejectionReason.class);
    for (GeneratedRecord record : records) {
      if (!record.malformed()) {
        continue;
      }
      assertThat(record.event()).isNull();
      Decoded decoded = codec.decode(record.type(), record.value());
      assertThat(decoded).as(new String(record.value())).isInstanceOf(Decoded.Rejected.class);
      assertThat(((Decoded.Rejected) decoded).rejection().reason())
          .as(new String(record.value()))
          .isEqualTo(record.expectedRejection());
      assertThat(record.key()).startsWith("stream-");
      seen.merge(record.expectedRejection(), 1, Integer::sum);
    }
    assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(MalformedRecords.PRODUCER_FAULTS);
    int malformed = seen.values().stream().mapToInt(Integer::intValue).sum();
    assertThat(malformed / 20_000.0).isCloseTo(0.3, within(0.02));
  }

  @Test
  void duplicatesRepeatTheExactBytesOfAnEarlierRecord() {
    GeneratorSettings settings = CLEAN.withDuplicateFraction(0.1);
    List<GeneratedRecord> records = generate(settings, 20_000);

    Map<String, byte[]> firstById = new HashMap<>();
    int duplicates = 0;
    for (GeneratedRecord record : records) {
      String id = record.event().eventId();
      if (record.duplicate()) {
        duplicates++;
        assertThat(firstById).containsKey(id);
        assertThat(record.value()).isEqualTo(firstById.get(id));
      } else {
        assertThat(firstById).doesNotContainKey(id);
        firstById.put(id, record.value());
      }
    }
    assertThat(duplicates / 20_000.0).isCloseTo(0.1, within(0.01));
  }

  @Test
  void outOfOrderRecordsSwapNeighboursWithoutLosingAnyEventTime() {
    GeneratorSettings settings = CLEAN.withOutOfOrderFraction(0.1);
    List<GeneratedRecord> records = generate(settings, 20_000);

    int inversions = 0;
    List<Instant> times = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      times.add(records.get(i).event().ts());
      if (i > 0 && times.get(i).isBefore(times.get(i - 1))) {
        inversions++;
      }
    }
    assertThat(inversions / 20_000.0).isCloseTo(0.1 * 0.9, within(0.02));
    times.sort(null);
    // The very last record may have been swapped with one not generated yet.
    for (int i = 0; i < times.size() - 1; i++) {
      assertThat(times.get(i)).isEqualTo(START.plusMillis(i * 2L));
    }
  }

  @Test
  void lateRecordsCarryATimestampLateByInThePast() {
    GeneratorSettings settings =
        CLEAN.withLateFraction(0.2).withLateBy(Duration.ofMinutes(2)).withRatePerSecond(1000);
    List<GeneratedRecord> records = generate(settings, 10_000);

    int late = 0;
    for (int i = 0; i < records.size(); i++) {
      Instant slot = START.plusMillis(i);
      Instant ts = records.get(i).event().ts();
      if (!ts.equals(slot)) {
        late++;
        assertThat(ts).isEqualTo(slot.minus(Duration.ofMinutes(2)));
      }
    }
    assertThat(late / 10_000.0).isCloseTo(0.2, within(0.02));
  }

  @Test
  void everyStreamAnnouncesItselfAndItsAudienceFirst() {
    GeneratorSettings settings = CLEAN.withStreams(12);
    List<GeneratedRecord> records = generate(settings, 30);

    List<GeneratedRecord> metas =
        records.stream().filter(r -> r.type() == EventType.STREAM_META).toList();
    assertThat(metas.stream().map(GeneratedRecord::key).distinct()).hasSize(12);
    long online =
        metas.stream()
            .filter(
                r ->
                    ((io.telemetra.events.StreamMetaEvent) r.event()).status()
                        == io.telemetra.events.StreamStatus.ONLINE)
            .count();
    assertThat(online).isPositive();
    assertThat(records.subList(0, (int) (12 + online)))
        .allMatch(r -> r.type() == EventType.STREAM_META || r.type() == EventType.VIEWER)
        .filteredOn(r -> r.type() == EventType.VIEWER)
        .hasSize((int) online);
  }

  @Test
  void settingsAreValidated() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CLEAN.withMalformedFraction(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("malformedFraction");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CLEAN.withStreams(0))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CLEAN.withRatePerSecond(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(
            CLEAN.withEventTimeStart(Instant.parse("2026-01-01T00:00:00.123456Z")).eventTimeStart())
        .isEqualTo(Instant.parse("2026-01-01T00:00:00.123Z"));
  }

  static List<GeneratedRecord> generate(GeneratorSettings settings, int n) {
    EventGenerator generator = new EventGenerator(settings);
    List<GeneratedRecord> records = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      records.add(generator.next());
    }
    return records;
  }

  /** A codec whose wall clock is at the end of the generated event time. */
  static EventCodec codecAtEndOf(GeneratorSettings settings, long records) {
    Instant end = new EventGenerator(settings).eventTimeOf(records);
    return new EventCodec(Clock.fixed(end, ZoneOffset.UTC));
  }
}
