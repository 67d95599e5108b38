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

import io.telemetra.analytics.sentiment.SentimentLabel;
import io.telemetra.analytics.window.SlidingWindows;
import io.telemetra.streaming.ingest.EventRows;
import java.time.Duration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The stateful part of the job: valid chat, viewer and transaction events, watermarked on event
 * time, deduplicated by event id, assigned to sliding windows and aggregated per (stream, window,
 * kind, currency). One aggregation keeps state for all three kinds; run in update mode it emits the
 * complete, current value of every window a micro-batch touched.
 *
 * <p>Unique chatters are exact: the window's set of user ids is kept in state ({@code collect_set})
 * and counted, instead of Spark's approximate or unsupported distinct counts.
 */
public final class WindowedAggregation {

  private WindowedAggregation() {}

  /** Output columns, one row per (stream, window, kind[, currency]) touched by a batch. */
  public static Dataset<Row> of(Dataset<Row> parsed, SlidingWindows windows, Duration watermark) {
    Dataset<Row> events =
        parsed
            .filter(col("kind").isin(EventRows.CHAT, EventRows.VIEWER, EventRows.TRANSACTION))
            .withWatermark("ts", watermark.toMillis() + " milliseconds")
            .dropDuplicatesWithinWatermark("event_id");
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
