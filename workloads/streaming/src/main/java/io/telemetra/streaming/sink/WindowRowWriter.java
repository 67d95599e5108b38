package io.telemetra.streaming.sink;

import io.telemetra.streaming.ingest.EventRows;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Upserts the window rows of one micro-batch into chat_summary_minute, viewer_timeseries and
 * revenue_summary_minute, keyed by (stream, window[, currency]). Each row carries the window's
 * complete value, so writing it again is harmless.
 */
final class WindowRowWriter {

  private static final String CHAT =
      "INSERT INTO chat_summary_minute (stream_id, window_start, window_end, chat_count,"
          + " unique_chatters, sentiment_mean, positive_count, neutral_count, negative_count,"
          + " batch_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())"
          + " ON CONFLICT (stream_id, window_start, window_end) DO UPDATE SET"
          + " chat_count = EXCLUDED.chat_count, unique_chatters = EXCLUDED.unique_chatters,"
          + " sentiment_mean = EXCLUDED.sentiment_mean, positive_count = EXCLUDED.positive_count,"
          + " neutral_count = EXCLUDED.neutral_count, negative_count = EXCLUDED.negative_count,"
          + " batch_id = EXCLUDED.batch_id, updated_at = now()";

  private static final String VIEWERS =
      "INSERT INTO viewer_timeseries (stream_id, window_start, window_end, avg_viewers,"
          + " min_viewers, max_viewers, last_viewers, sample_count, batch_id, updated_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now())"
          + " ON CONFLICT (stream_id, window_start, window_end) DO UPDATE SET"
          + " avg_viewers = EXCLUDED.avg_viewers, min_viewers = EXCLUDED.min_viewers,"
          + " max_viewers = EXCLUDED.max_viewers, last_viewers = EXCLUDED.last_viewers,"
          + " sample_count = EXCLUDED.sample_count, batch_id = EXCLUDED.batch_id,"
          + " updated_at = now()";

  private static final String REVENUE =
      "INSERT INTO revenue_summary_minute (stream_id, window_start, window_end, currency,"
          + " transaction_count, amount_sum, batch_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?,"
          + " now()) ON CONFLICT (stream_id, window_start, window_end, currency) DO UPDATE SET"
          + " transaction_count = EXCLUDED.transaction_count, amount_sum = EXCLUDED.amount_sum,"
          + " batch_id = EXCLUDED.batch_id, updated_at = now()";

  private WindowRowWriter() {}

  static void write(Connection c, List<Row> rows, long batchId) throws SQLException {
    try (PreparedStatement chat = c.prepareStatement(CHAT);
        PreparedStatement viewers = c.prepareStatement(VIEWERS);
        PreparedStatement revenue = c.prepareStatement(REVENUE)) {
      for (Row r : rows) {
        String kind = r.getAs("kind");
        PreparedStatement s;
        int i;
        if (EventRows.CHAT.equals(kind)) {
          s = chat;
          i = key(s, r);
          long count = r.<Long>getAs("event_count");
          s.setLong(i++, count);
          s.setLong(i++, r.<Integer>getAs("unique_chatters"));
          Double sentimentSum = r.getAs("sentiment_sum");
          if (sentimentSum == null) {
            s.setNull(i++, Types.DOUBLE);
          } else {
            s.setDouble(i++, Math.max(-1.0, Math.min(1.0, sentimentSum / count)));
          }
          s.setLong(i++, r.<Long>getAs("positive_count"));
          s.setLong(i++, r.<Long>getAs("neutral_count"));
          s.setLong(i++, r.<Long>getAs("negative_count"));
        } else if (EventRows.VIEWER.equals(kind)) {
          s = viewers;
          i = key(s, r);
          long count = r.<Long>getAs("event_count");
          s.setDouble(i++, (double) r.<Long>getAs("viewer_sum") / count);
          s.setLong(i++, r.<Long>getAs("viewer_min"));
          s.setLong(i++, r.<Long>getAs("viewer_max"));
          s.setLong(i++, r.<Long>getAs("viewer_last"));
          s.setLong(i++, count);
        } else {
          s = revenue;
          i = key(s, r);
          s.setString(i++, r.getAs("currency"));
          s.setLong(i++, r.<Long>getAs("event_count"));
          s.setBigDecimal(i++, ((BigDecimal) r.getAs("amount_sum")).stripTrailingZeros());
        }
        s.setLong(i, batchId);
        s.addBatch();
      }
      chat.executeBatch();
      viewers.executeBatch();
      revenue.executeBatch();
    }
  }

  private static int key(PreparedStatement s, Row r) throws SQLException {
    s.setString(1, r.getAs("stream_id"));
    s.setObject(2, SinkDatabase.utc((Timestamp) r.getAs("window_start")));
    s.setObject(3, SinkDatabase.utc((Timestamp) r.getAs("window_end")));
    return 4;
  }
}
