package io.telemetra.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeRangeTest {

  static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void missingBoundsMeanTheLastHour() {
    TimeRange range = TimeRange.parse(null, null, CLOCK);
    assertThat(range.to()).isEqualTo(NOW);
    assertThat(range.from()).isEqualTo(NOW.minus(Duration.ofHours(1)));
  }

  @Test
  void offsetsAreAcceptedEvenWhenThePlusArrivedAsASpace() {
    TimeRange range = TimeRange.parse("2026-11-27T10:00:00 01:00", "2026-11-27T10:00:00Z", CLOCK);
    assertThat(range.from()).isEqualTo(Instant.parse("2026-11-27T09:00:00Z"));
  }

  @Test
  void invertedEmptyAndTooLongRangesAreRejected() {
    assertThatThrownBy(() -> TimeRange.parse("2026-11-27T10:00:00Z", "2026-11-27T09:00:00Z", CLOCK))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("from");
    assertThatThrownBy(() -> TimeRange.parse("2026-11-27T10:00:00Z", "2026-11-27T10:00:00Z", CLOCK))
        .isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> TimeRange.parse("2026-11-19T09:59:59Z", "2026-11-27T10:00:00Z", CLOCK))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("7 days");
    assertThat(TimeRange.parse("2026-11-20T10:00:00Z", "2026-11-27T10:00:00Z", CLOCK).from())
        .isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
  }

  @Test
  void timestampsWithoutAnOffsetAreRejected() {
    assertThatThrownBy(() -> TimeRange.timestamp("from", "2026-11-27T10:00:00"))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("RFC 3339");
  }
}
