package io.telemetra.operator.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What the streaming job's commit ledger in Postgres says about its checkpoints: per query, the
 * checkpoint's identity (query id) and the newest committed batch; and how many resets it saw.
 */
final class CommitLedger {

  /** The newest batch a query committed, under the checkpoint it committed it from. */
  record Progress(UUID queryId, long lastBatch) {}

  private final String jdbcUrl;
  private final String pipeline;

  CommitLedger(int postgresPort, String pipeline) {
    this.jdbcUrl = "jdbc:postgresql://127.0.0.1:" + postgresPort + "/telemetra";
    this.pipeline = pipeline;
  }

  /** Per query name, the checkpoint and batch of its newest commit. */
  Map<String, Progress> progress() throws SQLException {
    Map<String, Progress> out = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
        var s =
            c.prepareStatement(
                "SELECT DISTINCT ON (query_name) query_name, query_id, batch_id"
                    + " FROM streaming_commits WHERE pipeline = ?"
                    + " ORDER BY query_name, committed_at DESC, batch_id DESC")) {
      s.setString(1, pipeline);
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), new Progress(rs.getObject(2, UUID.class), rs.getLong(3)));
        }
      }
    }
    return out;
  }

  /** Checkpoint resets the job detected and recorded for this pipeline. */
  long resets() throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
        var s =
            c.prepareStatement(
                "SELECT count(*) FROM streaming_checkpoint_resets WHERE pipeline = ?")) {
      s.setString(1, pipeline);
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
