package io.telemetra.analytics.moments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ZScoreTest {

  @Test
  void scoresAValueAgainstThePopulationMeanAndStandardDeviation() {
    ZScore z = ZScore.of(20, List.of(10.0, 12.0, 8.0, 10.0));
    assertThat(z.mean()).isEqualTo(10.0);
    assertThat(z.stddev()).isCloseTo(Math.sqrt(2.0), within(1e-12));
    assertThat(z.score()).isCloseTo(10 / Math.sqrt(2.0), within(1e-12));
  }

  @Test
  void aPerfectlySteadyBaselineUsesTheFloorInsteadOfDividingByZero() {
    ZScore z = ZScore.of(110, List.of(100.0, 100.0, 100.0));
    assertThat(z.stddev()).isZero();
    // floor = max(1, 5% of 100) = 5
    assertThat(z.score()).isCloseTo(2.0, within(1e-12));
    assertThat(ZScore.of(100, List.of(100.0, 100.0)).score()).isZero();
  }

  @Test
  void aValueBelowTheBaselineScoresNegative() {
    assertThat(ZScore.of(0, List.of(10.0, 12.0, 8.0)).score()).isNegative();
  }
}
