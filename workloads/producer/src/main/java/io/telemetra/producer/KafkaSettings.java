package io.telemetra.producer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * How to reach Kafka: bootstrap servers plus the optional authentication of docs/configuration.md
 * ({@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM}, {@code KAFKA_SASL_USERNAME},
 * {@code KAFKA_SASL_PASSWORD} or {@code KAFKA_SASL_PASSWORD_FILE}). The password never appears in
 * {@link #toString()}.
 */
public record KafkaSettings(
    String bootstrapServers,
    String securityProtocol,
    String saslMechanism,
    String saslUsername,
    String saslPassword) {

  public static KafkaSettings plaintext(String bootstrapServers) {
    return new KafkaSettings(bootstrapServers, null, null, null, null);
  }

  /** The bootstrap servers given, with authentication read from the environment. */
  public static KafkaSettings fromEnvironment(String bootstrapServers, Map<String, String> env) {
    String password = env.get("KAFKA_SASL_PASSWORD");
    String passwordFile = env.get("KAFKA_SASL_PASSWORD_FILE");
    if ((password == null || password.isEmpty())
        && passwordFile != null
        && !passwordFile.isBlank()) {
      try {
        password = Files.readString(Path.of(passwordFile)).strip();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read KAFKA_SASL_PASSWORD_FILE " + passwordFile, e);
      }
    }
    return new KafkaSettings(
        bootstrapServers,
        blankToNull(env.get("KAFKA_SECURITY_PROTOCOL")),
        blankToNull(env.get("KAFKA_SASL_MECHANISM")),
        blankToNull(env.get("KAFKA_SASL_USERNAME")),
        blankToNull(password));
  }

  /** Client properties common to producers, consumers and admin clients. */
  public Properties clientProperties() {
    Properties props = new Properties();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    if (securityProtocol != null) {
      props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol);
    }
    if (saslMechanism != null) {
      props.put(SaslConfigs.SASL_MECHANISM, saslMechanism);
      if (saslUsername != null) {
        String module =
            saslMechanism.toUpperCase(Locale.ROOT).startsWith("SCRAM")
                ? "org.apache.kafka.common.security.scram.ScramLoginModule"
                : "org.apache.kafka.common.security.plain.PlainLoginModule";
        props.put(
            SaslConfigs.SASL_JAAS_CONFIG,
            module
                + " required username=\""
                + escape(saslUsername)
                + "\" password=\""
                + escape(saslPassword == null ? "" : saslPassword)
                + "\";");
      }
    }
    return props;
  }

  @Override
  public String toString() {
    return "KafkaSettings[bootstrapServers="
        + bootstrapServers
        + ", securityProtocol="
        + securityProtocol
        + ", saslMechanism="
        + saslMechanism
        + ", saslUsername="
        + saslUsername
        + ", saslPassword="
        + (saslPassword == null ? "unset" : "***")
        + "]";
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
