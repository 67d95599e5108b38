package io.telemetra.operator.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.operator.api.v1alpha1.RestartBudgetSpec;
import io.telemetra.operator.spark.SparkApplication;
import java.time.Instant;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

/** Resubmissions are spaced out, limited within a sliding window, and recorded on the app. */
class RestartBudgetTest {

  static final RestartBudgetSpec THREE_IN_TEN_MINUTES = limits(3, 10);

  static RestartBudgetSpec limits(int failures, int minutes) {
    RestartBudgetSpec spec = new RestartBudgetSpec();
    spec.setFailures(failures);
    spec.setWindowMinutes(minutes);
    return spec;
  }

  static Instant at(String time) {
    return Instant.parse("2026-12-05T" + time + "Z");
  }

  @Test
  void theFirstFailureIsResubmittedAtOnceAndEachNextOneWaitsTwiceAsLong() {
    RestartBudget budget = RestartBudget.UNUSED;
    assertThat(budget.nextResubmission(THREE_IN_TEN_MINUTES, at("10:00:00")))
        .isEqualTo(at("10:00:00"));

    budget = budget.resubmitted(THREE_IN_TEN_MINUTES, at("10:00:00"));
    assertThat(budget.nextResubmission(THREE_IN_TEN_MINUTES, at("10:00:03")))
        .isEqualTo(at("10:00:10"));
    assertThat(budget.nextResubmission(THREE_IN_TEN_MINUTES, at("10:05:00")))
        .as("a failure long after the last resubmission waits no longer")
        .isEqualTo(at("10:05:00"));

    budget = budget.resubmitted(THREE_IN_TEN_MINUTES, at("10:00:10"));
    assertThat(budget.nextResubmission(THREE_IN_TEN_MINUTES, at("10:00:12")))
        .isEqualTo(at("10:00:30"));
    assertThat(budget.resubmissions()).isEqualTo(2);
  }

  @Test
  void onceSpentTheNextResubmissionWaitsUntilTheOldestLeavesTheWindow() {
    RestartBudget budget =
        RestartBudget.UNUSED
            .resubmitted(THREE_IN_TEN_MINUTES, at("10:00:00"))
            .resubmitted(THREE_IN_TEN_MINUTES, at("10:00:10"))
            .resubmitted(THREE_IN_TEN_MINUTES, at("10:00:30"));

    assertThat(budget.spent(THREE_IN_TEN_MINUTES, at("10:01:00"))).isTrue();
    assertThat(budget.nextResubmission(THREE_IN_TEN_MINUTES, at("10:01:00")))
        .isEqualTo(at("10:10:00"));
    assertThat(budget.spent(THREE_IN_TEN_MINUTES, at("10:10:01"))).isFalse();
    assertThat(budget.resubmitted(THREE_IN_TEN_MINUTES, at("10:10:01")).resubmittedAt())
        .as("resubmissions that left the window are forgotten")
        .containsExactly(at("10:00:10"), at("10:00:30"), at("10:10:01"));
  }

  @Test
  void theLedgerTravelsOnTheApplicationAndANewRestartNonceStartsAFreshWindow() {
    RestartBudget budget =
        RestartBudget.UNUSED
            .resubmitted(THREE_IN_TEN_MINUTES, at("10:00:00"))
            .resubmitted(THREE_IN_TEN_MINUTES, at("10:00:10"));
    SparkApplication app = new SparkApplication();
    app.getMetadata().setAnnotations(new HashMap<>(budget.annotations("monday")));

    assertThat(RestartBudget.of(app, "monday")).isEqualTo(budget);
    assertThat(RestartBudget.of(app, "tuesday"))
        .isEqualTo(new RestartBudget(2, java.util.List.of()));
    assertThat(RestartBudget.of(null, null)).isEqualTo(RestartBudget.UNUSED);
  }
}
