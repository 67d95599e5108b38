package io.telemetra.streaming.window;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.window;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.telemetra.analytics.sentiment.SentimentLabel;
import io.telemetra.analytics.window.SlidingWindows;
import io.telemetra.streaming.config.WindowEngine;
import io.telemetra.streaming.ingest.EventRows;
import java.time.Duration;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.TimeMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The stateful part of the job: valid chat, viewer and transaction events, watermarked on event
 * time, deduplicated by event id, assigned to sliding windows and aggregated per (stream, window,
 * kind, currency). Run in update mode it emits the complete, current value of every window a
 * micro-batch touched, by one of two {@link WindowEngine}s: Spark's {@code window()} explode into
 * one aggregate, or {@link PaneWindows}.
 *
 * <p>Unique chatters are exact in both: the explode keeps each window's set of user ids in state
 * ({@code collect_set}) and counts it, the panes keep each user's panes.
 */
public final class WindowedAggregation {

  private WindowedAggregation() {}

  /** The rows of both engines: one per (stream, window, kind[, currency]) touched by a batch. */
  public static final StructType OUTPUT =
      new StructType()
          .add("stream_id", StringType, true)
          .add("window_start", TimestampType, true)
          .add("window_end", TimestampType, true)
          .add("kind", StringType, false)
          .add("currency", StringType, true)
          .add("event_count", LongType, false)
          .add("unique_chatters", IntegerType, false)
          .add("sentiment_sum", DoubleType, true)
          .add("positive_count", LongType, true)
          .add("neutral_count", LongType, true)
          .add("negative_count", LongType, true)
          .add("viewer_sum", LongType, true)
          .add("viewer_min", LongType, true)
          .add("viewer_max", LongType, true)
          .add("viewer_last", LongType, true)
          .add("amount_sum", DataTypes.createDecimalType(38, EventRows.AMOUNT_TYPE.scale()), true);

  /** The windows of {@code parsed}'s chat, viewer and transaction events, as {@link #OUTPUT}. */
  public static Dataset<Row> of(
      Dataset<Row> parsed, SlidingWindows windows, Duration watermark, WindowEngine engine) {
    Dataset<Row> events =
        parsed
            .filter(col("kind").isin(EventRows.CHAT, EventRows.VIEWER, EventRows.TRANSACTION))
            .withWatermark("ts", watermark.toMillis() + " milliseconds");
    return switch (engine) {
      case EXPLODE -> explode(events.dropDuplicatesWithinWatermark("event_id"), windows);
      case PANES -> panes(events, windows, watermark);
    };
  }

  /**
   * Panes aggregated once per event and merged per window, deduplicated by event id per stream
   * ({@link PaneWindows}).
   */
  static Dataset<Row> panes(Dataset<Row> events, SlidingWindows windows, Duration watermark) {
    return events
        .select(PaneInput.columns())
        .groupByKey(
            (MapFunction<Row, String>) e -> e.getString(PaneInput.STREAM_ID), Encoders.STRING())
        .transformWithState(
            new PaneWindows(windows, watermark),
            TimeMode.EventTime(),
            OutputMode.Update(),
            Encoders.row(OUTPUT));
  }

  /** Spark's sliding {@code window()}: every event exploded into each window containing it. */
  static Dataset<Row> explode(Dataset<Row> events, SlidingWindows windows) {
    Column isChat = col("kind").equalTo(EventRows.CHAT);
    return events
        .groupBy(
            col("stream_id"),
            window(
                    col("ts"),
                    windows.length().toMillis() + " milliseconds",
                    windows.slide().toMillis() + " milliseconds")
                .as("window"),
            col("kind"),
            col("currency"))
        .agg(
            count(lit(1)).as("event_count"),
            size(collect_set(when(isChat, col("user_id")))).as("unique_chatters"),
            sum(col("sentiment")).as("sentiment_sum"),
            labelCount(SentimentLabel.POSITIVE).as("positive_count"),
            labelCount(SentimentLabel.NEUTRAL).as("neutral_count"),
            labelCount(SentimentLabel.NEGATIVE).as("negative_count"),
            sum(col("viewer_count")).as("viewer_sum"),
            min(col("viewer_count")).as("viewer_min"),
            max(col("viewer_count")).as("viewer_max"),
            max_by(col("viewer_count"), struct(col("ts"), col("event_id"))).as("viewer_last"),
            sum(col("amount")).as("amount_sum"))
        .select(
            col("stream_id"),
            col("window.start").as("window_start"),
            col("window.end").as("window_end"),
            col("kind"),
            col("currency"),
            col("event_count"),
            col("unique_chatters"),
            col("sentiment_sum"),
            col("positive_count"),
            col("neutral_count"),
            col("negative_count"),
            col("viewer_sum"),
            col("viewer_min"),
            col("viewer_max"),
            col("viewer_last"),
            col("amount_sum"));
  }

  private static Column labelCount(SentimentLabel label) {
    return sum(when(col("sentiment_label").equalTo(label.ordinal()), 1L).otherwise(0L));
  }
}
