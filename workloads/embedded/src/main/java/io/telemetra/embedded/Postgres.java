package io.telemetra.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL server from the embedded binaries on Maven Central (zonky). The data directory
 * is kept across {@link #stop()} / {@link #start()}, so restarts keep the data.
 */
public final class Postgres implements AutoCloseable {

  /** The database Telemetra's workloads use. */
  public static final String DATABASE = "telemetra";

  /** The superuser of the embedded server (trust authentication on loopback). */
  public static final String USER = "postgres";

  private final Path dataDir;
  private final int port;
  private EmbeddedPostgres server;

  private Postgres(Path dataDir, int port) {
    this.dataDir = dataDir;
    this.port = port;
  }

  /** A server storing its data in {@code dataDir} on the given port; not yet started. */
  public static Postgres on(Path dataDir, int port) {
    return new Postgres(dataDir, port);
  }

  /** A server on a free loopback port; not yet started. */
  public static Postgres onFreePort(Path dataDir) {
    return new Postgres(dataDir, Ports.free());
  }

  /** Starts the server (initialising the data directory on first use) and creates the database. */
  public Postgres start() {
    if (server != null) {
      return this;
    }
    try {
      server =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDir)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("max_connections", "200")
              .setServerConfig("fsync", "on")
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start PostgreSQL on port " + port, e);
    }
    createDatabaseIfMissing();
    return this;
  }

  private void createDatabaseIfMissing() {
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
      if (!rs.next()) {
        s.execute("CREATE DATABASE " + DATABASE);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database " + DATABASE, e);
    }
  }

  /** Stops the server; the data directory stays. */
  public void stop() {
    if (server != null) {
      try {
        server.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        server = null;
      }
    }
  }

  public boolean isRunning() {
    return server != null;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return port;
  }

  public String user() {
    return USER;
  }

  /** The embedded server trusts loopback connections; any password is accepted. */
  public String password() {
    return "";
  }

  public Path dataDir() {
    return dataDir;
  }

  @Override
  public void close() {
    stop();
  }
}
