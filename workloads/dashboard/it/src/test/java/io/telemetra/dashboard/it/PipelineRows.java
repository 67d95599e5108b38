package io.telemetra.dashboard.it;

import io.telemetra.schema.Notifications;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Writes windows and moments the way the streaming job does, then NOTIFYs like it does. */
final class PipelineRows implements AutoCloseable {

  private final Connection connection;
  private long batchId = 1;

  PipelineRows(String url, String user, String password) throws SQLException {
    this.connection = DriverManager.getConnection(url, user, password);
  }

  long nextBatch() {
    return ++batchId;
  }

  void stream(String id, String title, String streamer, String status) throws SQLException {
    update(
        """
        INSERT INTO streams (stream_id, title, category, streamer, status, status_changed_at,
                             last_event_at)
        VALUES (?, ?, 'Speedrunning', ?, ?, now() - interval '2 hours', now())
        ON CONFLICT (stream_id) DO UPDATE SET status = EXCLUDED.status, last_event_at = now()
        """,
        id,
        title,
        streamer,
        status);
  }

  /** One 60-second window of chat and viewer aggregates starting at {@code start}. */
  void window(String id, Instant start, long chatCount, double sentiment, long viewers, long batch)
      throws SQLException {
    update(
        """
        INSERT INTO chat_summary_minute (stream_id, window_start, window_end, chat_count,
          unique_chatters, sentiment_mean, positive_count, neutral_count, negative_count, batch_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (stream_id, window_start, window_end) DO UPDATE SET
          chat_count = EXCLUDED.chat_count, sentiment_mean = EXCLUDED.sentiment_mean,
          batch_id = EXCLUDED.batch_id, updated_at = now()
        """,
        id,
        Timestamp.from(start),
        Timestamp.from(start.plusSeconds(60)),
        chatCount,
        chatCount / 3,
        sentiment,
        chatCount / 2,
        chatCount / 3,
        chatCount - chatCount / 2 - chatCount / 3,
        batch);
    update(
        """
        INSERT INTO viewer_timeseries (stream_id, window_start, window_end, avg_viewers,
          min_viewers, max_viewers, last_viewers, sample_count, batch_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, 6, ?)
        ON CONFLICT (stream_id, window_start, window_end) DO UPDATE SET
          avg_viewers = EXCLUDED.avg_viewers, last_viewers = EXCLUDED.last_viewers,
          batch_id = EXCLUDED.batch_id, updated_at = now()
        """,
        id,
        Timestamp.from(start),
        Timestamp.from(start.plusSeconds(60)),
        (double) viewers,
        viewers - 5,
        viewers + 5,
        viewers,
        batch);
  }

  void revenue(String id, Instant start, String currency, String amount, long batch)
      throws SQLException {
    update(
        """
        INSERT INTO revenue_summary_minute (stream_id, window_start, window_end, currency,
          transaction_count, amount_sum, batch_id) VALUES (?, ?, ?, ?, 2, ?, ?)
        """,
        id,
        Timestamp.from(start),
        Timestamp.from(start.plusSeconds(60)),
        currency,
        new BigDecimal(amount),
        batch);
  }

  void moment(String id, Instant start, String kind, String value, long batch) throws SQLException {
    update(
        """
        INSERT INTO moments (stream_id, window_start, window_end, kind, score, value,
          baseline_mean, baseline_stddev, batch_id)
        VALUES (?, ?, ?, ?, 5.2, ?, ?, ?, ?)
        """,
        id,
        Timestamp.from(start),
        Timestamp.from(start.plusSeconds(60)),
        kind,
        new BigDecimal(value),
        new BigDecimal(value).divide(BigDecimal.valueOf(4)),
        new BigDecimal(value).divide(BigDecimal.valueOf(20)),
        batch);
  }

  /** What the streaming job says after committing a micro-batch. */
  void notifyCommitted(long batch, String streamId, int moments) throws SQLException {
    String payload =
        "{\"batch_id\":"
            + batch
            + ",\"streams\":[\""
            + streamId
            + "\"],\"moments\":"
            + moments
            + "}";
    try (PreparedStatement statement = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
      statement.setString(1, Notifications.CHANNEL);
      statement.setString(2, payload);
      statement.execute();
    }
  }

  private void update(String sql, Object... values) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setObject(i + 1, values[i]);
      }
      statement.executeUpdate();
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
