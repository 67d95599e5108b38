package io.telemetra.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * 100,000 seeded random and mutated records through the codec: nothing ever escapes, every record
 * is accepted or rejected with a reason, rewrites that keep the meaning decode to the very same
 * event, and whatever is accepted is within the contract's limits and survives a round trip.
 */
class EventCodecFuzzTest {

  private static final long SEED = Long.getLong("fuzz.seed", 20261127L);
  private static final int RECORDS = Integer.getInteger("fuzz.records", 100_000);
  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private final EventCodec codec = new EventCodec(CLOCK);

  @Test
  void aHundredThousandHostileRecordsAreEachAcceptedOrRejectedWithAReasonAndNeverCrash() {
    var fuzzer = new RecordFuzzer(SEED, NOW);
    Map<RecordFuzzer.Mutation, int[]> outcomes = new EnumMap<>(RecordFuzzer.Mutation.class);
    for (int i = 0; i < RECORDS; i++) {
      RecordFuzzer.Sample s = fuzzer.next();
      Decoded decoded;
      try {
        decoded = codec.decode(s.type(), s.value());
      } catch (Throwable t) {
        throw new AssertionError(describe(i, s) + " escaped the codec", t);
      }
      int[] counts = outcomes.computeIfAbsent(s.mutation(), m -> new int[2]);
      if (decoded instanceof Decoded.Accepted a) {
        counts[0]++;
        checkAccepted(i, s, a.event());
      } else if (decoded instanceof Decoded.Rejected r) {
        counts[1]++;
        if (s.mutation().preservesMeaning()) {
          fail(describe(i, s) + " keeps its meaning but was rejected: " + r.rejection());
        }
        assertThat(r.rejection().reason()).as(describe(i, s)).isNotNull();
        assertThat(r.rejection().field()).as(describe(i, s)).isNotNull();
        assertThat(r.rejection().detail()).as(describe(i, s)).isNotBlank().hasSizeLessThan(400);
        assertThat(survivesUtf8(r.rejection().detail())).as(describe(i, s)).isTrue();
      } else {
        fail(describe(i, s) + " decoded to " + decoded);
      }
    }
    // Every kind of mutation was exercised; hostile kinds were rejected at least sometimes.
    assertThat(outcomes).containsOnlyKeys(RecordFuzzer.Mutation.values());
    outcomes.forEach(
        (m, c) -> {
          if (m.preservesMeaning()) {
            assertThat(c[0]).as(m + " accepted").isGreaterThan(1000);
          } else {
            assertThat(c[1]).as(m + " rejected").isPositive();
          }
        });
    assertThat(outcomes.get(RecordFuzzer.Mutation.BYTE_FLIP)[0])
        .as("some byte flips stay valid")
        .isPositive();
  }

  @Test
  void theSameSeedMakesTheSameRecords() {
    var a = new RecordFuzzer(7, NOW);
    var b = new RecordFuzzer(7, NOW);
    for (int i = 0; i < 1000; i++) {
      RecordFuzzer.Sample x = a.next();
      RecordFuzzer.Sample y = b.next();
      assertThat(x.value()).isEqualTo(y.value());
      assertThat(x.mutation()).isEqualTo(y.mutation());
    }
  }

  @Test
  void aSyntaxErrorAtAnEmojiGivesADetailThatSurvivesUtf8() {
    // Regression: Jackson quoted the high surrogate alone, and the dead-letter header got a '?'.
    byte[] record = "{\"event_id\":\"e\"😀}".getBytes(StandardCharsets.UTF_8);

    Decoded decoded = codec.decode(EventType.CHAT, record);

    assertThat(decoded).isInstanceOf(Decoded.Rejected.class);
    String detail = ((Decoded.Rejected) decoded).rejection().detail();
    assertThat(detail).contains("Unexpected character").contains("\uFFFD");
    assertThat(survivesUtf8(detail)).isTrue();
  }

  @Test
  void aNulCharacterInAnIdOrStoredTextIsRejectedBecausePostgresTextCannotHoldIt() {
    // Regression: an event_id with U+0000 was accepted, then failed every write of its batch.
    byte[] id = TestRecords.withRaw(EventType.TRANSACTION, "event_id", "\"e-1\\u0000\"");
    byte[] title = TestRecords.withRaw(EventType.STREAM_META, "title", "\"Ranked\\u0000\"");

    assertThat(codec.decode(EventType.TRANSACTION, id))
        .isEqualTo(
            new Decoded.Rejected(
                new Rejection(
                    RejectionReason.OUT_OF_RANGE,
                    "event_id",
                    "contains U+0000 (NUL), which text cannot hold")));
    assertThat(((Decoded.Rejected) codec.decode(EventType.STREAM_META, title)).rejection().field())
        .isEqualTo("title");
  }

  private static boolean survivesUtf8(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(text);
  }

  private void checkAccepted(int i, RecordFuzzer.Sample s, Event event) {
    String what = describe(i, s);
    if (s.expected() != null) {
      assertThat(event).as(what).isEqualTo(s.expected());
    }
    assertThat(event.type()).as(what).isEqualTo(s.type());
    assertThat(event.ts()).as(what).isBeforeOrEqualTo(NOW.plus(EventCodec.MAX_CLOCK_SKEW));
    assertThat(event.eventId()).as(what).isNotBlank();
    assertThat(event.streamId()).as(what).isNotBlank();
    if (event instanceof ViewerEvent v) {
      assertThat(v.viewerCount()).as(what).isBetween(0L, EventCodec.MAX_VIEWER_COUNT);
    }
    if (event instanceof TransactionEvent t) {
      assertThat(t.amount()).as(what).isGreaterThanOrEqualTo(BigDecimal.ZERO);
      assertThat(t.amount()).as(what).isLessThan(EventCodec.MAX_AMOUNT);
      assertThat(t.amount().scale()).as(what).isBetween(0, EventCodec.MAX_AMOUNT_SCALE);
    }
    if (event instanceof ChatEvent c) {
      assertThat(c.message().codePointCount(0, c.message().length()))
          .as(what)
          .isLessThanOrEqualTo(EventCodec.MAX_MESSAGE_LENGTH);
    }
    // What was accepted once is accepted again, unchanged, from its own encoding.
    Decoded again = codec.decode(event.type(), codec.encode(event));
    assertThat(again).as(what).isInstanceOf(Decoded.Accepted.class);
    assertThat(((Decoded.Accepted) again).event()).as(what).isEqualTo(event);
  }

  private static String describe(int index, RecordFuzzer.Sample s) {
    return "record #"
        + index
        + " (seed "
        + SEED
        + ", "
        + s.mutation()
        + ", as "
        + s.type()
        + ", base64 "
        + (s.value() == null ? "null" : abbreviate(Base64.getEncoder().encodeToString(s.value())))
        + ")";
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
