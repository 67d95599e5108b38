package io.telemetra.streaming.config;

import io.telemetra.schema.PostgresSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to reach Kafka: bootstrap servers and optional SASL authentication (KAFKA_SECURITY_PROTOCOL,
 * KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE).
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

  public static KafkaSettings fromEnvironment(Map<String, String> env) {
    return new KafkaSettings(
        env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
        blankToNull(env.get("KAFKA_SECURITY_PROTOCOL")),
        blankToNull(env.get("KAFKA_SASL_MECHANISM")),
        blankToNull(env.get("KAFKA_SASL_USERNAME")),
        blankToNull(PostgresSettings.secret(env, "KAFKA_SASL_PASSWORD")));
  }

  /** Kafka client properties, unprefixed (bootstrap.servers, security.protocol, ...). */
  public Map<String, String> clientProperties() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("bootstrap.servers", bootstrapServers);
    if (securityProtocol != null) {
      props.put("security.protocol", securityProtocol);
    }
    if (saslMechanism != null) {
      props.put("sasl.mechanism", saslMechanism);
      String module =
          saslMechanism.startsWith("SCRAM")
              ? "org.apache.kafka.common.security.scram.ScramLoginModule"
              : "org.apache.kafka.common.security.plain.PlainLoginModule";
      props.put(
          "sasl.jaas.config",
          module
              + " required username=\""
              + escape(saslUsername)
              + "\" password=\""
              + escape(saslPassword)
              + "\";");
    }
    return props;
  }

  /** The same properties as Spark Kafka source/sink options ({@code kafka.} prefixed). */
  public Map<String, String> sparkOptions() {
    Map<String, String> options = new LinkedHashMap<>();
    clientProperties().forEach((k, v) -> options.put("kafka." + k, v));
    return options;
  }

  private static String escape(String s) {
    return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
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
        + ", saslPassword=<redacted>]";
  }
}
