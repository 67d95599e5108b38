package io.telemetra.schema;

import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies Telemetra's Flyway migrations to a Postgres database and reports the version. */
public final class SchemaMigrator {

  /** Classpath location of the migrations shipped in this module. */
  public static final String LOCATION = "classpath:db/migration";

  private final Flyway flyway;

  private SchemaMigrator(Flyway flyway) {
    this.flyway = flyway;
  }

  /** A migrator for the given JDBC URL and credentials (the password is never logged). */
  public static SchemaMigrator forUrl(String jdbcUrl, String user, String password) {
    return new SchemaMigrator(configure().dataSource(jdbcUrl, user, password).load());
  }

  /** A migrator for an existing data source. */
  public static SchemaMigrator forDataSource(DataSource dataSource) {
    return new SchemaMigrator(configure().dataSource(dataSource).load());
  }

  private static org.flywaydb.core.api.configuration.FluentConfiguration configure() {
    return Flyway.configure(SchemaMigrator.class.getClassLoader())
        .locations(LOCATION)
        .validateMigrationNaming(true)
        .cleanDisabled(true)
        .connectRetries(0);
  }

  /** Applies pending migrations; returns the schema version afterwards. A re-run is a no-op. */
  public String migrate() {
    MigrateResult result = flyway.migrate();
    return result.targetSchemaVersion != null
        ? result.targetSchemaVersion
        : currentVersion().orElse("0");
  }

  /** The applied schema version, if any migration ran. */
  public Optional<String> currentVersion() {
    MigrationInfo current = flyway.info().current();
    return Optional.ofNullable(current).map(info -> info.getVersion().getVersion());
  }

  /** The version the shipped migrations bring a database to. */
  public String latestAvailableVersion() {
    MigrationInfo[] all = flyway.info().all();
    return all.length == 0 ? "0" : all[all.length - 1].getVersion().getVersion();
  }

  /**
   * What one look at the database and the shipped migrations says.
   *
   * @param current the applied version, if any migration ran
   * @param pending shipped migrations not yet applied
   * @param latestAvailable the version the shipped migrations bring a database to
   */
  public record State(Optional<String> current, int pending, String latestAvailable) {}

  /** Applied version, pending count and the newest shipped version, from one Flyway info. */
  public State state() {
    MigrationInfoService info = flyway.info();
    String latest = "0";
    for (MigrationInfo migration : info.all()) {
      if (migration.getState().isResolved() && migration.getVersion() != null) {
        latest = migration.getVersion().getVersion();
      }
    }
    return new State(
        Optional.ofNullable(info.current()).map(m -> m.getVersion().getVersion()),
        info.pending().length,
        latest);
  }

  /** Number of shipped migrations not yet applied. */
  public int pendingCount() {
    return flyway.info().pending().length;
  }
}
