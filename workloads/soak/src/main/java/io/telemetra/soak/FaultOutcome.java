package io.telemetra.soak;

import io.telemetra.soak.probe.ApiProber;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One fault as it happened.
 *
 * @param struck when it struck
 * @param undone when the harness undid it (restart issued); {@code struck} for a SIGKILL, after
 *     which the runner itself starts the part again; empty for a fault that lasts the run
 * @param recovered when the pipeline was seen healthy again, if it was
 * @param api the API's requests and failures from {@code struck} to {@code recovered} (or the next
 *     fault)
 */
public record FaultOutcome(
    FaultKind kind,
    Instant struck,
    Optional<Instant> undone,
    Optional<Instant> recovered,
    ApiProber.Tally api) {

  /** From the moment the fault was undone (or struck) until the pipeline was healthy again. */
  public Optional<Duration> recoveryTime() {
    Instant from = undone.orElse(struck);
    return recovered.map(r -> Duration.between(from, r));
  }
}
