package io.telemetra.streaming.sink;

import io.telemetra.streaming.moments.Moment;
import io.telemetra.streaming.moments.MomentDetector;
import io.telemetra.streaming.moments.MomentKind;
import io.telemetra.streaming.moments.StreamHistory;
import io.telemetra.streaming.window.SlidingWindows;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates the windows a batch changed for moments against each stream's history in Postgres (read
 * inside the batch's transaction, so it includes the batch's own rows) and upserts or removes the
 * stream's moment rows accordingly. Reading history from the database keeps detection exact and
 * restart-safe without extra Spark state.
 */
final class MomentStore {

  private static final String UPSERT =
      "INSERT INTO moments (stream_id, window_start, window_end, kind, score, value,"
          + " baseline_mean, baseline_stddev, details, batch_id, detected_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, now())"
          + " ON CONFLICT (stream_id, window_start, window_end, kind) DO UPDATE SET"
          + " score = EXCLUDED.score, value = EXCLUDED.value,"
          + " baseline_mean = EXCLUDED.baseline_mean, baseline_stddev = EXCLUDED.baseline_stddev,"
          + " details = EXCLUDED.details, batch_id = EXCLUDED.batch_id";

  private static final String DELETE =
      "DELETE FROM moments WHERE stream_id = ? AND window_start = ? AND window_end = ?"
          + " AND kind = ?";

  private final SlidingWindows windows;
  private final MomentDetector detector;

  MomentStore(SlidingWindows windows, MomentDetector detector) {
    this.windows = windows;
    this.detector = detector;
  }

  /** Re-evaluates {@code touched} windows (stream to starts); returns the moments now present. */
  int evaluate(Connection c, Map<String, Set<Instant>> touched, long batchId) throws SQLException {
    if (touched.isEmpty()) {
      return 0;
    }
    Instant from = Instant.MAX;
    Instant to = Instant.MIN;
    for (Set<Instant> starts : touched.values()) {
      for (Instant s : starts) {
        from = s.isBefore(from) ? s : from;
        to = s.isAfter(to) ? s : to;
      }
    }
    from = from.minus(windows.slide().multipliedBy(detector.lookbackSlides()));
    Map<String, StreamHistory> histories = load(c, touched.keySet(), from, to);
    int found = 0;
    try (PreparedStatement upsert = c.prepareStatement(UPSERT);
        PreparedStatement delete = c.prepareStatement(DELETE)) {
      for (var entry : touched.entrySet()) {
        StreamHistory history = histories.getOrDefault(entry.getKey(), new StreamHistory());
        for (Instant start : entry.getValue()) {
          Set<MomentKind> absent = EnumSet.allOf(MomentKind.class);
          for (Moment m : detector.detect(entry.getKey(), start, history)) {
            absent.remove(m.kind());
            bindUpsert(upsert, m, batchId);
            upsert.addBatch();
            found++;
          }
          for (MomentKind kind : absent) {
            delete.setString(1, entry.getKey());
            delete.setObject(2, Postgres.utc(start));
            delete.setObject(3, Postgres.utc(windows.endOf(start)));
            delete.setString(4, kind.dbName());
            delete.addBatch();
          }
        }
      }
      delete.executeBatch();
      upsert.executeBatch();
    }
    return found;
  }

  private void bindUpsert(PreparedStatement s, Moment m, long batchId) throws SQLException {
    s.setString(1, m.streamId());
    s.setObject(2, Postgres.utc(m.windowStart()));
    s.setObject(3, Postgres.utc(m.windowEnd()));
    s.setString(4, m.kind().dbName());
    s.setDouble(5, m.score());
    s.setBigDecimal(6, BigDecimal.valueOf(m.value()));
    s.setBigDecimal(7, BigDecimal.valueOf(m.baselineMean()));
    s.setBigDecimal(8, BigDecimal.valueOf(m.baselineStddev()));
    s.setString(9, details(m));
    s.setLong(10, batchId);
  }

  private String details(Moment m) {
    var json = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    json.put("metric", m.kind().metric());
    json.put("threshold", detector.threshold());
    json.put("history_windows", m.historyWindows());
    if (m.currency() != null) {
      json.put("currency", m.currency());
    }
    return json.toString();
  }

  private Map<String, StreamHistory> load(
      Connection c, Set<String> streams, Instant from, Instant to) throws SQLException {
    Map<String, StreamHistory> histories = new HashMap<>();
    Object[] ids = streams.toArray();
    query(
        c,
        "SELECT stream_id, window_start, chat_count FROM chat_summary_minute",
        ids,
        from,
        to,
        (h, rs) -> h.chat(instant(rs, 2), rs.getLong(3)),
        histories);
    query(
        c,
        "SELECT stream_id, window_start, last_viewers FROM viewer_timeseries",
        ids,
        from,
        to,
        (h, rs) -> h.viewers(instant(rs, 2), rs.getLong(3)),
        histories);
    query(
        c,
        "SELECT stream_id, window_start, currency, amount_sum FROM revenue_summary_minute",
        ids,
        from,
        to,
        (h, rs) -> h.revenue(instant(rs, 2), rs.getString(3), rs.getBigDecimal(4)),
        histories);
    return histories;
  }

  private interface RowReader {
    void read(StreamHistory history, java.sql.ResultSet rs) throws SQLException;
  }

  private static void query(
      Connection c,
      String select,
      Object[] streams,
      Instant from,
      Instant to,
      RowReader reader,
      Map<String, StreamHistory> histories)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(select + " WHERE stream_id = ANY(?) AND window_start BETWEEN ? AND ?")) {
      s.setArray(1, c.createArrayOf("text", streams));
      s.setObject(2, Postgres.utc(from));
      s.setObject(3, Postgres.utc(to));
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          reader.read(histories.computeIfAbsent(rs.getString(1), k -> new StreamHistory()), rs);
        }
      }
    }
  }

  private static Instant instant(java.sql.ResultSet rs, int column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  static List<String> sorted(Set<String> streams) {
    List<String> list = new ArrayList<>(streams);
    list.sort(null);
    return list;
  }
}
