package io.telemetra.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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

  /** Lower-case T and Z, long fractions, offsets beyond java.time's ±18:00, a leap second. */
  @ParameterizedTest
  @CsvSource({
    "2026-11-27t10:00:00z, 2026-11-27T10:00:00Z",
    "2026-11-27T10:00:00.1234567891234Z, 2026-11-27T10:00:00.123456789Z",
    "2026-11-27T23:30:00+23:30, 2026-11-27T00:00:00Z",
    "2026-11-27T10:00:00-00:00, 2026-11-27T10:00:00Z",
    "2016-12-31T23:59:60Z, 2017-01-01T00:00:00Z",
    "0001-01-01T00:00:00Z, 0001-01-01T00:00:00Z"
  })
  void everyRfc3339SpellingIsAccepted(String value, String instant) {
    assertThat(TimeRange.timestamp("from", value)).isEqualTo(Instant.parse(instant));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        " 2026-11-27T10:00:00Z",
        "2026-11-27T10:00:00Z ",
        "2026-11-27T10:00Z",
        "2026-11-27 10:00:00Z",
        "2026-11-27T10:00:00+0100",
        "2026-11-27T10:00:00+24:00",
        "2026-11-27T10:00:00+01:60",
        "2026-11-27T10:00:00+01:00:00",
        "2026-02-30T10:00:00Z",
        "2026-11-27T24:00:00Z",
        "2026-11-27T10:00:61Z",
        "2026-11-27T10:00:00.Z",
        "+12026-11-27T10:00:00Z",
        "2026-11-27T10:00:00Z,2026-11-27T11:00:00Z",
        "１９７０-01-01T00:00:00Z"
      })
  void anythingElseIsRejected(String value) {
    assertThatThrownBy(() -> TimeRange.timestamp("to", value))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("RFC 3339");
  }

  @Test
  void instantsThatCannotBeWrittenBackAsRfc3339AreRejected() {
    assertThatThrownBy(() -> TimeRange.timestamp("to", "9999-12-31T23:00:00-01:00"))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("0000-9999");
    assertThatThrownBy(() -> TimeRange.timestamp("to", "0000-01-01T00:30:00+01:00"))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("0000-9999");
  }

  @Test
  void anEmptyBoundIsNotAMissingOne() {
    assertThatThrownBy(() -> TimeRange.parse("", null, CLOCK)).isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> TimeRange.parse(null, "", CLOCK)).isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> TimeRange.optional("from", "")).isInstanceOf(ApiException.class);
    assertThat(TimeRange.optional("from", null)).isNull();
  }
}
