package io.telemetra.streaming.sink;

import io.telemetra.analytics.moments.DetectedMoment;
import io.telemetra.analytics.moments.MomentDetector;
import io.telemetra.analytics.moments.MomentKind;
import io.telemetra.analytics.moments.StreamHistory;
import io.telemetra.analytics.window.SlidingWindows;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Keeps the moments table a pure function of the window tables. A window's moments depend on its
 * own values and on the stream's {@link MomentDetector#lookbackSlides()} preceding window
 * positions, so after a batch changes some windows this re-evaluates those windows and every later
 * window of the same stream within that many slides that has data, against history read from
 * Postgres inside the batch's transaction (so it includes the batch's own rows). Evaluating only
 * the changed windows would leave a later window judged against a history that an out-of-order
 * event, or a later batch reading an earlier time range, has since changed. Reading history from
 * the database keeps detection exact and restart-safe without extra Spark state.
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

  /**
   * Re-evaluates the {@code touched} windows (stream to starts) and the later windows whose history
   * they are; upserts the moments found and deletes stored ones that no longer hold. Returns the
   * number of moments now present among the evaluated windows.
   */
  int evaluate(Connection c, Map<String, Set<Instant>> touched, long batchId) throws SQLException {
    if (touched.isEmpty()) {
      return 0;
    }
    Instant first = Instant.MAX;
    Instant last = Instant.MIN;
    for (Set<Instant> starts : touched.values()) {
      for (Instant s : starts) {
        first = s.isBefore(first) ? s : first;
        last = s.isAfter(last) ? s : last;
      }
    }
    Duration lookback = windows.slide().multipliedBy(detector.lookbackSlides());
    Map<String, StreamHistory> histories =
        load(c, touched.keySet(), first.minus(lookback), last.plus(lookback));
    Set<StoredMoment> stored = stored(c, touched.keySet(), first, last.plus(lookback));
    int found = 0;
    try (PreparedStatement upsert = c.prepareStatement(UPSERT);
        PreparedStatement delete = c.prepareStatement(DELETE)) {
      for (var entry : touched.entrySet()) {
        String stream = entry.getKey();
        StreamHistory history = histories.getOrDefault(stream, new StreamHistory());
        for (Instant start : affected(entry.getValue(), history)) {
          Set<MomentKind> absent = EnumSet.allOf(MomentKind.class);
          for (DetectedMoment m : detector.detect(stream, start, history)) {
            absent.remove(m.kind());
            bindUpsert(upsert, m, batchId);
            upsert.addBatch();
            found++;
          }
          for (MomentKind kind : absent) {
            if (stored.contains(new StoredMoment(stream, start, kind.dbName()))) {
              delete.setString(1, stream);
              delete.setObject(2, SinkDatabase.utc(start));
              delete.setObject(3, SinkDatabase.utc(windows.endOf(start)));
              delete.setString(4, kind.dbName());
              delete.addBatch();
            }
          }
        }
      }
      delete.executeBatch();
      upsert.executeBatch();
    }
    return found;
  }

  /**
   * The touched starts plus, for each, the starts up to {@link MomentDetector#lookbackSlides()}
   * slides later where the stream has data (a window without data has no moment and no row).
   */
  private SortedSet<Instant> affected(Set<Instant> touched, StreamHistory history) {
    SortedSet<Instant> affected = new TreeSet<>(touched);
    for (Instant start : touched) {
      Instant later = start;
      for (int k = 1; k <= detector.lookbackSlides(); k++) {
        later = later.plus(windows.slide());
        if (history.hasData(later)) {
          affected.add(later);
        }
      }
    }
    return affected;
  }

  /** A row already in the moments table, so that only rows that exist are deleted. */
  private record StoredMoment(String streamId, Instant windowStart, String kind) {}

  private static Set<StoredMoment> stored(
      Connection c, Set<String> streams, Instant from, Instant to) throws SQLException {
    Set<StoredMoment> stored = new HashSet<>();
    inRange(
        c,
        "SELECT stream_id, window_start, kind FROM moments",
        streams,
        from,
        to,
        rs -> stored.add(new StoredMoment(rs.getString(1), instant(rs, 2), rs.getString(3))));
    return stored;
  }

  private void bindUpsert(PreparedStatement s, DetectedMoment m, long batchId) throws SQLException {
    s.setString(1, m.streamId());
    s.setObject(2, SinkDatabase.utc(m.windowStart()));
    s.setObject(3, SinkDatabase.utc(m.windowEnd()));
    s.setString(4, m.kind().dbName());
    s.setDouble(5, m.score());
    s.setBigDecimal(6, BigDecimal.valueOf(m.value()));
    s.setBigDecimal(7, BigDecimal.valueOf(m.baselineMean()));
    s.setBigDecimal(8, BigDecimal.valueOf(m.baselineStddev()));
    s.setString(9, details(m));
    s.setLong(10, batchId);
  }

  private String details(DetectedMoment m) {
    var json = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
    json.put("metric", m.kind().metric());
    json.put("threshold", detector.threshold());
    json.put("history_windows", m.historyWindows());
    if (m.currency() != null) {
      json.put("currency", m.currency());
    }
    return json.toString();
  }

  private static Map<String, StreamHistory> load(
      Connection c, Set<String> streams, Instant from, Instant to) throws SQLException {
    Map<String, StreamHistory> histories = new HashMap<>();
    inRange(
        c,
        "SELECT stream_id, window_start, chat_count FROM chat_summary_minute",
        streams,
        from,
        to,
        rs -> history(histories, rs).chat(instant(rs, 2), rs.getLong(3)));
    inRange(
        c,
        "SELECT stream_id, window_start, last_viewers FROM viewer_timeseries",
        streams,
        from,
        to,
        rs -> history(histories, rs).viewers(instant(rs, 2), rs.getLong(3)));
    inRange(
        c,
        "SELECT stream_id, window_start, currency, amount_sum FROM revenue_summary_minute",
        streams,
        from,
        to,
        rs -> history(histories, rs).revenue(instant(rs, 2), rs.getString(3), rs.getBigDecimal(4)));
    return histories;
  }

  private static StreamHistory history(Map<String, StreamHistory> histories, ResultSet rs)
      throws SQLException {
    return histories.computeIfAbsent(rs.getString(1), k -> new StreamHistory());
  }

  private interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }

  /** Runs {@code select} (columns from stream_id, window_start) over the streams and range. */
  private static void inRange(
      Connection c, String select, Set<String> streams, Instant from, Instant to, RowReader reader)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(select + " WHERE stream_id = ANY(?) AND window_start BETWEEN ? AND ?")) {
      s.setArray(1, c.createArrayOf("text", streams.toArray()));
      s.setObject(2, SinkDatabase.utc(from));
      s.setObject(3, SinkDatabase.utc(to));
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          reader.read(rs);
        }
      }
    }
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  static List<String> sorted(Set<String> streams) {
    List<String> list = new ArrayList<>(streams);
    list.sort(null);
    return list;
  }
}
