package io.telemetra.api.metrics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads windows from chat_summary_minute, viewer_timeseries and revenue_summary_minute, joined on
 * (stream, window_start, window_end) so one point carries all of a window's aggregates.
 */
@Repository
public class WindowRepository {

  /** How many of a stream's newest windows a batch lookup considers (2 hours at a 10 s slide). */
  static final int RECENT_WINDOWS = 720;

  private static final String POINT =
      """
      SELECT k.stream_id, k.window_start, k.window_end,
             c.chat_count, c.unique_chatters, c.sentiment_mean,
             c.positive_count, c.neutral_count, c.negative_count,
             v.avg_viewers, v.min_viewers, v.max_viewers, v.last_viewers,
             r.currency, r.transaction_count, r.amount_sum
      FROM k
      LEFT JOIN chat_summary_minute c ON c.stream_id = k.stream_id
           AND c.window_start = k.window_start AND c.window_end = k.window_end
      LEFT JOIN viewer_timeseries v ON v.stream_id = k.stream_id
           AND v.window_start = k.window_start AND v.window_end = k.window_end
      LEFT JOIN revenue_summary_minute r ON r.stream_id = k.stream_id
           AND r.window_start = k.window_start AND r.window_end = k.window_end
      ORDER BY k.stream_id, k.window_start, k.window_end, r.currency
      """;

  private static final String RANGE =
      """
      WITH k AS (
        SELECT stream_id, window_start, window_end FROM chat_summary_minute
         WHERE stream_id = :id AND window_start >= :from AND window_start < :to
        UNION
        SELECT stream_id, window_start, window_end FROM viewer_timeseries
         WHERE stream_id = :id AND window_start >= :from AND window_start < :to
        UNION
        SELECT stream_id, window_start, window_end FROM revenue_summary_minute
         WHERE stream_id = :id AND window_start >= :from AND window_start < :to)
      """
          + POINT;

  private static final String LATEST =
      """
      WITH k AS (
        SELECT i.stream_id, w.window_start, w.window_end
        FROM unnest(CAST(ARRAY[:ids] AS text[])) AS i(stream_id)
        CROSS JOIN LATERAL (
          SELECT u.window_start, u.window_end FROM (
            (SELECT window_start, window_end FROM chat_summary_minute x
              WHERE x.stream_id = i.stream_id ORDER BY window_end DESC LIMIT 1)
            UNION ALL
            (SELECT window_start, window_end FROM viewer_timeseries x
              WHERE x.stream_id = i.stream_id ORDER BY window_end DESC LIMIT 1)
            UNION ALL
            (SELECT window_start, window_end FROM revenue_summary_minute x
              WHERE x.stream_id = i.stream_id ORDER BY window_end DESC LIMIT 1)
          ) u ORDER BY u.window_end DESC, u.window_start DESC LIMIT 1) w)
      """
          + POINT;

  private static final String IN_BATCHES =
      """
      WITH ids AS (SELECT unnest(CAST(ARRAY[:ids] AS text[])) AS stream_id),
      k AS (
        SELECT i.stream_id, x.window_start, x.window_end FROM ids i CROSS JOIN LATERAL (
          SELECT window_start, window_end, batch_id FROM chat_summary_minute c
           WHERE c.stream_id = i.stream_id ORDER BY window_end DESC LIMIT :recent) x
         WHERE x.batch_id IN (:batches)
        UNION
        SELECT i.stream_id, x.window_start, x.window_end FROM ids i CROSS JOIN LATERAL (
          SELECT window_start, window_end, batch_id FROM viewer_timeseries v
           WHERE v.stream_id = i.stream_id ORDER BY window_end DESC LIMIT :recent) x
         WHERE x.batch_id IN (:batches)
        UNION
        SELECT i.stream_id, x.window_start, x.window_end FROM ids i CROSS JOIN LATERAL (
          SELECT window_start, window_end, batch_id FROM revenue_summary_minute r
           WHERE r.stream_id = i.stream_id ORDER BY window_end DESC LIMIT :recent) x
         WHERE x.batch_id IN (:batches))
      """
          + POINT;

  private static final String KNOWN =
      """
      SELECT EXISTS (SELECT 1 FROM streams WHERE stream_id = :id)
          OR EXISTS (SELECT 1 FROM chat_summary_minute WHERE stream_id = :id)
          OR EXISTS (SELECT 1 FROM viewer_timeseries WHERE stream_id = :id)
      """;

  private final NamedParameterJdbcTemplate jdbc;

  public WindowRepository(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The stream's windows starting in [from, to), oldest first. */
  public List<MetricsPoint> range(String streamId, Instant from, Instant to) {
    var params =
        new MapSqlParameterSource("id", streamId)
            .addValue("from", Timestamp.from(from))
            .addValue("to", Timestamp.from(to));
    return collect(jdbc.query(RANGE, params, WindowRepository::row))
        .getOrDefault(streamId, List.of());
  }

  /** The newest window of each given stream that has one. */
  public Map<String, MetricsPoint> latest(Collection<String> streamIds) {
    if (streamIds.isEmpty()) {
      return Map.of();
    }
    Map<String, List<MetricsPoint>> byStream =
        collect(
            jdbc.query(LATEST, new MapSqlParameterSource("ids", streamIds), WindowRepository::row));
    Map<String, MetricsPoint> latest = new LinkedHashMap<>();
    byStream.forEach((id, points) -> latest.put(id, points.get(points.size() - 1)));
    return latest;
  }

  /** The windows of the given streams written by the given micro-batches, oldest first. */
  public Map<String, List<MetricsPoint>> writtenBy(
      Collection<String> streamIds, Collection<Long> batchIds) {
    if (streamIds.isEmpty() || batchIds.isEmpty()) {
      return Map.of();
    }
    var params =
        new MapSqlParameterSource("ids", streamIds)
            .addValue("batches", batchIds)
            .addValue("recent", RECENT_WINDOWS);
    return collect(jdbc.query(IN_BATCHES, params, WindowRepository::row));
  }

  /** True if the stream is in the streams table or has any window. */
  public boolean isKnown(String streamId) {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(KNOWN, new MapSqlParameterSource("id", streamId), Boolean.class));
  }

  /** One joined row: a window, and at most one of its currencies. */
  private record Row(String streamId, MetricsPoint point, Revenue revenue) {}

  private static Row row(ResultSet rs, int n) throws SQLException {
    Instant start = rs.getTimestamp("window_start").toInstant();
    Instant end = rs.getTimestamp("window_end").toInstant();
    long chatCount = rs.getLong("chat_count");
    double minutes = Duration.between(start, end).toMillis() / 60_000.0;
    MetricsPoint point =
        new MetricsPoint(
            start,
            end,
            chatCount,
            minutes > 0 ? chatCount / minutes : 0.0,
            rs.getLong("unique_chatters"),
            nullableDouble(rs, "sentiment_mean"),
            rs.getLong("positive_count"),
            rs.getLong("neutral_count"),
            rs.getLong("negative_count"),
            nullableDouble(rs, "avg_viewers"),
            nullableLong(rs, "min_viewers"),
            nullableLong(rs, "max_viewers"),
            nullableLong(rs, "last_viewers"),
            List.of());
    String currency = rs.getString("currency");
    Revenue revenue =
        currency == null
            ? null
            : new Revenue(
                currency.strip(),
                rs.getLong("transaction_count"),
                rs.getBigDecimal("amount_sum").toPlainString());
    return new Row(rs.getString("stream_id"), point, revenue);
  }

  /** Folds rows (ordered by stream, window, currency) into points with their revenue lists. */
  private static Map<String, List<MetricsPoint>> collect(List<Row> rows) {
    Map<String, List<MetricsPoint>> byStream = new LinkedHashMap<>();
    MetricsPoint current = null;
    String currentStream = null;
    List<Revenue> revenue = new ArrayList<>();
    for (Row row : rows) {
      boolean same =
          current != null
              && row.streamId().equals(currentStream)
              && row.point().windowStart().equals(current.windowStart())
              && row.point().windowEnd().equals(current.windowEnd());
      if (!same) {
        flush(byStream, currentStream, current, revenue);
        current = row.point();
        currentStream = row.streamId();
        revenue = new ArrayList<>();
      }
      if (row.revenue() != null) {
        revenue.add(row.revenue());
      }
    }
    flush(byStream, currentStream, current, revenue);
    return byStream;
  }

  private static void flush(
      Map<String, List<MetricsPoint>> byStream,
      String streamId,
      MetricsPoint point,
      List<Revenue> revenue) {
    if (point == null) {
      return;
    }
    MetricsPoint complete =
        new MetricsPoint(
            point.windowStart(),
            point.windowEnd(),
            point.chatCount(),
            point.chatRatePerMin(),
            point.uniqueChatters(),
            point.sentimentMean(),
            point.positiveCount(),
            point.neutralCount(),
            point.negativeCount(),
            point.avgViewers(),
            point.minViewers(),
            point.maxViewers(),
            point.lastViewers(),
            List.copyOf(revenue));
    byStream.computeIfAbsent(streamId, id -> new ArrayList<>()).add(complete);
  }

  private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : value;
  }

  private static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }
}
