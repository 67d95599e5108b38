package io.telemetra.analytics.moments;

import java.util.List;

/**
 * How unusual a value is against a baseline: {@code (value - mean) / max(stddev, floor)} with the
 * population standard deviation of the baseline and a floor of {@code max(1, 5% of |mean|)}, so a
 * perfectly steady baseline (stddev 0) does not turn the smallest wobble into an infinite score.
 */
public record ZScore(double score, double mean, double stddev) {

  /** The relative part of the stddev floor. */
  public static final double RELATIVE_FLOOR = 0.05;

  /** The absolute part of the stddev floor, in the metric's unit. */
  public static final double ABSOLUTE_FLOOR = 1.0;

  public static ZScore of(double value, List<Double> baseline) {
    if (baseline.isEmpty()) {
      throw new IllegalArgumentException("a z-score needs a baseline");
    }
    double mean = 0;
    for (double b : baseline) {
      mean += b;
    }
    mean /= baseline.size();
    double squares = 0;
    for (double b : baseline) {
      squares += (b - mean) * (b - mean);
    }
    double stddev = Math.sqrt(squares / baseline.size());
    double floor = Math.max(ABSOLUTE_FLOOR, RELATIVE_FLOOR * Math.abs(mean));
    return new ZScore((value - mean) / Math.max(stddev, floor), mean, stddev);
  }
}
