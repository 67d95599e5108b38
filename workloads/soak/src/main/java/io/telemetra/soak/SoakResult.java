package io.telemetra.soak;

import io.telemetra.soak.probe.ApiProber;
import io.telemetra.soak.report.Sample;
import io.telemetra.truth.KafkaReadback;
import io.telemetra.truth.TableDiff;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything a soak run measured and found. */
public record SoakResult(
    SoakSettings settings,
    Instant started,
    Instant productionEnded,
    List<Sample> samples,
    List<FaultOutcome> faults,
    KafkaReadback.Produced produced,
    long distinctEvents,
    long duplicates,
    long committedRecords,
    List<TableDiff> diffs,
    Optional<Duration> drainedAfter,
    ApiProber.Tally api,
    Map<String, Long> apiAnswers,
    Map<String, String> apiFirstFailures) {

  /** Every table equals the ground truth. */
  public boolean exact() {
    return !diffs.isEmpty() && diffs.stream().allMatch(TableDiff::equal);
  }

  /** Every fault was followed by a recovery. */
  public boolean recoveredFromEveryFault() {
    return faults.stream().allMatch(f -> f.recovered().isPresent());
  }

  public boolean passed() {
    return exact() && recoveredFromEveryFault();
  }
}
