package io.telemetra.streaming.sink;

import io.telemetra.runtime.PostgresConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Properties;

/** Opens JDBC connections for the sinks (one per micro-batch; one transaction each). */
public final class SinkDatabase {

  private final PostgresConnection settings;

  public SinkDatabase(PostgresConnection settings) {
    this.settings = settings;
  }

  /** A connection with auto-commit off. */
  public Connection open() throws SQLException {
    Properties props = settings.properties("telemetra-streaming");
    props.setProperty("reWriteBatchedInserts", "true");
    Connection c = DriverManager.getConnection(settings.jdbcUrl(), props);
    c.setAutoCommit(false);
    return c;
  }

  /** A timestamptz parameter from a Spark timestamp. */
  public static OffsetDateTime utc(Timestamp ts) {
    return ts == null ? null : OffsetDateTime.ofInstant(ts.toInstant(), ZoneOffset.UTC);
  }

  public static OffsetDateTime utc(Instant ts) {
    return ts == null ? null : OffsetDateTime.ofInstant(ts, ZoneOffset.UTC);
  }
}
