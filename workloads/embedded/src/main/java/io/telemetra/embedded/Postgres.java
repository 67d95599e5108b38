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
  private CertificateAuthority.Issued tlsCertificate;
  private NetworkAccess networkAccess;

  /** Clients of a network (e.g. a local cluster's pods) let in with a password. */
  private record NetworkAccess(String listenAddress, String cidr, String password) {}

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

  /**
   * Also listens on {@code listenAddress} and lets clients from {@code cidr} in as {@link #USER}
   * with {@code password} (scram-sha-256); loopback stays trusted. Call before {@link #start()}.
   */
  public Postgres allowingNetwork(String listenAddress, String cidr, String password) {
    this.networkAccess = new NetworkAccess(listenAddress, cidr, password);
    return this;
  }

  /**
   * Also offers TLS with {@code certificate} (a server certificate for the loopback address, e.g.
   * from a {@link CertificateAuthority}); clients may still connect without it, so a test asks the
   * server ({@code pg_stat_ssl}) whether a connection is encrypted. Call before {@link #start()}.
   */
  public Postgres withTls(CertificateAuthority.Issued certificate) {
    this.tlsCertificate = certificate;
    return this;
  }

  /** Starts the server (initialising the data directory on first use) and creates the database. */
  public Postgres start() {
    if (server != null) {
      return this;
    }
    try {
      var builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDir)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("max_connections", "200")
              .setServerConfig("fsync", "on");
      if (networkAccess != null) {
        builder.setServerConfig(
            "listen_addresses", Ports.LOOPBACK + "," + networkAccess.listenAddress());
      }
      if (tlsCertificate != null) {
        Path tls = java.nio.file.Files.createDirectories(dataDir.resolveSibling("postgres-tls"));
        Path certificate = tls.resolve("server.crt");
        Path key = tls.resolve("server.key");
        java.nio.file.Files.writeString(certificate, tlsCertificate.certificatePem());
        java.nio.file.Files.writeString(key, tlsCertificate.privateKeyPem());
        // The server refuses a key others can read.
        java.nio.file.Files.setPosixFilePermissions(
            key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        builder
            .setServerConfig("ssl", "on")
            .setServerConfig("ssl_cert_file", certificate.toString())
            .setServerConfig("ssl_key_file", key.toString());
      }
      server = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start PostgreSQL on port " + port, e);
    }
    createDatabaseIfMissing();
    if (networkAccess != null) {
      admitNetwork();
    }
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

  private void admitNetwork() {
    String rule = "host all all " + networkAccess.cidr() + " scram-sha-256";
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      Path hba = dataDir.resolve("pg_hba.conf");
      if (!java.nio.file.Files.readString(hba).contains(rule)) {
        java.nio.file.Files.writeString(
            hba, "\n" + rule + "\n", java.nio.file.StandardOpenOption.APPEND);
      }
      s.execute("SET password_encryption = 'scram-sha-256'");
      try (var statement = c.prepareStatement("SELECT set_config('telemetra.pw', ?, false)")) {
        statement.setString(1, networkAccess.password());
        statement.execute();
      }
      s.execute(
          "DO $$ BEGIN EXECUTE format('ALTER USER "
              + USER
              + " PASSWORD %L', current_setting('telemetra.pw')); END $$");
      s.execute("SELECT pg_reload_conf()");
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("Cannot admit " + networkAccess.cidr() + " to PostgreSQL", e);
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
