package io.telemetra.api.config;

import io.telemetra.runtime.PostgresConnection;
import io.telemetra.runtime.RedisConnection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.core.env.Environment;

/**
 * The shared environment-variable contract (docs/configuration.md) read through Spring's {@link
 * Environment}, so tests can set the same names as properties.
 */
public final class EnvironmentVariables {

  private static final List<String> NAMES =
      Stream.of(
              PostgresConnection.VARIABLES,
              RedisConnection.VARIABLES,
              List.of("API_AUTH_TOKEN", "API_AUTH_TOKEN_FILE", "API_CORS_ORIGINS"))
          .flatMap(List::stream)
          .toList();

  private EnvironmentVariables() {}

  /** The set (non-blank) variables among those Telemetra's API reads. */
  public static Map<String, String> from(Environment environment) {
    Map<String, String> values = new HashMap<>();
    for (String name : NAMES) {
      String value = environment.getProperty(name);
      if (value != null && !value.isBlank()) {
        values.put(name, value.strip());
      }
    }
    return values;
  }
}
