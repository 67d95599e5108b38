package io.telemetra.schema;

import io.telemetra.runtime.PostgresConnection;

/**
 * Command-line entry point used by compose's migration step and by operators who migrate by hand.
 * Reads POSTGRES_HOST, POSTGRES_PORT, POSTGRES_DB, POSTGRES_USER and POSTGRES_PASSWORD (or
 * POSTGRES_PASSWORD_FILE) from the environment; never takes a password as an argument.
 */
public final class SchemaMigrationMain {

  private SchemaMigrationMain() {}

  public static void main(String[] args) {
    PostgresConnection settings = PostgresConnection.fromEnvironment(System.getenv());
    SchemaMigrator migrator =
        SchemaMigrator.forUrl(settings.jdbcUrl(), settings.user(), settings.password());
    String version = migrator.migrate();
    System.out.println("Telemetra schema at version " + version + " on " + settings.location());
  }
}
