package io.telemetra.local;

import java.time.Duration;
import java.time.Instant;

/**
 * How long to wait before starting a part that exited again: 1 s, doubling up to 30 s, back to 1 s
 * once the part has run for a minute. A part that fails at once (its dependency is down) is retried
 * ever more slowly instead of in a busy loop; one that crashes after running a while comes back
 * quickly.
 */
final class RestartBackoff {

  static final Duration FIRST = Duration.ofSeconds(1);
  static final Duration MAX = Duration.ofSeconds(30);
  static final Duration HEALTHY_AFTER = Duration.ofMinutes(1);

  private Duration next = FIRST;
  private Instant lastStart;
  private int restarts;

  /** The delay before the next start, given that the part was last started at {@link #started}. */
  Duration delayAt(Instant now) {
    if (lastStart != null && Duration.between(lastStart, now).compareTo(HEALTHY_AFTER) >= 0) {
      next = FIRST;
    }
    return next;
  }

  /** Records a (re)start at {@code now}. */
  void started(Instant now) {
    if (lastStart != null) {
      restarts++;
      next = next.multipliedBy(2).compareTo(MAX) > 0 ? MAX : next.multipliedBy(2);
    }
    lastStart = now;
  }

  int restarts() {
    return restarts;
  }
}
