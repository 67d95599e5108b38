package io.telemetra.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.embedded.CertificateAuthority;
import io.telemetra.events.DeadLetter;
import io.telemetra.runtime.KafkaConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The job on a locked-down Kafka, configured only through the documented variables: it reads over
 * mutual TLS (or SASL_SSL with SCRAM) with a private CA, writes exactly what the ground truth says,
 * and its dead-letter producer gets through the same TLS connection.
 */
class KafkaOverTlsIT {

  @Test
  void overMutualTlsTheJobCountsExactlyAndDeadLettersGetThrough() throws Exception {
    TestInfrastructure infrastructure = TestInfrastructure.shared();
    CertificateAuthority.Issued client =
        infrastructure.kafkaCa.issue("telemetra-streaming", List.of());
    runOver(
        KafkaConnection.fromEnvironment(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", infrastructure.broker.sslBootstrapServers(),
                "KAFKA_SSL_CA_CERTIFICATES", infrastructure.kafkaCa.certificatePem(),
                "KAFKA_SSL_CLIENT_CERTIFICATE", client.certificatePem(),
                "KAFKA_SSL_CLIENT_KEY", client.privateKeyPem())),
        "mtls");
  }

  @Test
  void overSaslSslWithScramTheJobCountsExactlyAndDeadLettersGetThrough() throws Exception {
    TestInfrastructure infrastructure = TestInfrastructure.shared();
    runOver(
        KafkaConnection.fromEnvironment(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                infrastructure.broker.saslSslBootstrapServers(),
                "KAFKA_SECURITY_PROTOCOL",
                "SASL_SSL",
                "KAFKA_SASL_MECHANISM",
                "SCRAM-SHA-512",
                "KAFKA_SASL_USERNAME",
                TestInfrastructure.SCRAM_USER,
                "KAFKA_SASL_PASSWORD",
                TestInfrastructure.SCRAM_PASSWORD,
                "KAFKA_SSL_CA_CERTIFICATES",
                infrastructure.kafkaCa.certificatePem())),
        "scram");
  }

  private static void runOver(KafkaConnection kafka, String name) throws Exception {
    var pipeline = TestInfrastructure.shared().newPipeline(name);
    var traffic = new ScriptedTraffic(5, pipeline.topics());
    Instant start = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
    List<ScriptedTraffic.Sent> sent =
        new ArrayList<>(traffic.generate(300, 2, start, Duration.ofMillis(200), 0, 0, 0, 0));
    for (int i = 0; i < 3; i++) {
      sent.add(sent.size() / 2, traffic.malformed("s-0", start.plusSeconds(20 + i)));
    }
    // The test writes over PLAINTEXT; only the job's connection is under test.
    KafkaTestClient.send(pipeline.bootstrapServers(), sent);

    try (RunningJob job = StreamingJob.start(pipeline.settings(kafka))) {
      job.processAllAvailable();
      assertThat(job.failure()).isEmpty();
    }

    pipeline.assertTablesEqualGroundTruth(
        sent.stream().map(ScriptedTraffic.Sent::event).filter(e -> e != null).toList());
    List<ScriptedTraffic.Sent> bad = sent.stream().filter(s -> s.event() == null).toList();
    List<DeadLetter> letters =
        KafkaTestClient.readDeadLetters(
            pipeline.bootstrapServers(), pipeline.topics().deadLetter(), bad.size());
    assertThat(letters).doesNotContainNull().hasSize(bad.size());
  }
}
