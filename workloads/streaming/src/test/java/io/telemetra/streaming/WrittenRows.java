package io.telemetra.streaming;

import io.telemetra.truth.Rows;
import io.telemetra.truth.WrittenTables;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;

/** What the job wrote to Postgres, in the ground truth's shapes ({@link WrittenTables}). */
final class WrittenRows {

  private WrittenRows() {}

  /** The chat windows; every one must be the tests' 60 s long. */
  static Set<Rows.Chat> chat(Connection c) throws SQLException {
    long otherLengths =
        count(
            c,
            "SELECT count(*) FROM chat_summary_minute"
                + " WHERE window_end - window_start <> interval '60 seconds'");
    if (otherLengths > 0) {
      throw new AssertionError(otherLengths + " chat windows are not 60 s long");
    }
    return new WrittenTables(c).chat();
  }

  static Set<Rows.Viewers> viewers(Connection c) throws SQLException {
    return new WrittenTables(c).viewers();
  }

  static Set<Rows.Revenue> revenue(Connection c) throws SQLException {
    return new WrittenTables(c).revenue();
  }

  static Set<Rows.Transaction> transactions(Connection c) throws SQLException {
    return new WrittenTables(c).transactions();
  }

  static long count(Connection c, String sql) throws SQLException {
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
