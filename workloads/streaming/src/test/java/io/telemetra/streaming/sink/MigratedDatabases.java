package io.telemetra.streaming.sink;

import io.telemetra.embedded.Postgres;
import io.telemetra.schema.SchemaMigrator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** One real Postgres for a test class, and a freshly migrated database for each test. */
final class MigratedDatabases implements AutoCloseable {

  private final Postgres postgres;
  private int created;

  MigratedDatabases(Path dir) {
    this.postgres = Postgres.onFreePort(dir.resolve("pg")).start();
  }

  /** Creates a database with the whole schema and returns its JDBC URL. */
  String fresh(String prefix) throws SQLException {
    String db = prefix + "_" + ++created;
    try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "")) {
      c.createStatement().execute("CREATE DATABASE " + db);
    }
    String url = "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + db;
    SchemaMigrator.forUrl(url, postgres.user(), "").migrate();
    return url;
  }

  Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(url, postgres.user(), "");
  }

  @Override
  public void close() {
    postgres.stop();
  }
}
