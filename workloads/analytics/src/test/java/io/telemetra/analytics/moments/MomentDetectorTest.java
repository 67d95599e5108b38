package io.telemetra.analytics.moments;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.analytics.window.SlidingWindows;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MomentDetectorTest {

  private static final Duration SLIDE = Duration.ofSeconds(10);
  private final SlidingWindows windows = new SlidingWindows(Duration.ofSeconds(60), SLIDE);
  private final MomentDetector detector = new MomentDetector(windows, 3.0, 30);
  private final Instant t0 = Instant.parse("2026-11-27T10:00:00Z");

  private Instant at(int slides) {
    return t0.plus(SLIDE.multipliedBy(slides));
  }

  private StreamHistory steady(int windowsOfHistory) {
    var history = new StreamHistory();
    for (int i = 0; i < windowsOfHistory; i++) {
      history.chat(at(i), 100 + (i % 3));
      history.viewers(at(i), 1000 + (i % 2));
      history.revenue(at(i), "USD", new BigDecimal("10.00"));
    }
    return history;
  }

  @Test
  void steadyTrafficProducesNoMoment() {
    var history = steady(40);
    for (int i = 10; i < 40; i++) {
      assertThat(detector.detect("s", at(i), history)).isEmpty();
    }
  }

  @Test
  void aRaidIsAChatAViewerAndARevenueSpike() {
    var history = steady(40);
    history.chat(at(40), 400);
    history.viewers(at(40), 5000);
    history.revenue(at(40), "USD", new BigDecimal("500.00"));
    history.revenue(at(40), "EUR", new BigDecimal("1.00"));

    var moments = detector.detect("s", at(40), history);

    assertThat(moments)
        .extracting(DetectedMoment::kind)
        .containsExactly(MomentKind.CHAT_SPIKE, MomentKind.VIEWER_SPIKE, MomentKind.REVENUE_SPIKE);
    DetectedMoment chat = moments.get(0);
    assertThat(chat.value()).isEqualTo(400);
    assertThat(chat.baselineMean()).isEqualTo(101.0);
    assertThat(chat.historyWindows()).isEqualTo(30);
    assertThat(chat.windowEnd()).isEqualTo(at(46));
    assertThat(moments.get(1).value()).isEqualTo(5000 - 1001);
    assertThat(moments.get(2).currency()).isEqualTo("USD");
  }

  @Test
  void twoCurrenciesSpikingAlikeGiveTheMomentToTheCurrencyThatSortsFirst() {
    // The same pattern in both (amounts a power of two apart, so every step of the z-score scales
    // exactly): one earlier window with revenue, then a spike. JPY iterates before GBP in a
    // HashMap; the tie must not depend on that (the game day saw a job and its oracle disagree).
    var history = steady(40);
    history.revenue(at(20), "JPY", new BigDecimal("256"));
    history.revenue(at(20), "GBP", new BigDecimal("512"));
    history.revenue(at(40), "JPY", new BigDecimal("2560"));
    history.revenue(at(40), "GBP", new BigDecimal("5120"));

    var revenue =
        detector.detect("s", at(40), history).stream()
            .filter(m -> m.kind() == MomentKind.REVENUE_SPIKE)
            .toList();

    assertThat(revenue).singleElement().satisfies(m -> assertThat(m.currency()).isEqualTo("GBP"));
  }

  @Test
  void revenueSpikeScoresALastBitApartAreATieWonByTheCurrencyThatSortsFirst() {
    double score = Math.sqrt(10);
    double aBitMore = Math.nextUp(score);

    assertThat(MomentDetector.outranks(aBitMore, "SEK", score, "GBP"))
        .as("SEK scores one ulp more than GBP: a tie, GBP sorts first")
        .isFalse();
    assertThat(MomentDetector.outranks(score, "GBP", aBitMore, "SEK")).isTrue();
    assertThat(MomentDetector.outranks(score * 1.001, "SEK", score, "GBP"))
        .as("a real difference")
        .isTrue();
    assertThat(MomentDetector.outranks(score, "GBP", score * 1.001, "SEK")).isFalse();
  }

  @Test
  void tooLittleHistoryProducesNoMoment() {
    var history = steady(5);
    history.chat(at(5), 10_000);
    assertThat(detector.detect("s", at(5), history)).isEmpty();
  }

  @Test
  void chatSilenceInAnObservedWindowCountsAsZero() {
    var history = new StreamHistory();
    for (int i = 0; i < 30; i++) {
      history.viewers(at(i), 1000);
    }
    history.chat(at(30), 50);
    history.viewers(at(30), 1000);
    assertThat(detector.detect("s", at(30), history))
        .extracting(DetectedMoment::kind)
        .containsExactly(MomentKind.CHAT_SPIKE);
  }
}
