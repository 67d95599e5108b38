package io.telemetra.streaming;

import io.telemetra.streaming.GroundTruth.ChatRow;
import io.telemetra.streaming.GroundTruth.RevenueRow;
import io.telemetra.streaming.GroundTruth.TransactionRow;
import io.telemetra.streaming.GroundTruth.ViewerRow;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;

/** Reads what the job wrote to Postgres, in the shapes of {@link GroundTruth}. */
final class WrittenRows {

  private WrittenRows() {}

  static Set<ChatRow> chat(Connection c) throws SQLException {
    Set<ChatRow> rows = new HashSet<>();
    try (ResultSet rs =
        c.createStatement()
            .executeQuery(
                "SELECT stream_id, window_start, chat_count, unique_chatters, positive_count,"
                    + " neutral_count, negative_count, sentiment_mean, window_end - window_start"
                    + " = interval '60 seconds' FROM chat_summary_minute")) {
      while (rs.next()) {
        if (!rs.getBoolean(9)) {
          throw new AssertionError("window is not 60 s long");
        }
        rows.add(
            new ChatRow(
                rs.getString(1),
                instant(rs, 2),
                rs.getLong(3),
                rs.getLong(4),
                rs.getLong(5),
                rs.getLong(6),
                rs.getLong(7),
                GroundTruth.round(rs.getDouble(8))));
      }
    }
    return rows;
  }

  static Set<ViewerRow> viewers(Connection c) throws SQLException {
    Set<ViewerRow> rows = new HashSet<>();
    try (ResultSet rs =
        c.createStatement()
            .executeQuery(
                "SELECT stream_id, window_start, avg_viewers, min_viewers, max_viewers,"
                    + " last_viewers, sample_count FROM viewer_timeseries")) {
      while (rs.next()) {
        rows.add(
            new ViewerRow(
                rs.getString(1),
                instant(rs, 2),
                GroundTruth.round(rs.getDouble(3)),
                rs.getLong(4),
                rs.getLong(5),
                rs.getLong(6),
                rs.getLong(7)));
      }
    }
    return rows;
  }

  static Set<RevenueRow> revenue(Connection c) throws SQLException {
    Set<RevenueRow> rows = new HashSet<>();
    try (ResultSet rs =
        c.createStatement()
            .executeQuery(
                "SELECT stream_id, window_start, currency, transaction_count, amount_sum"
                    + " FROM revenue_summary_minute")) {
      while (rs.next()) {
        rows.add(
            new RevenueRow(
                rs.getString(1),
                instant(rs, 2),
                rs.getString(3),
                rs.getLong(4),
                rs.getBigDecimal(5).stripTrailingZeros()));
      }
    }
    return rows;
  }

  static Set<TransactionRow> transactions(Connection c) throws SQLException {
    Set<TransactionRow> rows = new HashSet<>();
    try (ResultSet rs =
        c.createStatement()
            .executeQuery(
                "SELECT event_id, stream_id, ts, user_id, type, amount, currency"
                    + " FROM transactions")) {
      while (rs.next()) {
        rows.add(
            new TransactionRow(
                rs.getString(1),
                rs.getString(2),
                instant(rs, 3),
                rs.getString(4),
                rs.getString(5),
                rs.getBigDecimal(6).stripTrailingZeros(),
                rs.getString(7)));
      }
    }
    return rows;
  }

  static long count(Connection c, String sql) throws SQLException {
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }
}
