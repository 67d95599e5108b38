package io.telemetra.soak.probe;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * Short questions to PostgreSQL about the streaming job's progress, each on a fresh connection with
 * a short timeout; every answer is empty while the database is away.
 */
public final class PostgresProbe {

  private final String url;
  private final Properties credentials = new Properties();

  public PostgresProbe(String jdbcUrl, String user, String password) {
    this.url = jdbcUrl;
    credentials.setProperty("user", user);
    credentials.setProperty("password", password);
    credentials.setProperty("connectTimeout", "2");
    credentials.setProperty("socketTimeout", "5");
    credentials.setProperty("loginTimeout", "3");
  }

  /** Whether a batch of {@code query} with rows was committed after {@code after}. */
  public Optional<Boolean> committedAfter(String query, Instant after) {
    return ask(
        "SELECT EXISTS (SELECT 1 FROM streaming_commits WHERE query_name = ?"
            + " AND committed_at > ? AND row_count > 0)",
        s -> {
          s.setString(1, query);
          s.setTimestamp(2, Timestamp.from(after));
        },
        rs -> rs.getBoolean(1));
  }

  /**
   * How far the newest chat window lags behind the wall clock, in seconds: now minus (its start
   * plus one slide), which is about the age of the newest event the job has written.
   */
  public Optional<Double> newestWindowLagSeconds(long slideSeconds) {
    return ask(
        "SELECT extract(epoch FROM now() - max(window_start)) - ? FROM chat_summary_minute",
        s -> s.setLong(1, slideSeconds),
        rs -> {
          double v = rs.getDouble(1);
          return rs.wasNull() ? null : v;
        });
  }

  /** Opens a connection, for the final comparison. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, credentials);
  }

  private interface Binder {
    void bind(PreparedStatement s) throws SQLException;
  }

  private interface Reader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private <T> Optional<T> ask(String sql, Binder binder, Reader<T> reader) {
    try (Connection c = connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setQueryTimeout(5);
      binder.bind(s);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.ofNullable(reader.read(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      return Optional.empty();
    }
  }
}
