package io.telemetra.soak.report;

import java.util.Map;

/**
 * What the harness saw at one moment of a soak run.
 *
 * @param seconds time since the run started
 * @param producedPerSecond events Kafka acknowledged to the producer per second since the previous
 *     sample
 * @param committedPerSecond events the streaming job committed to Postgres per second since the
 *     previous sample (ingest query rows of the {@code streaming_commits} ledger)
 * @param freshnessSeconds how far the newest committed chat window lags behind the wall clock: now
 *     minus (its start + one slide), about the age of the newest event written; null when it could
 *     not be read (PostgreSQL down, nothing committed yet)
 * @param apiRequests API requests the prober made since the previous sample
 * @param apiErrors of those, how many failed (no answer, or a status other than 2xx)
 * @param memory per process name ("streaming job", "API + dashboard", "Kafka broker", ...): its
 *     memory now; a process that is not running is absent
 */
public record Sample(
    double seconds,
    double producedPerSecond,
    double committedPerSecond,
    Double freshnessSeconds,
    long apiRequests,
    long apiErrors,
    Map<String, ProcessMemory> memory) {

  public Sample {
    memory = Map.copyOf(memory);
  }
}
