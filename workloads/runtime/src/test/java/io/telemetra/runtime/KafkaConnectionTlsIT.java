package io.telemetra.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetra.embedded.CertificateAuthority;
import io.telemetra.embedded.KafkaBroker;
import io.telemetra.embedded.KafkaTlsListeners;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code KAFKA_*} variables against a real broker that offers only what a locked-down cluster
 * does: mutual TLS, and SASL_SSL with SCRAM-SHA-512, both with certificates from a private CA. Each
 * connection produces, consumes and administers; the refusals show the broker really checks.
 */
class KafkaConnectionTlsIT {

  private static final String USER = "telemetra";
  private static final String PASSWORD = "scram-" + UUID.randomUUID();

  @TempDir static Path dir;
  private static CertificateAuthority ca;
  private static KafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    ca = CertificateAuthority.create("telemetra-test-ca");
    broker =
        KafkaBroker.onFreePorts(dir.resolve("kafka"))
            .withTls(KafkaTlsListeners.on(ca, Map.of(USER, PASSWORD)))
            .start();
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void mutualTlsWithACaAndAClientCertificateProducesConsumesAndAdministers() throws Exception {
    CertificateAuthority.Issued client = ca.issue("telemetra-client", List.of());
    KafkaConnection kafka =
        KafkaConnection.fromEnvironment(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", broker.sslBootstrapServers(),
                "KAFKA_SSL_CA_CERTIFICATES", ca.certificatePem(),
                "KAFKA_SSL_CLIENT_CERTIFICATE", client.certificatePem(),
                "KAFKA_SSL_CLIENT_KEY", client.privateKeyPem()));

    assertThat(kafka.effectiveSecurityProtocol()).isEqualTo("SSL");
    assertRoundTrip(kafka);
  }

  @Test
  void saslSslWithScramAndTheCaFromFilesProducesConsumesAndAdministers() throws Exception {
    Path caFile = Files.writeString(dir.resolve("ca.crt"), ca.certificatePem());
    Path passwordFile = Files.writeString(dir.resolve("password"), PASSWORD + "\n");
    KafkaConnection kafka =
        KafkaConnection.fromEnvironment(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                broker.saslSslBootstrapServers(),
                "KAFKA_SECURITY_PROTOCOL",
                "SASL_SSL",
                "KAFKA_SASL_MECHANISM",
                "SCRAM-SHA-512",
                "KAFKA_SASL_USERNAME",
                USER,
                "KAFKA_SASL_PASSWORD_FILE",
                passwordFile.toString(),
                "KAFKA_SSL_CA_CERTIFICATES_FILE",
                caFile.toString()));

    assertRoundTrip(kafka);
  }

  @Test
  void theMutualTlsListenerRefusesAClientWithoutACertificate() {
    KafkaConnection kafka =
        KafkaConnection.fromEnvironment(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", broker.sslBootstrapServers(),
                "KAFKA_SSL_CA_CERTIFICATES", ca.certificatePem()));

    assertThatThrownBy(() -> listTopics(kafka))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(SslAuthenticationException.class);
  }

  @Test
  void aClientThatTrustsAnotherCaRefusesTheBroker() {
    CertificateAuthority other = CertificateAuthority.create("someone-else");
    KafkaConnection kafka = scram(PASSWORD, other.certificatePem());

    assertThat(kafka.effectiveSecurityProtocol()).isEqualTo("SASL_SSL");
    assertThatThrownBy(() -> listTopics(kafka))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(SslAuthenticationException.class)
        .hasStackTraceContaining("PKIX path");
  }

  @Test
  void aWrongScramPasswordIsRefused() {
    KafkaConnection kafka = scram("not-" + PASSWORD, ca.certificatePem());

    assertThatThrownBy(() -> listTopics(kafka))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(SaslAuthenticationException.class);
  }

  /** SASL_SSL with SCRAM-SHA-512 as {@link #USER}. */
  private static KafkaConnection scram(String password, String caCertificates) {
    return KafkaConnection.fromEnvironment(
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", broker.saslSslBootstrapServers(),
            "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
            "KAFKA_SASL_USERNAME", USER,
            "KAFKA_SASL_PASSWORD", password,
            "KAFKA_SSL_CA_CERTIFICATES", caCertificates));
  }

  private static void listTopics(KafkaConnection kafka) throws Exception {
    try (Admin admin = Admin.create(withTimeouts(kafka.properties()))) {
      admin.listTopics().names().get(20, TimeUnit.SECONDS);
    }
  }

  private static void assertRoundTrip(KafkaConnection kafka) throws Exception {
    String topic = "tls-" + UUID.randomUUID();
    try (Admin admin = Admin.create(withTimeouts(kafka.properties()))) {
      admin
          .createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
          .all()
          .get(20, TimeUnit.SECONDS);
      assertThat(admin.listTopics().names().get(20, TimeUnit.SECONDS)).contains(topic);
    }
    try (var producer =
        new KafkaProducer<>(kafka.properties(), new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "k", "over TLS")).get(20, TimeUnit.SECONDS);
    }
    Properties consumerProps = kafka.properties();
    consumerProps.put("group.id", "tls-" + UUID.randomUUID());
    consumerProps.put("auto.offset.reset", "earliest");
    try (var consumer =
        new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      Map<String, String> seen = new HashMap<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (seen.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          seen.put(r.key(), r.value());
        }
      }
      assertThat(seen).containsEntry("k", "over TLS");
    }
  }

  private static Properties withTimeouts(Properties props) {
    props.put("request.timeout.ms", "10000");
    props.put("default.api.timeout.ms", "20000");
    return props;
  }
}
