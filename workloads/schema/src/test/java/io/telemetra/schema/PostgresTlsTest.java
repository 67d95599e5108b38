package io.telemetra.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetra.embedded.CertificateAuthority;
import io.telemetra.embedded.Postgres;
import io.telemetra.runtime.PostgresConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POSTGRES_SSL_MODE and POSTGRES_SSL_ROOT_CERT against a real Postgres serving a certificate from a
 * private CA: the connection is encrypted (the server says so), the schema migrates through it, and
 * a server the root certificate did not sign is refused.
 */
class PostgresTlsTest {

  @TempDir static Path dir;
  static CertificateAuthority ca;
  static Postgres postgres;

  @BeforeAll
  static void start() {
    ca = CertificateAuthority.create("telemetra-postgres-ca");
    postgres =
        Postgres.onFreePort(dir.resolve("pg")).withTls(ca.issueForLoopback("postgres")).start();
  }

  @AfterAll
  static void stop() {
    if (postgres != null) {
      postgres.close();
    }
  }

  Map<String, String> env(Map<String, String> tls) {
    Map<String, String> env = new HashMap<>(tls);
    env.put("POSTGRES_HOST", postgres.host());
    env.put("POSTGRES_PORT", String.valueOf(postgres.port()));
    env.put("POSTGRES_DB", Postgres.DATABASE);
    env.put("POSTGRES_USER", postgres.user());
    return env;
  }

  @Test
  void aRootCertificateMeansVerifyFullAndTheConnectionIsEncrypted() throws Exception {
    PostgresConnection settings =
        PostgresConnection.fromEnvironment(
            env(Map.of("POSTGRES_SSL_ROOT_CERT", ca.certificatePem())));

    assertThat(settings.jdbcUrl()).contains("sslmode=verify-full");
    assertThat(settings.toString()).doesNotContain("CERTIFICATE");
    try (Connection c = connect(settings)) {
      assertThat(encrypted(c)).isTrue();
    }
    assertThat(SchemaMigrator.forUrl(settings.jdbcUrl(), settings.user(), "").migrate())
        .isNotBlank();
  }

  @Test
  void theRootCertificateMayComeFromAFile() throws Exception {
    Path file = Files.writeString(dir.resolve("root.crt"), ca.certificatePem());
    PostgresConnection settings =
        PostgresConnection.fromEnvironment(
            env(
                Map.of(
                    "POSTGRES_SSL_MODE",
                    "verify-ca",
                    "POSTGRES_SSL_ROOT_CERT_FILE",
                    file.toString())));

    try (Connection c = connect(settings)) {
      assertThat(encrypted(c)).isTrue();
    }
  }

  @Test
  void aServerAnotherCaSignedIsRefused() {
    String other = CertificateAuthority.create("someone-else").certificatePem();
    PostgresConnection settings =
        PostgresConnection.fromEnvironment(env(Map.of("POSTGRES_SSL_ROOT_CERT", other)));

    assertThatThrownBy(() -> connect(settings).close())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("SSL");
  }

  @Test
  void withoutTlsSettingsTheDriverDefaultStands() throws Exception {
    PostgresConnection settings = PostgresConnection.fromEnvironment(env(Map.of()));

    assertThat(settings.jdbcUrl()).doesNotContain("ssl");
    try (Connection c =
        connect(PostgresConnection.fromEnvironment(env(Map.of("POSTGRES_SSL_MODE", "disable"))))) {
      assertThat(encrypted(c)).isFalse();
    }
  }

  @Test
  void contradictionsAreRefusedNamingTheVariable() {
    assertThatThrownBy(
            () ->
                PostgresConnection.fromEnvironment(
                    env(
                        Map.of(
                            "POSTGRES_SSL_MODE",
                            "prefer",
                            "POSTGRES_SSL_ROOT_CERT",
                            ca.certificatePem()))))
        .hasMessageContaining("POSTGRES_SSL_MODE=prefer may not use TLS");
    assertThatThrownBy(
            () -> PostgresConnection.fromEnvironment(env(Map.of("POSTGRES_SSL_MODE", "strict"))))
        .hasMessageContaining("POSTGRES_SSL_MODE=strict is not one of");
    assertThatThrownBy(
            () ->
                PostgresConnection.fromEnvironment(
                    env(Map.of("POSTGRES_SSL_ROOT_CERT", "/etc/ssl/root.crt"))))
        .hasMessageContaining("must hold a PEM certificate");
  }

  private static Connection connect(PostgresConnection settings) throws SQLException {
    return DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
  }

  private static boolean encrypted(Connection c) throws SQLException {
    try (var rs =
        c.createStatement()
            .executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }
}
