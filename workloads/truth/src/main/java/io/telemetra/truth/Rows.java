package io.telemetra.truth;

import java.math.BigDecimal;
import java.time.Instant;

/** The rows compared between the ground truth and what the pipeline wrote, one record per table. */
public final class Rows {

  private Rows() {}

  /** chat_summary_minute; the sentiment mean is rounded to 1e-9. */
  public record Chat(
      String stream,
      Instant start,
      long count,
      long unique,
      long positive,
      long neutral,
      long negative,
      double sentimentMean) {}

  /** viewer_timeseries; the average is rounded to 1e-9. */
  public record Viewers(
      String stream, Instant start, double avg, long min, long max, long last, long samples) {}

  /** revenue_summary_minute; the sum without trailing zeros. */
  public record Revenue(
      String stream, Instant start, String currency, long count, BigDecimal sum) {}

  /** transactions. */
  public record Transaction(
      String eventId,
      String stream,
      Instant ts,
      String user,
      String type,
      BigDecimal amount,
      String currency) {}

  /** moments; score and value rounded to 1e-6, currency null unless a revenue spike. */
  public record Moment(
      String stream, Instant start, String kind, double score, double value, String currency) {}

  /** A dead letter, by the source record it stands for. */
  public record DeadLetter(String topic, int partition, long offset, String reason) {}

  public static double round9(double v) {
    return Math.round(v * 1e9) / 1e9;
  }

  public static double round6(double v) {
    return Math.round(v * 1e6) / 1e6;
  }
}
