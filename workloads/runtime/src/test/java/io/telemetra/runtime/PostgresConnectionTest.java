package io.telemetra.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PostgresConnectionTest {

  @Test
  void connectionPropertiesCarryTheCredentialsAndNameTheApplication() {
    PostgresConnection postgres =
        PostgresConnection.fromEnvironment(
            Map.of(
                PostgresConnection.URL, "jdbc:postgresql://db:5432/telemetra",
                PostgresConnection.USER, "analytics",
                PostgresConnection.PASSWORD, "s3cret"));

    Properties properties = postgres.properties("telemetra-streaming");

    assertThat(properties)
        .containsEntry("user", "analytics")
        .containsEntry("password", "s3cret")
        .containsEntry("ApplicationName", "telemetra-streaming")
        .hasSize(3);
    assertThat(postgres.toString()).doesNotContain("s3cret");
  }
}
