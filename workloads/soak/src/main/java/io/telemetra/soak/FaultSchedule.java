package io.telemetra.soak;

import java.time.Duration;
import java.util.List;

/**
 * When each fault strikes: spread over the run so that each one's recovery can be seen before the
 * next, and Redis last because it stays down.
 */
public record FaultSchedule(List<Planned> faults) {

  /** One fault and when it strikes, counted from the start of production. */
  public record Planned(FaultKind kind, Duration at) {}

  /** The standard schedule for a run of {@code duration}. */
  public static FaultSchedule standard(Duration duration) {
    return new FaultSchedule(
        List.of(
            new Planned(FaultKind.STREAMING_SIGKILL, fraction(duration, 0.12)),
            new Planned(FaultKind.API_SIGKILL, fraction(duration, 0.27)),
            new Planned(FaultKind.POSTGRES_STOP, fraction(duration, 0.40)),
            new Planned(FaultKind.KAFKA_STOP, fraction(duration, 0.60)),
            new Planned(FaultKind.REDIS_STOP, fraction(duration, 0.82))));
  }

  public static FaultSchedule none() {
    return new FaultSchedule(List.of());
  }

  private static Duration fraction(Duration d, double f) {
    return Duration.ofMillis(Math.round(d.toMillis() * f));
  }
}
