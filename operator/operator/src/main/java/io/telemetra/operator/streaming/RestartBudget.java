package io.telemetra.operator.streaming;

import io.telemetra.operator.api.v1alpha1.RestartBudgetSpec;
import io.telemetra.operator.spark.SparkApplication;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Telemetra's own restart budget for the streaming job. The Spark operator is told never to retry
 * (its attempt counters reset only on a spec change, so its retries would run out over a job's
 * life); instead Telemetra resubmits a failed run by changing the SparkApplication's spec, at most
 * {@link RestartBudgetSpec#getFailures()} times within a sliding window, waiting 10 s, 20 s, 40 s …
 * (at most 5 min) between resubmissions. The ledger lives on the SparkApplication itself, as
 * annotations: {@value #RESUBMISSIONS} (all resubmissions, also in the pod templates, where a new
 * value makes the Spark operator run the job again) and {@value #RESUBMITTED_AT} (those within the
 * window). A new restart nonce starts a fresh window.
 *
 * @param resubmissions how many times Telemetra resubmitted the job
 * @param resubmittedAt when, for those still within the window, oldest first
 */
public record RestartBudget(int resubmissions, List<Instant> resubmittedAt) {

  public static final String RESUBMISSIONS = "telemetra.io/resubmissions";
  public static final String RESUBMITTED_AT = "telemetra.io/resubmitted-at";

  /** The restart nonce the window was counted under. */
  public static final String COUNTED_UNDER_NONCE = "telemetra.io/restart-budget-nonce";

  static final Duration FIRST_WAIT = Duration.ofSeconds(10);
  static final Duration LONGEST_WAIT = Duration.ofMinutes(5);

  public static final RestartBudget UNUSED = new RestartBudget(0, List.of());

  /** The ledger {@code app} carries, with a fresh window if the restart nonce changed since. */
  public static RestartBudget of(SparkApplication app, String restartNonce) {
    if (app == null || app.getMetadata().getAnnotations() == null) {
      return UNUSED;
    }
    Map<String, String> annotations = app.getMetadata().getAnnotations();
    int resubmissions =
        Optional.ofNullable(annotations.get(RESUBMISSIONS)).map(Integer::parseInt).orElse(0);
    boolean sameNonce =
        Optional.ofNullable(restartNonce)
            .orElse("")
            .equals(annotations.getOrDefault(COUNTED_UNDER_NONCE, ""));
    List<Instant> at =
        !sameNonce
            ? List.of()
            : Arrays.stream(annotations.getOrDefault(RESUBMITTED_AT, "").split(","))
                .filter(s -> !s.isBlank())
                .map(Instant::parse)
                .toList();
    return new RestartBudget(resubmissions, at);
  }

  /** The annotations that record this ledger, counted under {@code restartNonce}. */
  public Map<String, String> annotations(String restartNonce) {
    return Map.of(
        RESUBMISSIONS,
        Integer.toString(resubmissions),
        RESUBMITTED_AT,
        resubmittedAt.stream().map(Instant::toString).collect(Collectors.joining(",")),
        COUNTED_UNDER_NONCE,
        Optional.ofNullable(restartNonce).orElse(""));
  }

  /** The resubmissions still within the window at {@code now}. */
  public List<Instant> within(RestartBudgetSpec spec, Instant now) {
    Instant start = now.minus(window(spec));
    return resubmittedAt.stream().filter(at -> at.isAfter(start)).toList();
  }

  /** Whether every resubmission the window allows is used at {@code now}. */
  public boolean spent(RestartBudgetSpec spec, Instant now) {
    return within(spec, now).size() >= spec.getFailures();
  }

  /**
   * When a failed run may be resubmitted, seen at {@code now}: at once after the first failure in
   * the window, then after a wait that doubles with each resubmission in it; while the budget is
   * spent, once enough resubmissions have left the window.
   */
  public Instant nextResubmission(RestartBudgetSpec spec, Instant now) {
    List<Instant> recent = within(spec, now);
    if (recent.size() >= spec.getFailures()) {
      return recent.get(recent.size() - spec.getFailures()).plus(window(spec));
    }
    if (recent.isEmpty()) {
      return now;
    }
    Instant earliest = recent.get(recent.size() - 1).plus(wait(recent.size()));
    return earliest.isAfter(now) ? earliest : now;
  }

  /** The ledger after a resubmission at {@code now}. */
  public RestartBudget resubmitted(RestartBudgetSpec spec, Instant now) {
    List<Instant> at = new ArrayList<>(within(spec, now));
    at.add(now);
    return new RestartBudget(resubmissions + 1, List.copyOf(at));
  }

  private static Duration wait(int resubmissionsInWindow) {
    Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(resubmissionsInWindow - 1, 10));
    return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
  }

  private static Duration window(RestartBudgetSpec spec) {
    return Duration.ofMinutes(spec.getWindowMinutes());
  }
}
