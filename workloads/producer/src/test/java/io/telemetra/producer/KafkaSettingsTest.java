package io.telemetra.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSettingsTest {

  @Test
  void withoutAuthenticationOnlyTheBootstrapServersAreSet() {
    Properties props = KafkaSettings.fromEnvironment("k:9092", Map.of()).clientProperties();

    assertThat(props)
        .containsOnlyKeys("bootstrap.servers")
        .containsEntry("bootstrap.servers", "k:9092");
  }

  @Test
  void scramCredentialsBecomeAJaasConfigAndTheFileWinsOverNothing(@TempDir Path dir)
      throws Exception {
    Path secret = dir.resolve("password");
    Files.writeString(secret, "s3cr\"et\n");
    Map<String, String> env =
        Map.of(
            "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
            "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
            "KAFKA_SASL_USERNAME", "telemetra",
            "KAFKA_SASL_PASSWORD_FILE", secret.toString());

    KafkaSettings settings = KafkaSettings.fromEnvironment("k:9093", env);
    Properties props = settings.clientProperties();

    assertThat(props)
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry(
            "sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"telemetra\" password=\"s3cr\\\"et\";");
    assertThat(settings.toString()).doesNotContain("s3cr").contains("saslPassword=***");
  }

  @Test
  void plainMechanismUsesThePlainLoginModule() {
    Properties props =
        KafkaSettings.fromEnvironment(
                "k:9093",
                Map.of(
                    "KAFKA_SASL_MECHANISM", "PLAIN",
                    "KAFKA_SASL_USERNAME", "u",
                    "KAFKA_SASL_PASSWORD", "p"))
            .clientProperties();

    assertThat(props.getProperty("sasl.jaas.config"))
        .startsWith("org.apache.kafka.common.security.plain.PlainLoginModule required");
  }
}
