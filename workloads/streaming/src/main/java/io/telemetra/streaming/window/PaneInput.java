package io.telemetra.streaming.window;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Column;

/**
 * The columns of an event row ({@link io.telemetra.streaming.ingest.EventRows}) the panes read, in
 * this order: what is shuffled to them, instead of the whole decoded record with its raw bytes.
 */
final class PaneInput {

  static final int EVENT_ID = 0;
  static final int STREAM_ID = 1;
  static final int TS = 2;
  static final int KIND = 3;
  static final int USER_ID = 4;
  static final int SENTIMENT = 5;
  static final int SENTIMENT_LABEL = 6;
  static final int VIEWER_COUNT = 7;
  static final int AMOUNT = 8;
  static final int CURRENCY = 9;

  private static final List<String> NAMES =
      List.of(
          "event_id",
          "stream_id",
          "ts",
          "kind",
          "user_id",
          "sentiment",
          "sentiment_label",
          "viewer_count",
          "amount",
          "currency");

  private PaneInput() {}

  static Column[] columns() {
    return NAMES.stream().map(n -> col(n)).toArray(Column[]::new);
  }
}
