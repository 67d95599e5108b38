package io.telemetra.schema;

import io.telemetra.runtime.EnvironmentSecrets;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where Postgres is and who to connect as, read from the environment variables every Telemetra
 * workload shares: POSTGRES_HOST (localhost), POSTGRES_PORT (5432), POSTGRES_DB (telemetra),
 * POSTGRES_USER (telemetra), and POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE (a mounted secret;
 * {@link EnvironmentSecrets} has the rule). A POSTGRES_URL (a full JDBC URL) overrides host, port
 * and database.
 *
 * <p>TLS: POSTGRES_SSL_MODE is libpq's and pgjdbc's {@code sslmode}; POSTGRES_SSL_ROOT_CERT (_FILE)
 * is the PEM certificate of the CA that signed the server's (then the mode defaults to {@code
 * verify-full}). Both become parameters of the JDBC URL, so every client built from {@link
 * #jdbcUrl()} (the job, the API's pool, Flyway, the operator) uses them, with no file to mount.
 */
public record PostgresSettings(String jdbcUrl, String user, String password) {

  public static final String SSL_MODE = "POSTGRES_SSL_MODE";
  public static final String SSL_ROOT_CERT = "POSTGRES_SSL_ROOT_CERT";

  /** The modes of libpq's sslmode, weakest first. */
  public static final List<String> SSL_MODES =
      List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

  /**
   * Reads the settings; the password comes from the variable or the file it names.
   *
   * @throws IllegalArgumentException naming the variable when a TLS setting is invalid
   */
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
    String tls = sslParameters(env.get(SSL_MODE), EnvironmentSecrets.read(env, SSL_ROOT_CERT));
    return new PostgresSettings(
            url.strip(), user, EnvironmentSecrets.read(env, "POSTGRES_PASSWORD"))
        .withParameters(tls);
  }

  /** This URL with {@code parameters} ({@code a=1&b=2}, already encoded) appended. */
  public PostgresSettings withParameters(String parameters) {
    if (parameters.isEmpty()) {
      return this;
    }
    return new PostgresSettings(
        jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + parameters, user, password);
  }

  /** Where the database is: the URL without its parameters (which may hold a certificate). */
  public String location() {
    int query = jdbcUrl.indexOf('?');
    return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
  }

  /**
   * pgjdbc's URL parameters for {@code mode} and a PEM root certificate: the certificate goes to
   * pgjdbc's {@code SingleCertValidatingFactory} inline; a verifying mode without one trusts the
   * JVM's trust store (pgjdbc's default would look for {@code ~/.postgresql/root.crt}).
   */
  static String sslParameters(String mode, String rootCertificate) {
    mode = mode == null || mode.isBlank() ? null : mode.strip().toLowerCase(Locale.ROOT);
    boolean hasRoot = rootCertificate != null && !rootCertificate.isEmpty();
    if (mode != null && !SSL_MODES.contains(mode)) {
      throw new IllegalArgumentException(SSL_MODE + "=" + mode + " is not one of " + SSL_MODES);
    }
    if (hasRoot && !rootCertificate.contains("-----BEGIN CERTIFICATE-----")) {
      throw new IllegalArgumentException(
          SSL_ROOT_CERT + " must hold a PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
    if (hasRoot && mode == null) {
      mode = "verify-full";
    }
    if (hasRoot && SSL_MODES.indexOf(mode) < SSL_MODES.indexOf("require")) {
      throw new IllegalArgumentException(
          SSL_ROOT_CERT
              + " is set but "
              + SSL_MODE
              + "="
              + mode
              + " may not use TLS; use require, verify-ca or verify-full");
    }
    if (mode == null) {
      return "";
    }
    StringBuilder parameters = new StringBuilder("sslmode=").append(mode);
    if (hasRoot) {
      parameters
          .append("&sslfactory=org.postgresql.ssl.SingleCertValidatingFactory&sslfactoryarg=")
          .append(URLEncoder.encode(rootCertificate, StandardCharsets.UTF_8));
    } else if (mode.startsWith("verify-")) {
      parameters.append("&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory");
    }
    return parameters.toString();
  }

  @Override
  public String toString() {
    return "PostgresSettings[jdbcUrl=" + location() + ", user=" + user + ", password=<redacted>]";
  }
}
