package io.telemetra.streaming.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.telemetra.analytics.moments.DetectedMoment;
import io.telemetra.analytics.moments.MomentDetector;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The moments table is a pure function of the final window tables, whatever the batch boundaries:
 * window rows are written in "batches" (one transaction each, then {@link MomentStore#evaluate}
 * with the windows the batch wrote, as {@link WindowSink} does), where a later batch changes only a
 * history window of an earlier one. The table must then equal what the detector computes from the
 * final window rows alone.
 */
class MomentStoreIT {

  private static final Duration SLIDE = Duration.ofSeconds(10);
  private static final SlidingWindows WINDOWS = new SlidingWindows(Duration.ofSeconds(60), SLIDE);
  private static final MomentDetector DETECTOR = new MomentDetector(WINDOWS, 3.0, 30);
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private static final int TARGET = 40;

  @RegisterExtension static final MigratedDatabases databases = new MigratedDatabases();

  private final MomentStore store = new MomentStore(WINDOWS, DETECTOR);
  private String url;
  private long batchId;

  @BeforeEach
  void freshDatabase() throws SQLException {
    url = databases.fresh("moments");
  }

  private static Instant at(int slot) {
    return T0.plus(SLIDE.multipliedBy(slot));
  }

  /** Steady chat (20 a window) in slots 0..TARGET-1 and 40 messages in the target window. */
  private Batch steadyChatUpToATarget() {
    Batch b = new Batch();
    for (int slot = 0; slot < TARGET; slot++) {
      b.chat("s", slot, 20);
    }
    b.chat("s", TARGET, 40);
    return b;
  }

  @Test
  void aMomentAppearsWhenALaterBatchCalmsItsHistory() throws SQLException {
    write(steadyChatUpToATarget().chat("s", TARGET - 1, 100));
    assertThat(chatScore(TARGET)).isNull();

    write(new Batch().chat("s", TARGET - 1, 20));

    assertThat(chatScore(TARGET)).isEqualTo(20.0);
    assertMomentsAreThoseOfTheFinalWindowTables();
  }

  @Test
  void aMomentDisappearsWhenALaterBatchRaisesItsHistory() throws SQLException {
    write(steadyChatUpToATarget());
    assertThat(chatScore(TARGET)).isEqualTo(20.0);

    write(new Batch().chat("s", TARGET - 1, 100));

    assertThat(chatScore(TARGET)).isNull();
    assertMomentsAreThoseOfTheFinalWindowTables();
  }

  @Test
  void aMomentsScoreFollowsAChangedHistoryWindow() throws SQLException {
    write(steadyChatUpToATarget());
    assertThat(chatScore(TARGET)).isEqualTo(20.0);

    write(new Batch().chat("s", TARGET - 10, 26));

    // baseline: 29 windows of 20 and one of 26: mean 20.2, stddev sqrt(1.16) > floor 1.01
    assertThat(chatScore(TARGET)).isCloseTo(19.8 / Math.sqrt(1.16), within(1e-9));
    assertMomentsAreThoseOfTheFinalWindowTables();
  }

  /**
   * The farthest dependency: the viewer change of the oldest baseline position (30 slides back)
   * needs the last viewer count 31 slides back ({@link MomentDetector#lookbackSlides()}).
   */
  @Test
  void theViewerChangeOfTheOldestBaselinePositionReachesLookbackSlidesBack() throws SQLException {
    Batch first = new Batch();
    for (int slot = 0; slot < TARGET; slot++) {
      first.viewers("s", slot, 1000);
    }
    write(first.viewers("s", TARGET, 1010));
    assertThat(score("s", TARGET, "viewer_spike")).isEqualTo(10.0);

    int oldest = TARGET - DETECTOR.lookbackSlides();
    write(new Batch().viewers("s", oldest, 4000));

    assertThat(score("s", TARGET, "viewer_spike")).isNull();
    assertMomentsAreThoseOfTheFinalWindowTables();
  }

  /**
   * Random window tables of three streams with occasional spikes and gaps, written in random
   * batches that revisit earlier windows (as out-of-order events within the watermark do).
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void anyBatchingEndsInTheMomentsOfTheFinalWindowTables(long seed) throws SQLException {
    Random random = new Random(seed);
    List<Batch> batches = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      batches.add(new Batch());
    }
    for (String stream : List.of("a", "b", "c")) {
      for (int slot = 0; slot < 90; slot++) {
        if (random.nextInt(10) == 0) {
          continue; // a gap: the stream sent nothing in this window
        }
        int writes = 1 + random.nextInt(3); // the window's row is written up to three times
        for (int w = 0; w < writes; w++) {
          boolean spike = random.nextInt(12) == 0;
          Batch b = batches.get(Math.min(11, slot / 8 + random.nextInt(4)));
          b.chat(stream, slot, spike ? 200 + random.nextInt(100) : 20 + random.nextInt(5));
          b.viewers(stream, slot, spike ? 5000 : 1000 + random.nextInt(20));
          if (random.nextBoolean()) {
            b.revenue(stream, slot, "USD", spike ? "300.00" : "5.00");
          }
        }
      }
    }
    for (Batch b : batches) {
      write(b);
    }
    assertThat(count("SELECT count(*) FROM moments")).isPositive();
    assertMomentsAreThoseOfTheFinalWindowTables();
  }

  /** One batch's window rows: the latest write of each row wins, as in the real sink. */
  private static final class Batch {
    private final List<String> statements = new ArrayList<>();
    private final List<Object[]> parameters = new ArrayList<>();
    private final Map<String, Set<Instant>> touched = new TreeMap<>();

    Batch chat(String stream, int slot, long count) {
      return row(
          "INSERT INTO chat_summary_minute (stream_id, window_start, window_end, chat_count,"
              + " unique_chatters, batch_id) VALUES (?, ?, ?, ?, 0, 0)"
              + " ON CONFLICT (stream_id, window_start, window_end)"
              + " DO UPDATE SET chat_count = EXCLUDED.chat_count",
          stream,
          slot,
          count);
    }

    Batch viewers(String stream, int slot, long last) {
      return row(
          "INSERT INTO viewer_timeseries (stream_id, window_start, window_end, avg_viewers,"
              + " min_viewers, max_viewers, last_viewers, sample_count, batch_id)"
              + " VALUES (?, ?, ?, 0, 0, 100000, ?, 1, 0)"
              + " ON CONFLICT (stream_id, window_start, window_end)"
              + " DO UPDATE SET last_viewers = EXCLUDED.last_viewers",
          stream,
          slot,
          last);
    }

    Batch revenue(String stream, int slot, String currency, String amount) {
      return row(
          "INSERT INTO revenue_summary_minute (stream_id, window_start, window_end, currency,"
              + " transaction_count, amount_sum, batch_id) VALUES (?, ?, ?, ?, 1, ?, 0)"
              + " ON CONFLICT (stream_id, window_start, window_end, currency)"
              + " DO UPDATE SET amount_sum = EXCLUDED.amount_sum",
          stream,
          slot,
          currency,
          new BigDecimal(amount));
    }

    private Batch row(String sql, String stream, int slot, Object... values) {
      Object[] p = new Object[3 + values.length];
      p[0] = stream;
      p[1] = SinkDatabase.utc(at(slot));
      p[2] = SinkDatabase.utc(WINDOWS.endOf(at(slot)));
      System.arraycopy(values, 0, p, 3, values.length);
      statements.add(sql);
      parameters.add(p);
      touched.computeIfAbsent(stream, k -> new TreeSet<>()).add(at(slot));
      return this;
    }
  }

  /** One micro-batch: its rows and the moment evaluation in one transaction, as the sink does. */
  private void write(Batch b) throws SQLException {
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      for (int i = 0; i < b.statements.size(); i++) {
        try (PreparedStatement s = c.prepareStatement(b.statements.get(i))) {
          Object[] p = b.parameters.get(i);
          for (int j = 0; j < p.length; j++) {
            s.setObject(j + 1, p[j]);
          }
          s.executeUpdate();
        }
      }
      store.evaluate(c, b.touched, ++batchId);
      c.commit();
    }
  }

  /**
   * The oracle: every window of the final tables judged by the detector against the full final
   * history, read here independently of {@link MomentStore}.
   */
  private void assertMomentsAreThoseOfTheFinalWindowTables() throws SQLException {
    Map<String, StreamHistory> histories = new HashMap<>();
    Map<String, Set<Instant>> starts = new TreeMap<>();
    try (Connection c = connect()) {
      read(
          c,
          "SELECT stream_id, window_start, chat_count FROM chat_summary_minute",
          (h, rs) -> h.chat(instant(rs, 2), rs.getLong(3)),
          histories,
          starts);
      read(
          c,
          "SELECT stream_id, window_start, last_viewers FROM viewer_timeseries",
          (h, rs) -> h.viewers(instant(rs, 2), rs.getLong(3)),
          histories,
          starts);
      read(
          c,
          "SELECT stream_id, window_start, currency, amount_sum FROM revenue_summary_minute",
          (h, rs) -> h.revenue(instant(rs, 2), rs.getString(3), rs.getBigDecimal(4)),
          histories,
          starts);
    }
    List<String> expected = new ArrayList<>();
    for (var e : starts.entrySet()) {
      for (Instant start : e.getValue()) {
        for (DetectedMoment m : DETECTOR.detect(e.getKey(), start, histories.get(e.getKey()))) {
          expected.add(
              String.join(
                  " ",
                  m.streamId(),
                  m.windowStart().toString(),
                  m.windowEnd().toString(),
                  m.kind().dbName(),
                  Double.toString(m.score()),
                  BigDecimal.valueOf(m.value()).toPlainString(),
                  BigDecimal.valueOf(m.baselineMean()).toPlainString(),
                  BigDecimal.valueOf(m.baselineStddev()).toPlainString(),
                  Integer.toString(m.historyWindows()),
                  String.valueOf(m.currency())));
        }
      }
    }
    List<String> actual = new ArrayList<>();
    try (Connection c = connect();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT stream_id, window_start, window_end, kind, score, value,"
                        + " baseline_mean, baseline_stddev, details->>'history_windows',"
                        + " coalesce(details->>'currency', 'null') FROM moments")) {
      while (rs.next()) {
        actual.add(
            String.join(
                " ",
                rs.getString(1),
                instant(rs, 2).toString(),
                instant(rs, 3).toString(),
                rs.getString(4),
                Double.toString(rs.getDouble(5)),
                rs.getBigDecimal(6).toPlainString(),
                rs.getBigDecimal(7).toPlainString(),
                rs.getBigDecimal(8).toPlainString(),
                rs.getString(9),
                rs.getString(10)));
      }
    }
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
  }

  private interface RowReader {
    void read(StreamHistory history, ResultSet rs) throws SQLException;
  }

  private static void read(
      Connection c,
      String select,
      RowReader reader,
      Map<String, StreamHistory> histories,
      Map<String, Set<Instant>> starts)
      throws SQLException {
    try (ResultSet rs = c.createStatement().executeQuery(select)) {
      while (rs.next()) {
        reader.read(histories.computeIfAbsent(rs.getString(1), k -> new StreamHistory()), rs);
        starts.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(instant(rs, 2));
      }
    }
  }

  private Double chatScore(int slot) throws SQLException {
    return score("s", slot, "chat_spike");
  }

  private Double score(String stream, int slot, String kind) throws SQLException {
    try (Connection c = connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT score FROM moments WHERE stream_id = ? AND window_start = ? AND kind = ?")) {
      s.setString(1, stream);
      s.setObject(2, SinkDatabase.utc(at(slot)));
      s.setString(3, kind);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getDouble(1) : null;
      }
    }
  }

  private long count(String sql) throws SQLException {
    try (Connection c = connect();
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private Connection connect() throws SQLException {
    return databases.connect(url);
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }
}
