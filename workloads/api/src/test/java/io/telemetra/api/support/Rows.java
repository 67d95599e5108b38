package io.telemetra.api.support;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Inserts rows the way the streaming job writes them, and NOTIFYs like it does. */
public final class Rows {

  private static final AtomicLong IDS = new AtomicLong();

  private final String url;
  private final String user;
  private final String password;

  public Rows(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  /** A stream id no other test uses. */
  public static String uniqueStreamId(String prefix) {
    return prefix + "-" + ProcessHandle.current().pid() + "-" + IDS.incrementAndGet();
  }

  public void stream(String id, String status, Instant statusChangedAt) {
    update(
        """
        INSERT INTO streams (stream_id, title, category, streamer, status, status_changed_at,
                             last_event_at)
        VALUES (?, ?, 'Just Chatting', ?, ?, ?, ?)
        ON CONFLICT (stream_id) DO UPDATE SET status = EXCLUDED.status,
          status_changed_at = EXCLUDED.status_changed_at, last_event_at = EXCLUDED.last_event_at
        """,
        id,
        "Title of " + id,
        "streamer-" + id,
        status,
        Timestamp.from(statusChangedAt),
        Timestamp.from(statusChangedAt));
  }

  public void chat(
      String id, Instant start, long count, long unique, Double sentiment, long batch) {
    update(
        """
        INSERT INTO chat_summary_minute (stream_id, window_start, window_end, chat_count,
          unique_chatters, sentiment_mean, positive_count, neutral_count, negative_count, batch_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (stream_id, window_start, window_end) DO UPDATE SET
          chat_count = EXCLUDED.chat_count, unique_chatters = EXCLUDED.unique_chatters,
          sentiment_mean = EXCLUDED.sentiment_mean, batch_id = EXCLUDED.batch_id
        """,
        id,
        Timestamp.from(start),
        Timestamp.from(start.plusSeconds(60)),
        count,
        unique,
        sentiment,
        count / 2,
        count - count / 2 - count / 4,
        count / 4,
        batch);
  }

  public void viewers(
      String id, Instant start, double avg, long min, long max, long last, long batch) {
    update(
        """
        INSERT INTO viewer_timeseries (stream_id, window_start, window_end, avg_viewers,
          min_viewers, max_viewers, last_viewers, sample_count, batch_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, 6, ?)
        ON CONFLICT (stream_id, window_start, window_end) DO UPDATE SET
          avg_viewers = EXCLUDED.avg_viewers, last_viewers = EXCLUDED.last_viewers,
          batch_id = EXCLUDED.batch_id
        """,
        id,
        Timestamp.from(start),
        Timestamp.from(start.plusSeconds(60)),
        avg,
        min,
        max,
        last,
        batch);
  }

  public void revenue(String id, Instant start, String currency, long n, String sum, long batch) {
    update(
        """
        INSERT INTO revenue_summary_minute (stream_id, window_start, window_end, currency,
          transaction_count, amount_sum, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?)
        """,
        id,
        Timestamp.from(start),
        Timestamp.from(start.plusSeconds(60)),
        currency,
        n,
        new BigDecimal(sum),
        batch);
  }

  public void transaction(String id, Instant ts, String type, String amount, String currency) {
    update(
        """
        INSERT INTO transactions (event_id, stream_id, ts, user_id, type, amount, currency, batch_id)
        VALUES (?, ?, ?, 'u1', ?, ?, ?, 1)
        """,
        uniqueStreamId("tx"),
        id,
        Timestamp.from(ts),
        type,
        new BigDecimal(amount),
        currency);
  }

  public void moment(String id, Instant start, String kind, double score, long batch) {
    update(
        """
        INSERT INTO moments (stream_id, window_start, window_end, kind, score, value,
          baseline_mean, baseline_stddev, batch_id) VALUES (?, ?, ?, ?, ?, 120, 20, 10, ?)
        """,
        id,
        Timestamp.from(start),
        Timestamp.from(start.plusSeconds(60)),
        kind,
        score,
        batch);
  }

  /** {@code count} chat windows 10 s apart, the last starting at {@code lastStart}, in one go. */
  public void chatSeries(String id, Instant lastStart, int count, long batch) {
    update(
        """
        INSERT INTO chat_summary_minute (stream_id, window_start, window_end, chat_count,
          unique_chatters, sentiment_mean, positive_count, neutral_count, negative_count, batch_id)
        SELECT ?, ws, ws + interval '60 seconds', 40, 20, 0.1, 10, 20, 10, ?
        FROM generate_series(CAST(? AS timestamptz) - (? - 1) * interval '10 seconds',
                             CAST(? AS timestamptz), interval '10 seconds') AS ws
        ON CONFLICT DO NOTHING
        """,
        id,
        batch,
        Timestamp.from(lastStart),
        count,
        Timestamp.from(lastStart));
  }

  /** NOTIFY telemetra_updates with the payload the streaming job sends. */
  public void notifyUpdate(String payload) {
    update("SELECT pg_notify('telemetra_updates', ?)", payload);
  }

  public void update(String sql, Object... args) {
    try (Connection c = DriverManager.getConnection(url, user, password);
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      s.execute();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
