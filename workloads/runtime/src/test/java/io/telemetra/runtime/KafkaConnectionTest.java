package io.telemetra.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaConnectionTest {

  private static final String CERT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
  private static final String KEY = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----";

  @TempDir Path dir;

  @Test
  void withNothingSetItIsPlaintextToLocalhost() {
    assertThat(KafkaConnection.fromEnvironment(Map.of()).clientProperties())
        .containsExactly(
            Map.entry("bootstrap.servers", "localhost:9092"),
            Map.entry("security.protocol", "PLAINTEXT"));
  }

  @Test
  void scramCredentialsBecomeAJaasConfigWithQuotesEscaped() {
    var props =
        KafkaConnection.fromEnvironment(
                Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", "k:9093",
                    "KAFKA_SECURITY_PROTOCOL", "sasl_ssl",
                    "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                    "KAFKA_SASL_USERNAME", "ann",
                    "KAFKA_SASL_PASSWORD", "p\"w\\d"))
            .clientProperties();

    assertThat(props)
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry(
            "sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"ann\" password=\"p\\\"w\\\\d\";");
  }

  @Test
  void theProtocolFollowsFromWhatIsSetWhenNotGiven() {
    assertThat(
            KafkaConnection.fromEnvironment(
                    Map.of("KAFKA_SASL_MECHANISM", "PLAIN", "KAFKA_SASL_USERNAME", "u"))
                .effectiveSecurityProtocol())
        .isEqualTo("SASL_PLAINTEXT");
    assertThat(
            KafkaConnection.fromEnvironment(Map.of("KAFKA_SSL_CA_CERTIFICATES", CERT))
                .effectiveSecurityProtocol())
        .isEqualTo("SSL");
    assertThat(
            KafkaConnection.fromEnvironment(
                    Map.of(
                        "KAFKA_SASL_MECHANISM", "PLAIN",
                        "KAFKA_SASL_USERNAME", "u",
                        "KAFKA_SSL_CA_CERTIFICATES", CERT))
                .effectiveSecurityProtocol())
        .isEqualTo("SASL_SSL");
  }

  @Test
  void tlsMaterialBecomesPemStores() {
    var props =
        KafkaConnection.fromEnvironment(
                Map.of(
                    "KAFKA_SSL_CA_CERTIFICATES", CERT,
                    "KAFKA_SSL_CLIENT_CERTIFICATE", CERT,
                    "KAFKA_SSL_CLIENT_KEY", KEY))
            .clientProperties();

    assertThat(props)
        .containsEntry("ssl.truststore.type", "PEM")
        .containsEntry("ssl.truststore.certificates", CERT)
        .containsEntry("ssl.keystore.type", "PEM")
        .containsEntry("ssl.keystore.certificate.chain", CERT)
        .containsEntry("ssl.keystore.key", KEY);
  }

  @Test
  void contradictionsAndGapsAreRefusedNamingTheVariable() {
    assertThatThrownBy(
            () ->
                KafkaConnection.fromEnvironment(
                    Map.of(
                        "KAFKA_SECURITY_PROTOCOL", "PLAINTEXT", "KAFKA_SSL_CA_CERTIFICATES", CERT)))
        .hasMessageContaining("KAFKA_SECURITY_PROTOCOL=PLAINTEXT does not use TLS");
    assertThatThrownBy(
            () ->
                KafkaConnection.fromEnvironment(
                    Map.of(
                        "KAFKA_SECURITY_PROTOCOL", "SSL",
                        "KAFKA_SASL_MECHANISM", "PLAIN",
                        "KAFKA_SASL_USERNAME", "u")))
        .hasMessageContaining("KAFKA_SECURITY_PROTOCOL=SSL does not use SASL");
    assertThatThrownBy(
            () -> KafkaConnection.fromEnvironment(Map.of("KAFKA_SASL_PASSWORD", "secret")))
        .hasMessageContaining("KAFKA_SASL_MECHANISM is not");
    assertThatThrownBy(
            () -> KafkaConnection.fromEnvironment(Map.of("KAFKA_SASL_MECHANISM", "GSSAPI")))
        .hasMessageContaining("KAFKA_SASL_MECHANISM=GSSAPI is not one of");
    assertThatThrownBy(
            () -> KafkaConnection.fromEnvironment(Map.of("KAFKA_SSL_CLIENT_CERTIFICATE", CERT)))
        .hasMessageContaining("go together");
    assertThatThrownBy(
            () ->
                KafkaConnection.fromEnvironment(
                    Map.of(
                        "KAFKA_SSL_CLIENT_CERTIFICATE",
                        CERT,
                        "KAFKA_SSL_CLIENT_KEY",
                        "-----BEGIN RSA PRIVATE KEY-----\nMII\n-----END RSA PRIVATE KEY-----")))
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    assertThatThrownBy(
            () -> KafkaConnection.fromEnvironment(Map.of("KAFKA_SSL_CA_CERTIFICATES", "ca.crt")))
        .hasMessageContaining("KAFKA_SSL_CA_CERTIFICATES must hold PEM text");
  }

  @Test
  void secretsComeFromTheVariableOrTheFileButNotBoth() throws Exception {
    Path password = Files.writeString(dir.resolve("pw"), "from-file\n");
    Map<String, String> fromFile =
        Map.of(
            "KAFKA_SASL_MECHANISM", "PLAIN",
            "KAFKA_SASL_USERNAME", "u",
            "KAFKA_SASL_PASSWORD_FILE", password.toString());
    assertThat(KafkaConnection.fromEnvironment(fromFile).sasl().password()).isEqualTo("from-file");

    var both = new java.util.HashMap<>(fromFile);
    both.put("KAFKA_SASL_PASSWORD", "from-variable");
    assertThatThrownBy(() -> KafkaConnection.fromEnvironment(both))
        .hasMessage(
            "KAFKA_SASL_PASSWORD and KAFKA_SASL_PASSWORD_FILE are both set; set one of them");
  }

  @Test
  void toStringNeverShowsASecret() {
    KafkaConnection kafka =
        KafkaConnection.fromEnvironment(
            Map.of(
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-256",
                "KAFKA_SASL_USERNAME", "u",
                "KAFKA_SASL_PASSWORD", "hunter2",
                "KAFKA_SSL_CLIENT_CERTIFICATE", CERT,
                "KAFKA_SSL_CLIENT_KEY", KEY));

    assertThat(kafka.toString()).doesNotContain("hunter2", "MIIE").contains("<redacted>");
  }

  @Test
  void theEnvironmentItWritesReadsBackToTheSameConnection() {
    KafkaConnection kafka =
        KafkaConnection.fromEnvironment(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "a:1,b:2",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-256",
                "KAFKA_SASL_USERNAME", "u",
                "KAFKA_SASL_PASSWORD", "p",
                "KAFKA_SSL_CA_CERTIFICATES", CERT));

    assertThat(KafkaConnection.fromEnvironment(kafka.environment()).clientProperties())
        .isEqualTo(kafka.clientProperties());
  }

  @Test
  void everyVariableIsDocumentedInTheConfigurationReference() throws Exception {
    String reference = Files.readString(Path.of("../../docs/configuration.md"));
    assertThat(KafkaConnection.VARIABLES)
        .filteredOn(v -> !v.endsWith(EnvironmentSecrets.FILE_SUFFIX))
        .allSatisfy(v -> assertThat(reference).contains("`" + v + "`"));
  }
}
