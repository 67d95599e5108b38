package io.telemetra.analytics.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlidingWindowsTest {

  private final SlidingWindows windows =
      new SlidingWindows(Duration.ofSeconds(60), Duration.ofSeconds(10));

  @Test
  void anEventBelongsToSixWindowsStartingAtMultiplesOfTheSlide() {
    assertThat(windows.startsContaining(Instant.parse("2026-11-27T10:15:34.123Z")))
        .containsExactly(
            Instant.parse("2026-11-27T10:14:40Z"),
            Instant.parse("2026-11-27T10:14:50Z"),
            Instant.parse("2026-11-27T10:15:00Z"),
            Instant.parse("2026-11-27T10:15:10Z"),
            Instant.parse("2026-11-27T10:15:20Z"),
            Instant.parse("2026-11-27T10:15:30Z"));
  }

  @Test
  void anEventExactlyOnABoundaryStartsAWindowAndIsNotInTheOneEndingThere() {
    Instant ts = Instant.parse("2026-11-27T10:15:30Z");
    assertThat(windows.latestStart(ts)).isEqualTo(ts);
    assertThat(windows.startsContaining(ts))
        .first()
        .isEqualTo(Instant.parse("2026-11-27T10:14:40Z"));
    assertThat(windows.startsContaining(ts)).doesNotContain(Instant.parse("2026-11-27T10:14:30Z"));
  }

  @Test
  void windowsBeforeTheEpochAlignToo() {
    assertThat(windows.latestStart(Instant.parse("1969-12-31T23:59:55Z")))
        .isEqualTo(Instant.parse("1969-12-31T23:59:50Z"));
  }

  @Test
  void tumblingWindowsAreSlidingWindowsWhoseSlideIsTheirLength() {
    var tumbling = new SlidingWindows(Duration.ofSeconds(60), Duration.ofSeconds(60));
    assertThat(tumbling.startsContaining(Instant.parse("2026-11-27T10:15:34Z")))
        .containsExactly(Instant.parse("2026-11-27T10:15:00Z"));
  }

  @Test
  void aLengthThatIsNotAMultipleOfTheSlideIsRejected() {
    assertThatThrownBy(() -> new SlidingWindows(Duration.ofSeconds(60), Duration.ofSeconds(7)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiple");
  }
}
