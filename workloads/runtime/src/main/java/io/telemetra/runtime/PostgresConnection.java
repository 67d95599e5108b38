package io.telemetra.runtime;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * How a workload reaches Postgres, and the one definition of the {@code POSTGRES_*} variables of
 * docs/configuration.md (the operator, the local runner and the soak set them; every workload reads
 * them through {@link #fromEnvironment}): where Postgres is and who to connect as, POSTGRES_HOST
 * (localhost), POSTGRES_PORT (5432), POSTGRES_DB (telemetra), POSTGRES_USER (telemetra), and
 * POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE (a mounted secret; {@link EnvironmentSecrets} has the
 * rule). A POSTGRES_URL (a full JDBC URL) overrides host, port and database.
 *
 * <p>TLS: POSTGRES_SSL_MODE is libpq's and pgjdbc's {@code sslmode}; POSTGRES_SSL_ROOT_CERT (_FILE)
 * is the PEM certificate of the CA that signed the server's (then the mode defaults to {@code
 * verify-full}). Both become parameters of the JDBC URL, so every client built from {@link
 * #jdbcUrl()} (the job, the API's pool, Flyway, the operator) uses them, with no file to mount.
 */
public record PostgresConnection(String jdbcUrl, String user, String password) {

  public static final String URL = "POSTGRES_URL";
  public static final String HOST = "POSTGRES_HOST";
  public static final String PORT = "POSTGRES_PORT";
  public static final String DATABASE = "POSTGRES_DB";
  public static final String USER = "POSTGRES_USER";
  public static final String PASSWORD = "POSTGRES_PASSWORD";
  public static final String SSL_MODE = "POSTGRES_SSL_MODE";
  public static final String SSL_ROOT_CERT = "POSTGRES_SSL_ROOT_CERT";

  /** Every variable {@link #fromEnvironment} reads, {@code _FILE} variants included. */
  public static final List<String> VARIABLES =
      List.of(
          URL,
          HOST,
          PORT,
          DATABASE,
          USER,
          PASSWORD,
          PASSWORD + EnvironmentSecrets.FILE_SUFFIX,
          SSL_MODE,
          SSL_ROOT_CERT,
          SSL_ROOT_CERT + EnvironmentSecrets.FILE_SUFFIX);

  /** The modes of libpq's sslmode, weakest first. */
  public static final List<String> SSL_MODES =
      List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

  /**
   * Reads the settings; the password comes from the variable or the file it names.
   *
   * @throws IllegalArgumentException naming the variable when a TLS setting is invalid
   */
  public static PostgresConnection fromEnvironment(Map<String, String> env) {
    String url = env.get(URL);
    if (url == null || url.isBlank()) {
      url =
          "jdbc:postgresql://"
              + env.getOrDefault(HOST, "localhost")
              + ":"
              + env.getOrDefault(PORT, "5432")
              + "/"
              + env.getOrDefault(DATABASE, "telemetra");
    }
    String user = env.getOrDefault(USER, "telemetra");
    String tls = sslParameters(env.get(SSL_MODE), EnvironmentSecrets.read(env, SSL_ROOT_CERT));
    return new PostgresConnection(url.strip(), user, EnvironmentSecrets.read(env, PASSWORD))
        .withParameters(tls);
  }

  /** This URL with {@code parameters} ({@code a=1&b=2}, already encoded) appended. */
  public PostgresConnection withParameters(String parameters) {
    if (parameters.isEmpty()) {
      return this;
    }
    return new PostgresConnection(
        jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + parameters, user, password);
  }

  /**
   * pgjdbc connection properties: the credentials and {@code ApplicationName} (what {@code
   * pg_stat_activity} shows), for {@code DriverManager.getConnection(jdbcUrl(), ...)}.
   */
  public Properties properties(String applicationName) {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("ApplicationName", applicationName);
    return properties;
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
    return "PostgresConnection[jdbcUrl=" + location() + ", user=" + user + ", password=<redacted>]";
  }
}
