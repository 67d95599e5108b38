package io.telemetra.embedded;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * TLS listeners a test broker adds next to its PLAINTEXT one, as a TLS-only production cluster
 * would offer them: {@code SSL} requiring a client certificate the CA signed (mutual TLS), and
 * {@code SASL_SSL} with SCRAM-SHA-512 users (server-authenticated TLS, no client certificate).
 *
 * @param caCertificatePem the CA the broker trusts client certificates from
 * @param server the broker's certificate (with its key)
 * @param scramUsers SCRAM-SHA-512 users by name, with their passwords
 */
public record KafkaTlsListeners(
    String caCertificatePem, CertificateAuthority.Issued server, Map<String, String> scramUsers) {

  /** A broker certificate for the loopback address from {@code ca}, and the given users. */
  public static KafkaTlsListeners on(CertificateAuthority ca, Map<String, String> scramUsers) {
    return new KafkaTlsListeners(
        ca.certificatePem(), ca.issueForLoopback("telemetra-test-broker"), scramUsers);
  }

  /** Broker properties for the two listeners on {@code sslPort} and {@code saslSslPort}. */
  Properties brokerProperties(
      String host, int port, int controllerPort, int sslPort, int saslSslPort) {
    Map<String, String> p = new LinkedHashMap<>();
    String listeners =
        "PLAINTEXT://"
            + host
            + ":"
            + port
            + ",SSL://"
            + host
            + ":"
            + sslPort
            + ",SASL_SSL://"
            + host
            + ":"
            + saslSslPort;
    p.put("listeners", listeners + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", listeners);
    p.put(
        "listener.security.protocol.map",
        "PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT");
    p.put("ssl.keystore.type", "PEM");
    p.put("ssl.keystore.certificate.chain", server.certificatePem());
    p.put("ssl.keystore.key", server.privateKeyPem());
    p.put("ssl.truststore.type", "PEM");
    p.put("ssl.truststore.certificates", caCertificatePem);
    p.put("listener.name.ssl.ssl.client.auth", "required");
    p.put("listener.name.sasl_ssl.ssl.client.auth", "none");
    p.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
    p.put(
        "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    Properties props = new Properties();
    props.putAll(p);
    return props;
  }

  /** {@code kafka-storage format --add-scram} arguments creating the users. */
  String[] scramFormatArguments() {
    return scramUsers.entrySet().stream()
        .flatMap(
            u ->
                java.util.stream.Stream.of(
                    "--add-scram",
                    "SCRAM-SHA-512=[name=" + u.getKey() + ",password=" + u.getValue() + "]"))
        .toArray(String[]::new);
  }

  @Override
  public String toString() {
    return "KafkaTlsListeners[users=" + scramUsers.keySet() + "]";
  }
}
