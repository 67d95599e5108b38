package io.telemetra.streaming.sink;

import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one connection a single user of the database (a sink, a progress listener) keeps from one
 * micro-batch to the next. Connecting per batch cost Postgres a new server process and an
 * authentication every time (4 per trigger): Postgres spent about 3x the CPU per batch (0.021-0.024
 * against 0.007 CPU-s, docs/performance.md).
 *
 * <p>Each use is one transaction: the work commits (or rolls back); a transaction it leaves open is
 * rolled back, so nothing holds locks between batches. A connection the server dropped while idle
 * (a Postgres restart, an idle timeout) fails its check and is replaced before use; a work that
 * fails closes it, so a batch after a failure always starts on a fresh connection.
 *
 * <p>Not a pool library: the Spark distribution ships HikariCP 2.5.1 (for Hive) on the job's class
 * path, which would win over ours in the image; one connection per user needs no pool.
 */
public final class HeldConnection implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HeldConnection.class);

  /** How long the liveness check of a held connection may take before it counts as dropped. */
  private static final int CHECK_SECONDS = 5;

  /** One transaction's work on the connection (auto-commit off): it commits or rolls back. */
  @FunctionalInterface
  public interface Work<T, E extends Exception> {
    T on(Connection c) throws SQLException, E;
  }

  private final SinkDatabase database;
  private volatile Connection connection;

  HeldConnection(SinkDatabase database) {
    this.database = database;
  }

  /** Runs {@code work} on the held connection, connecting first when there is none alive. */
  public synchronized <T, E extends Exception> T inTransaction(Work<T, E> work)
      throws SQLException, E {
    Connection c = alive();
    T result;
    try {
      result = work.on(c);
    } catch (Exception e) {
      discard();
      throw e;
    }
    c.rollback(); // nothing to do after a commit; ends a transaction the work left open
    return result;
  }

  private Connection alive() throws SQLException {
    if (connection != null && !connection.isValid(CHECK_SECONDS)) {
      LOG.info("The held Postgres connection was dropped; connecting again");
      discard();
    }
    if (connection == null) {
      connection = database.open();
    }
    return connection;
  }

  /** Closes the connection (an open transaction is rolled back by the server). */
  private void discard() {
    Connection c = connection;
    connection = null;
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException e) {
      LOG.debug("Closing a connection: {}", e.getMessage());
    }
  }

  /**
   * Closes the connection, without waiting for a transaction on it (a batch a stopping query left
   * running): the server rolls that back.
   */
  @Override
  public void close() {
    discard();
  }
}
