package io.telemetra.analytics.sentiment;

/** Positive, neutral or negative, by VADER's conventional +/-0.05 cut-offs on the score. */
public enum SentimentLabel {
  POSITIVE,
  NEUTRAL,
  NEGATIVE;

  public static final double CUTOFF = 0.05;

  public static SentimentLabel of(double score) {
    if (score >= CUTOFF) {
      return POSITIVE;
    }
    if (score <= -CUTOFF) {
      return NEGATIVE;
    }
    return NEUTRAL;
  }
}
