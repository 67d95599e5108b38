package io.telemetra.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {

  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  @Test
  void aPartThatKeepsFailingAtOnceWaitsTwiceAsLongEachTimeUpToThirtySeconds() {
    RestartBackoff backoff = new RestartBackoff();
    backoff.started(T0);
    Instant now = T0;
    StringBuilder delays = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      now = now.plusSeconds(2);
      Duration delay = backoff.delayAt(now);
      delays.append(delay.toSeconds()).append(' ');
      now = now.plus(delay);
      backoff.started(now);
    }
    assertThat(delays.toString().strip()).isEqualTo("1 2 4 8 16 30 30 30");
    assertThat(backoff.restarts()).isEqualTo(8);
  }

  @Test
  void aPartThatRanForAMinuteBeforeExitingComesBackAfterOneSecond() {
    RestartBackoff backoff = new RestartBackoff();
    backoff.started(T0);
    backoff.started(T0.plusSeconds(1));
    backoff.started(T0.plusSeconds(3));
    assertThat(backoff.delayAt(T0.plusSeconds(5))).isEqualTo(Duration.ofSeconds(4));

    assertThat(backoff.delayAt(T0.plusSeconds(64))).isEqualTo(Duration.ofSeconds(1));
  }
}
