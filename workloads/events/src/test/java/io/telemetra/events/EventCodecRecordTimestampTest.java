package io.telemetra.events;

import static io.telemetra.events.EventType.CHAT;
import static io.telemetra.events.TestRecords.NOW;
import static io.telemetra.events.TestRecords.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Event time bounded by the Kafka record's timestamp: how far ahead an event may be depends on the
 * record, not on when (or how often) it is decoded, so a live run and a replay agree.
 */
class EventCodecRecordTimestampTest {

  static final Topics TOPICS = Topics.defaults();
  static final String CHAT_TOPIC = TOPICS.of(CHAT);
  static final Duration TEN_SECONDS = Duration.ofSeconds(10);

  static byte[] chatAt(Instant ts) {
    return with(CHAT, "ts", EventCodec.formatTimestamp(ts));
  }

  static EventCodec codecAt(Instant now) {
    return new EventCodec(Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void anEventUpToTheToleranceAheadOfItsRecordIsAccepted() {
    Instant appended = NOW.minusSeconds(1);

    Decoded decoded =
        codecAt(NOW)
            .decode(TOPICS, CHAT_TOPIC, chatAt(appended.plus(TEN_SECONDS)), appended, TEN_SECONDS);

    assertThat(decoded.isAccepted()).isTrue();
  }

  @Test
  void anEventFurtherAheadOfItsRecordIsRejectedNamingTheRecordTimestamp() {
    Instant appended = NOW.minusSeconds(1);
    byte[] fourMinutesAhead = chatAt(appended.plus(Duration.ofMinutes(4)));

    Decoded decoded =
        codecAt(NOW).decode(TOPICS, CHAT_TOPIC, fourMinutesAhead, appended, TEN_SECONDS);

    assertThat(decoded).isInstanceOf(Decoded.Rejected.class);
    Rejection rejection = ((Decoded.Rejected) decoded).rejection();
    assertThat(rejection.reason()).isEqualTo(RejectionReason.TIMESTAMP_IN_FUTURE);
    assertThat(rejection.field()).isEqualTo("ts");
    assertThat(rejection.detail())
        .isEqualTo("more than 10000 ms ahead of its Kafka record's timestamp " + appended);
    assertThat(codecAt(NOW).decode(TOPICS, CHAT_TOPIC, fourMinutesAhead).isAccepted())
        .as("the wall-clock bound alone (5 minutes) lets it through")
        .isTrue();
  }

  @Test
  void theVerdictDoesNotDependOnWhenTheRecordIsDecoded() {
    Instant appended = NOW;
    byte[] elevenSecondsAhead = chatAt(appended.plusSeconds(11));
    byte[] nineSecondsAhead = chatAt(appended.plusSeconds(9));

    for (Instant decodedAt :
        new Instant[] {NOW, NOW.plusSeconds(30), NOW.plus(Duration.ofHours(2))}) {
      EventCodec codec = codecAt(decodedAt);
      assertThat(
              codec
                  .decode(TOPICS, CHAT_TOPIC, elevenSecondsAhead, appended, TEN_SECONDS)
                  .isAccepted())
          .as("11 s ahead, decoded at " + decodedAt)
          .isFalse();
      assertThat(
              codec
                  .decode(TOPICS, CHAT_TOPIC, nineSecondsAhead, appended, TEN_SECONDS)
                  .isAccepted())
          .as("9 s ahead, decoded at " + decodedAt)
          .isTrue();
    }
  }

  @Test
  void aRecordStampedInTheFutureIsStillHeldToTheWallClock() {
    Instant appended = NOW.plus(Duration.ofHours(1));

    Decoded decoded =
        codecAt(NOW).decode(TOPICS, CHAT_TOPIC, chatAt(appended), appended, TEN_SECONDS);

    assertThat(((Decoded.Rejected) decoded).rejection().detail())
        .isEqualTo("more than 5 minutes ahead of the wall clock");
  }

  @Test
  void aRecordWithoutATimestampIsHeldToTheWallClockOnly() {
    byte[] oneMinuteAhead = chatAt(NOW.plus(Duration.ofMinutes(1)));

    assertThat(
            codecAt(NOW).decode(TOPICS, CHAT_TOPIC, oneMinuteAhead, null, TEN_SECONDS).isAccepted())
        .isTrue();
    assertThat(
            codecAt(NOW)
                .decode(TOPICS, CHAT_TOPIC, oneMinuteAhead, Instant.EPOCH, TEN_SECONDS)
                .isAccepted())
        .as("Kafka's -1 (no timestamp) reads as the epoch or before")
        .isTrue();
  }
}
