package io.telemetra.schema;

import io.telemetra.runtime.EnvironmentSecrets;
import java.util.Map;

/**
 * Where Postgres is and who to connect as, read from the environment variables every Telemetra
 * workload shares: POSTGRES_HOST (localhost), POSTGRES_PORT (5432), POSTGRES_DB (telemetra),
 * POSTGRES_USER (telemetra), and POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE (a mounted secret;
 * {@link EnvironmentSecrets} has the rule). A POSTGRES_URL (a full JDBC URL) overrides host, port
 * and database.
 */
public record PostgresSettings(String jdbcUrl, String user, String password) {

  /** Reads the settings; the password comes from the variable or the file it names. */
  public static PostgresSettings fromEnvironment(Map<String, String> env) {
    String url = env.get("POSTGRES_URL");
    if (url == null || url.isBlank()) {
      url =
          "jdbc:postgresql://"
              + env.getOrDefault("POSTGRES_HOST", "localhost")
              + ":"
              + env.getOrDefault("POSTGRES_PORT", "5432")
              + "/"
              + env.getOrDefault("POSTGRES_DB", "telemetra");
    }
    String user = env.getOrDefault("POSTGRES_USER", "telemetra");
    return new PostgresSettings(url, user, EnvironmentSecrets.read(env, "POSTGRES_PASSWORD"));
  }

  @Override
  public String toString() {
    return "PostgresSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=<redacted>]";
  }
}
