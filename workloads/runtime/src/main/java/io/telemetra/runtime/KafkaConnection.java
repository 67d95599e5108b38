package io.telemetra.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * How a workload reaches Kafka: bootstrap servers, the security protocol, SASL credentials and TLS
 * material. It is the one definition of the {@code KAFKA_*} variables of docs/configuration.md (the
 * operator sets them, every workload reads them through {@link #fromEnvironment}) and of the Kafka
 * client properties they become ({@link #clientProperties}), so the producer, the streaming job and
 * the operator's admin client cannot disagree. Secrets never appear in {@link #toString()}.
 *
 * <p>TLS material is PEM text, not files: a CA bundle to trust, and for mutual TLS a client
 * certificate chain with its unencrypted PKCS#8 key (what Kafka's PEM key store reads). In
 * Kubernetes each comes from a Secret key through {@code secretKeyRef}, so no volume is needed;
 * elsewhere the {@code _FILE} variants name files.
 *
 * @param securityProtocol Kafka's {@code security.protocol}; when null it follows from what is set
 *     (SASL credentials and/or TLS material), PLAINTEXT when nothing is
 * @param sasl SASL credentials, or null
 * @param tls TLS material, or null for the JVM's trust store and no client certificate
 */
public record KafkaConnection(
    String bootstrapServers, String securityProtocol, Sasl sasl, Tls tls) {

  public static final String BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
  public static final String SECURITY_PROTOCOL = "KAFKA_SECURITY_PROTOCOL";
  public static final String SASL_MECHANISM = "KAFKA_SASL_MECHANISM";
  public static final String SASL_USERNAME = "KAFKA_SASL_USERNAME";
  public static final String SASL_PASSWORD = "KAFKA_SASL_PASSWORD";
  public static final String SSL_CA_CERTIFICATES = "KAFKA_SSL_CA_CERTIFICATES";
  public static final String SSL_CLIENT_CERTIFICATE = "KAFKA_SSL_CLIENT_CERTIFICATE";
  public static final String SSL_CLIENT_KEY = "KAFKA_SSL_CLIENT_KEY";

  /** The variables that hold secrets; each may instead be given as a file ({@code _FILE}). */
  public static final List<String> SECRET_VARIABLES =
      List.of(
          SASL_USERNAME,
          SASL_PASSWORD,
          SSL_CA_CERTIFICATES,
          SSL_CLIENT_CERTIFICATE,
          SSL_CLIENT_KEY);

  /** Every variable {@link #fromEnvironment} reads, {@code _FILE} variants included. */
  public static final List<String> VARIABLES =
      java.util.stream.Stream.concat(
              java.util.stream.Stream.of(BOOTSTRAP_SERVERS, SECURITY_PROTOCOL, SASL_MECHANISM),
              SECRET_VARIABLES.stream()
                  .flatMap(v -> java.util.stream.Stream.of(v, v + EnvironmentSecrets.FILE_SUFFIX)))
          .toList();

  private static final List<String> PROTOCOLS =
      List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

  public KafkaConnection {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException(BOOTSTRAP_SERVERS + " is empty");
    }
    if (securityProtocol != null) {
      securityProtocol = securityProtocol.strip().toUpperCase(Locale.ROOT);
      if (!PROTOCOLS.contains(securityProtocol)) {
        throw new IllegalArgumentException(
            SECURITY_PROTOCOL + "=" + securityProtocol + " is not one of " + PROTOCOLS);
      }
      if (sasl != null && !securityProtocol.startsWith("SASL_")) {
        throw new IllegalArgumentException(
            "SASL credentials are set but "
                + SECURITY_PROTOCOL
                + "="
                + securityProtocol
                + " does not use SASL (SASL_PLAINTEXT or SASL_SSL)");
      }
      if (tls != null && !securityProtocol.endsWith("SSL")) {
        throw new IllegalArgumentException(
            "TLS certificates are set but "
                + SECURITY_PROTOCOL
                + "="
                + securityProtocol
                + " does not use TLS (SSL or SASL_SSL)");
      }
    }
  }

  /** Kafka without authentication or TLS. */
  public static KafkaConnection plaintext(String bootstrapServers) {
    return new KafkaConnection(bootstrapServers, null, null, null);
  }

  /**
   * Reads the {@code KAFKA_*} variables; {@code KAFKA_BOOTSTRAP_SERVERS} defaults to {@code
   * localhost:9092}.
   *
   * @throws IllegalArgumentException naming the variable when a setting is invalid or incomplete
   */
  public static KafkaConnection fromEnvironment(Map<String, String> env) {
    String bootstrap = env.get(BOOTSTRAP_SERVERS);
    return new KafkaConnection(
        bootstrap == null || bootstrap.isBlank() ? "localhost:9092" : bootstrap.strip(),
        blankToNull(env.get(SECURITY_PROTOCOL)),
        Sasl.fromEnvironment(env),
        Tls.fromEnvironment(env));
  }

  /** The same connection to other brokers (e.g. a bootstrap list given on a command line). */
  public KafkaConnection withBootstrapServers(String servers) {
    return new KafkaConnection(servers, securityProtocol, sasl, tls);
  }

  /** The protocol in effect: the one set, else the one SASL and TLS settings imply. */
  public String effectiveSecurityProtocol() {
    if (securityProtocol != null) {
      return securityProtocol;
    }
    return (sasl != null ? "SASL_" : "") + (tls != null ? "SSL" : "PLAINTEXT");
  }

  /**
   * Client properties common to producers, consumers and admin clients ({@code bootstrap.servers},
   * {@code security.protocol}, {@code sasl.*}, {@code ssl.*}), unprefixed.
   */
  public Map<String, String> clientProperties() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("bootstrap.servers", bootstrapServers);
    props.put("security.protocol", effectiveSecurityProtocol());
    if (sasl != null) {
      props.putAll(sasl.clientProperties());
    }
    if (tls != null) {
      props.putAll(tls.clientProperties());
    }
    return props;
  }

  /** {@link #clientProperties()} as {@link Properties}, for the Kafka client constructors. */
  public Properties properties() {
    Properties props = new Properties();
    props.putAll(clientProperties());
    return props;
  }

  /**
   * The variables that recreate this connection in another process: the plain settings as values,
   * and the secrets as values too (for a child process on this machine; Kubernetes workloads get
   * the secrets through {@code secretKeyRef} instead).
   */
  public Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(BOOTSTRAP_SERVERS, bootstrapServers);
    env.put(SECURITY_PROTOCOL, effectiveSecurityProtocol());
    if (sasl != null) {
      env.put(SASL_MECHANISM, sasl.mechanism());
      env.put(SASL_USERNAME, sasl.username());
      env.put(SASL_PASSWORD, sasl.password());
    }
    if (tls != null) {
      putIfSet(env, SSL_CA_CERTIFICATES, tls.caCertificates());
      putIfSet(env, SSL_CLIENT_CERTIFICATE, tls.clientCertificateChain());
      putIfSet(env, SSL_CLIENT_KEY, tls.clientKey());
    }
    return env;
  }

  @Override
  public String toString() {
    return "KafkaConnection[bootstrapServers="
        + bootstrapServers
        + ", securityProtocol="
        + effectiveSecurityProtocol()
        + ", sasl="
        + sasl
        + ", tls="
        + tls
        + "]";
  }

  /** SASL credentials: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512. */
  public record Sasl(String mechanism, String username, String password) {

    /** The mechanisms Telemetra's clients support. */
    public static final List<String> MECHANISMS =
        List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

    public Sasl {
      mechanism = mechanism == null ? null : mechanism.strip().toUpperCase(Locale.ROOT);
      if (!MECHANISMS.contains(mechanism)) {
        throw new IllegalArgumentException(
            SASL_MECHANISM + "=" + mechanism + " is not one of " + MECHANISMS);
      }
      if (username == null || username.isEmpty()) {
        throw new IllegalArgumentException(
            SASL_MECHANISM + " is set but " + SASL_USERNAME + " is not");
      }
      password = password == null ? "" : password;
    }

    static Sasl fromEnvironment(Map<String, String> env) {
      String mechanism = blankToNull(env.get(SASL_MECHANISM));
      String username = EnvironmentSecrets.readOrNull(env, SASL_USERNAME);
      String password = EnvironmentSecrets.readOrNull(env, SASL_PASSWORD);
      if (mechanism == null) {
        if (username != null || password != null) {
          throw new IllegalArgumentException(
              SASL_USERNAME + " or " + SASL_PASSWORD + " is set but " + SASL_MECHANISM + " is not");
        }
        return null;
      }
      return new Sasl(mechanism, username, password);
    }

    Map<String, String> clientProperties() {
      String module =
          mechanism.startsWith("SCRAM")
              ? "org.apache.kafka.common.security.scram.ScramLoginModule"
              : "org.apache.kafka.common.security.plain.PlainLoginModule";
      return Map.of(
          "sasl.mechanism",
          mechanism,
          "sasl.jaas.config",
          module
              + " required username=\""
              + jaasEscape(username)
              + "\" password=\""
              + jaasEscape(password)
              + "\";");
    }

    @Override
    public String toString() {
      return "Sasl[mechanism=" + mechanism + ", username=" + username + ", password=<redacted>]";
    }

    private static String jaasEscape(String s) {
      return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
  }

  /**
   * TLS material as PEM text: CA certificates to trust (null: the JVM's trust store) and, for
   * mutual TLS, a client certificate chain with its key.
   */
  public record Tls(String caCertificates, String clientCertificateChain, String clientKey) {

    public Tls {
      if ((clientCertificateChain == null) != (clientKey == null)) {
        throw new IllegalArgumentException(
            SSL_CLIENT_CERTIFICATE
                + " and "
                + SSL_CLIENT_KEY
                + " go together: set both for mutual TLS, or neither");
      }
      requirePem(SSL_CA_CERTIFICATES, caCertificates, "CERTIFICATE");
      requirePem(SSL_CLIENT_CERTIFICATE, clientCertificateChain, "CERTIFICATE");
      if (clientKey != null && !clientKey.contains("-----BEGIN PRIVATE KEY-----")) {
        throw new IllegalArgumentException(
            SSL_CLIENT_KEY
                + " must be an unencrypted PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----), which is"
                + " what Kafka's PEM key store reads; convert a PKCS#1 or EC key with"
                + " `openssl pkcs8 -topk8 -nocrypt -in key.pem`");
      }
    }

    static Tls fromEnvironment(Map<String, String> env) {
      String ca = EnvironmentSecrets.readOrNull(env, SSL_CA_CERTIFICATES);
      String certificate = EnvironmentSecrets.readOrNull(env, SSL_CLIENT_CERTIFICATE);
      String key = EnvironmentSecrets.readOrNull(env, SSL_CLIENT_KEY);
      return ca == null && certificate == null && key == null
          ? null
          : new Tls(ca, certificate, key);
    }

    Map<String, String> clientProperties() {
      Map<String, String> props = new LinkedHashMap<>();
      if (caCertificates != null) {
        props.put("ssl.truststore.type", "PEM");
        props.put("ssl.truststore.certificates", caCertificates);
      }
      if (clientCertificateChain != null) {
        props.put("ssl.keystore.type", "PEM");
        props.put("ssl.keystore.certificate.chain", clientCertificateChain);
        props.put("ssl.keystore.key", clientKey);
      }
      return props;
    }

    @Override
    public String toString() {
      return "Tls[caCertificates="
          + (caCertificates == null ? "JVM trust store" : "set")
          + ", clientCertificate="
          + (clientCertificateChain == null ? "none" : "set")
          + ", clientKey="
          + (clientKey == null ? "none" : "<redacted>")
          + "]";
    }

    private static void requirePem(String variable, String value, String type) {
      if (value != null && !value.contains("-----BEGIN " + type + "-----")) {
        throw new IllegalArgumentException(
            variable + " must hold PEM text (-----BEGIN " + type + "-----)");
      }
    }
  }

  private static void putIfSet(Map<String, String> env, String name, String value) {
    if (value != null) {
      env.put(name, value);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
