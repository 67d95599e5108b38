package io.telemetra.soak.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Whether a process's memory grows over a run: the least-squares slope, in MB per minute, of its
 * RSS and of its heap after garbage collection, over its last uninterrupted stretch from {@code
 * fromSeconds} on (a restart, seen as a sample without the process or with a new pid, starts a new
 * stretch). The heap is judged by its minimum per minute (the lower envelope), so old-generation
 * garbage a young collection leaves for a later one does not count as growth.
 *
 * @param stretchMinutes how long the judged stretch lasted
 * @param rssMbPerMinute slope of the RSS
 * @param heapMbPerMinute slope of the per-minute minimum of the heap after GC, NaN for a process
 *     that is not a JVM
 * @param meanRssMb mean RSS over the stretch
 */
public record MemoryTrend(
    String process,
    double stretchMinutes,
    double rssMbPerMinute,
    double heapMbPerMinute,
    double meanRssMb) {

  /** Shorter stretches are dominated by warm-up (heaps growing to their working size). */
  static final double MINIMUM_MINUTES = 5;

  /** Growth that would add more than 10% of the mean RSS per 10 minutes counts as a trend. */
  public boolean grows() {
    return rssMbPerMinute * 10 > 0.10 * meanRssMb
        || !Double.isNaN(heapMbPerMinute) && heapMbPerMinute * 10 > 0.10 * meanRssMb;
  }

  /** The trend of {@code process} from {@code fromSeconds} on, if it ran long enough to judge. */
  public static Optional<MemoryTrend> of(String process, List<Sample> samples, double fromSeconds) {
    List<Sample> stretch = new ArrayList<>();
    ProcessMemory previous = null;
    for (Sample s : samples) {
      ProcessMemory m = s.memory().get(process);
      boolean restarted = m == null || previous != null && m.pid() != previous.pid();
      if (restarted) {
        stretch.clear();
      }
      if (m != null && s.seconds() >= fromSeconds) {
        stretch.add(s);
      }
      previous = m;
    }
    if (stretch.size() < 4) {
      return Optional.empty();
    }
    double minutes = (stretch.get(stretch.size() - 1).seconds() - stretch.get(0).seconds()) / 60.0;
    if (minutes < MINIMUM_MINUTES) {
      return Optional.empty();
    }
    double rssSlope = slope(stretch, s -> s.memory().get(process).rssMb());
    double heapSlope = Double.NaN;
    if (stretch.stream().anyMatch(s -> s.memory().get(process).isJvm())) {
      heapSlope =
          slope(perMinuteMinimum(stretch, process), s -> s.memory().get(process).heapUsedMb());
    }
    double meanRss =
        stretch.stream().mapToDouble(s -> s.memory().get(process).rssMb()).average().orElse(0);
    return Optional.of(new MemoryTrend(process, minutes, rssSlope, heapSlope, meanRss));
  }

  private static List<Sample> perMinuteMinimum(List<Sample> stretch, String process) {
    List<Sample> minima = new ArrayList<>();
    long minute = Long.MIN_VALUE;
    for (Sample s : stretch) {
      long m = (long) (s.seconds() / 60);
      double heap = s.memory().get(process).heapUsedMb();
      if (m != minute) {
        minima.add(s);
        minute = m;
      } else if (heap < minima.get(minima.size() - 1).memory().get(process).heapUsedMb()) {
        minima.set(minima.size() - 1, s);
      }
    }
    return minima;
  }

  /** Least-squares slope of y over time, per minute. */
  static double slope(List<Sample> points, ToDoubleFunction<Sample> y) {
    int n = points.size();
    if (n < 2) {
      return Double.NaN;
    }
    double mx = 0;
    double my = 0;
    for (Sample s : points) {
      mx += s.seconds() / 60.0;
      my += y.applyAsDouble(s);
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    for (Sample s : points) {
      double dx = s.seconds() / 60.0 - mx;
      sxy += dx * (y.applyAsDouble(s) - my);
      sxx += dx * dx;
    }
    return sxx == 0 ? Double.NaN : sxy / sxx;
  }
}
