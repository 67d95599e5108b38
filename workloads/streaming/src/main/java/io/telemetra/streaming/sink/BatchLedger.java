package io.telemetra.streaming.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The streaming_commits table: which micro-batches of which query are already in Postgres. A sink
 * checks it first and records its batch in the same transaction as the batch's rows, so a batch
 * Spark replays after a crash is skipped instead of written twice.
 */
public final class BatchLedger {

  private BatchLedger() {}

  public static boolean isCommitted(Connection c, String queryName, long batchId)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT 1 FROM streaming_commits WHERE query_name = ? AND batch_id = ?")) {
      s.setString(1, queryName);
      s.setLong(2, batchId);
      try (var rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  public static void record(Connection c, String queryName, long batchId, long rowCount)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO streaming_commits (query_name, batch_id, row_count) VALUES (?, ?, ?)")) {
      s.setString(1, queryName);
      s.setLong(2, batchId);
      s.setLong(3, rowCount);
      s.executeUpdate();
    }
  }
}
