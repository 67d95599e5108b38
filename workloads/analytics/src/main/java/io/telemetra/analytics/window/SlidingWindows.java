package io.telemetra.analytics.window;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Sliding event-time windows [start, start + length) whose starts are multiples of the slide since
 * the epoch, as Spark's {@code window(ts, length, slide)} assigns them: an event belongs to {@code
 * length / slide} windows.
 */
public record SlidingWindows(Duration length, Duration slide) implements Serializable {

  public SlidingWindows {
    if (length.isZero() || length.isNegative() || slide.isZero() || slide.isNegative()) {
      throw new IllegalArgumentException("window length and slide must be positive");
    }
    if (length.toMillis() % slide.toMillis() != 0) {
      throw new IllegalArgumentException("window length must be a multiple of the slide");
    }
  }

  /** The start of the latest window containing {@code ts}: ts rounded down to the slide. */
  public Instant latestStart(Instant ts) {
    long slideMs = slide.toMillis();
    long ms = ts.toEpochMilli();
    return Instant.ofEpochMilli(Math.floorDiv(ms, slideMs) * slideMs);
  }

  /** The starts of every window containing {@code ts}, earliest first. */
  public List<Instant> startsContaining(Instant ts) {
    Instant latest = latestStart(ts);
    int count = windowsPerEvent();
    List<Instant> starts = new ArrayList<>(count);
    for (int k = count - 1; k >= 0; k--) {
      starts.add(latest.minus(slide.multipliedBy(k)));
    }
    return starts;
  }

  public int windowsPerEvent() {
    return (int) (length.toMillis() / slide.toMillis());
  }

  public Instant endOf(Instant start) {
    return start.plus(length);
  }
}
