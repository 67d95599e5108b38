package io.telemetra.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorSettingsTest {

  @Test
  void defaultsAreTheChartsDefaults() {
    OperatorSettings settings = OperatorSettings.fromEnvironment(Map.of());

    assertThat(settings.watchesAllNamespaces()).isTrue();
    assertThat(settings.leaderElection()).isTrue();
    assertThat(settings.leaseTimings()).isEqualTo(OperatorSettings.LeaseTimings.DEFAULT);
    assertThat(settings.leaseTimings().leaseDuration()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.reconcileThreads()).isEqualTo(10);
    assertThat(settings.resync()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.rateLimit())
        .isEqualTo(new OperatorSettings.RateLimit(20, Duration.ofSeconds(10)));
  }

  @Test
  void aRateLimitWithoutAPeriodIsRefused() {
    assertThatThrownBy(
            () -> OperatorSettings.fromEnvironment(Map.of("RATE_LIMIT_PERIOD_SECONDS", "0")))
        .hasMessageContaining(
            "rate limit needs reconciles >= 0 and a positive period, got 20 per 0 s");
  }

  @Test
  void leaseTimingsComeFromTheEnvironment() {
    OperatorSettings settings =
        OperatorSettings.fromEnvironment(
            Map.of(
                "LEADER_ELECTION_LEASE_DURATION_SECONDS", "8",
                "LEADER_ELECTION_RENEW_DEADLINE_SECONDS", "6",
                "LEADER_ELECTION_RETRY_PERIOD_SECONDS", "1"));

    assertThat(settings.leaseTimings())
        .isEqualTo(
            new OperatorSettings.LeaseTimings(
                Duration.ofSeconds(8), Duration.ofSeconds(6), Duration.ofSeconds(1)));
  }

  @Test
  void aRenewDeadlineNotBelowTheLeaseDurationIsRefusedNamingAllThree() {
    assertThatThrownBy(
            () ->
                OperatorSettings.fromEnvironment(
                    Map.of(
                        "LEADER_ELECTION_LEASE_DURATION_SECONDS", "10",
                        "LEADER_ELECTION_RENEW_DEADLINE_SECONDS", "10")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retry period < renew deadline < lease duration")
        .hasMessageContaining("2 s, 10 s, 10 s");
  }
}
