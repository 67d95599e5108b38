package io.telemetra.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where Postgres is and who to connect as, read from the environment variables every Telemetra
 * workload shares: POSTGRES_HOST (localhost), POSTGRES_PORT (5432), POSTGRES_DB (telemetra),
 * POSTGRES_USER (telemetra), and POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE (a mounted secret). A
 * POSTGRES_URL (a full JDBC URL) overrides host, port and database.
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
    return new PostgresSettings(url, user, secret(env, "POSTGRES_PASSWORD"));
  }

  /** The value of {@code name}, or the trimmed content of the file named by {@code name_FILE}. */
  public static String secret(Map<String, String> env, String name) {
    String file = env.get(name + "_FILE");
    if (file != null && !file.isBlank()) {
      try {
        return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + name + "_FILE at " + file, e);
      }
    }
    return env.getOrDefault(name, "");
  }

  @Override
  public String toString() {
    return "PostgresSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=<redacted>]";
  }
}
