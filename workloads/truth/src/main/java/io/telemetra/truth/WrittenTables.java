package io.telemetra.truth;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;

/** What the pipeline wrote to PostgreSQL, in the shapes of {@link Rows}. */
public final class WrittenTables {

  private final Connection c;

  public WrittenTables(Connection c) {
    this.c = c;
  }

  private interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private <T> Set<T> read(String sql, RowMapper<T> mapper) throws SQLException {
    Set<T> rows = new HashSet<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(mapper.map(rs));
      }
    }
    return rows;
  }

  public Set<Rows.Chat> chat() throws SQLException {
    return read(
        "SELECT stream_id, window_start, chat_count, unique_chatters, positive_count,"
            + " neutral_count, negative_count, sentiment_mean FROM chat_summary_minute",
        rs ->
            new Rows.Chat(
                rs.getString(1),
                instant(rs, 2),
                rs.getLong(3),
                rs.getLong(4),
                rs.getLong(5),
                rs.getLong(6),
                rs.getLong(7),
                Rows.round9(rs.getDouble(8))));
  }

  public Set<Rows.Viewers> viewers() throws SQLException {
    return read(
        "SELECT stream_id, window_start, avg_viewers, min_viewers, max_viewers, last_viewers,"
            + " sample_count FROM viewer_timeseries",
        rs ->
            new Rows.Viewers(
                rs.getString(1),
                instant(rs, 2),
                Rows.round9(rs.getDouble(3)),
                rs.getLong(4),
                rs.getLong(5),
                rs.getLong(6),
                rs.getLong(7)));
  }

  public Set<Rows.Revenue> revenue() throws SQLException {
    return read(
        "SELECT stream_id, window_start, currency, transaction_count, amount_sum"
            + " FROM revenue_summary_minute",
        rs ->
            new Rows.Revenue(
                rs.getString(1),
                instant(rs, 2),
                rs.getString(3),
                rs.getLong(4),
                rs.getBigDecimal(5).stripTrailingZeros()));
  }

  public Set<Rows.Transaction> transactions() throws SQLException {
    return read(
        "SELECT event_id, stream_id, ts, user_id, type, amount, currency FROM transactions",
        rs ->
            new Rows.Transaction(
                rs.getString(1),
                rs.getString(2),
                instant(rs, 3),
                rs.getString(4),
                rs.getString(5),
                rs.getBigDecimal(6).stripTrailingZeros(),
                rs.getString(7)));
  }

  public Set<Rows.Moment> moments() throws SQLException {
    return read(
        "SELECT stream_id, window_start, kind, score, value, details->>'currency' FROM moments",
        rs ->
            new Rows.Moment(
                rs.getString(1),
                instant(rs, 2),
                rs.getString(3),
                Rows.round6(rs.getDouble(4)),
                Rows.round6(rs.getDouble(5)),
                rs.getString(6)));
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }
}
