package io.telemetra.streaming.sink;

import io.telemetra.embedded.Postgres;
import io.telemetra.schema.SchemaMigrator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Postgres for a test class ({@code @RegisterExtension static}), and a freshly migrated
 * database for each test.
 */
final class MigratedDatabases implements BeforeAllCallback, AfterAllCallback {

  private Path dir;
  private Postgres postgres;
  private int created;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("migrated-databases");
    postgres = Postgres.onFreePort(dir.resolve("pg")).start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    postgres.stop();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
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

  /** The user the databases are reached as (no password). */
  String user() {
    return postgres.user();
  }

  Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(url, postgres.user(), "");
  }
}
