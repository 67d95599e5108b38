package io.telemetra.streaming.sink;

import io.telemetra.runtime.PostgresConnection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The job's Postgres: a {@link HeldConnection} for each user that writes every micro-batch, and
 * single connections for the rare ones. Closing it closes the held connections.
 */
public final class SinkDatabase implements AutoCloseable {

  private final PostgresConnection settings;
  private final List<HeldConnection> held = new CopyOnWriteArrayList<>();

  public SinkDatabase(PostgresConnection settings) {
    this.settings = settings;
  }

  /** A connection of one user's own, kept between its transactions. */
  public HeldConnection held() {
    HeldConnection connection = new HeldConnection(this);
    held.add(connection);
    return connection;
  }

  /** A new connection with auto-commit off, for the caller to close. */
  public Connection open() throws SQLException {
    Properties props = settings.properties("telemetra-streaming");
    props.setProperty("reWriteBatchedInserts", "true");
    Connection c = DriverManager.getConnection(settings.jdbcUrl(), props);
    c.setAutoCommit(false);
    return c;
  }

  @Override
  public void close() {
    held.forEach(HeldConnection::close);
  }

  /** A timestamptz parameter from a Spark timestamp. */
  public static OffsetDateTime utc(Timestamp ts) {
    return ts == null ? null : OffsetDateTime.ofInstant(ts.toInstant(), ZoneOffset.UTC);
  }

  public static OffsetDateTime utc(Instant ts) {
    return ts == null ? null : OffsetDateTime.ofInstant(ts, ZoneOffset.UTC);
  }
}
