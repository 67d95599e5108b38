package io.telemetra.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.runtime.PostgresConnection;
import io.telemetra.runtime.RedisConnection;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The API reads every variable of the shared contract that the other workloads read. */
class EnvironmentVariablesTest {

  private static final String CERTIFICATE =
      "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";

  @Test
  void postgresTlsSettingsReachTheApisConnection() {
    var environment =
        new MockEnvironment()
            .withProperty(PostgresConnection.HOST, "db.example")
            .withProperty(PostgresConnection.SSL_MODE, "verify-full")
            .withProperty(PostgresConnection.SSL_ROOT_CERT, CERTIFICATE);

    PostgresConnection connection =
        PostgresConnection.fromEnvironment(EnvironmentVariables.from(environment));

    // Until the API read the contract's own list, it dropped these two and connected without TLS
    // while the job and the operator verified the server.
    assertThat(connection.jdbcUrl())
        .startsWith("jdbc:postgresql://db.example:5432/telemetra?sslmode=verify-full&")
        .contains("sslfactory=org.postgresql.ssl.SingleCertValidatingFactory");
  }

  @Test
  void everyPostgresAndRedisVariableIsRead() {
    Stream.concat(PostgresConnection.VARIABLES.stream(), RedisConnection.VARIABLES.stream())
        .forEach(
            name ->
                assertThat(EnvironmentVariables.from(new MockEnvironment().withProperty(name, "x")))
                    .as(name)
                    .containsEntry(name, "x"));
  }
}
