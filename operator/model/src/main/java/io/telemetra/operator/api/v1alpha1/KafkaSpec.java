package io.telemetra.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The Kafka cluster and how this pipeline's topics are laid out on it. */
@ValidationRule(
    value = "self.partitions >= oldSelf.partitions",
    // No messageExpression with the numbers: the API server's cost estimate of string(int) in a
    // message expression exceeds its budget more than 100-fold and it refuses the CRD.
    message = "spec.kafka.partitions can only grow: Kafka cannot remove partitions from a topic",
    fieldPath = ".partitions")
@ValidationRule(
    value = "!has(self.tls) || !has(self.auth) || self.auth.securityProtocol == 'SASL_SSL'",
    message =
        "spec.kafka.tls needs spec.kafka.auth.securityProtocol SASL_SSL: SASL_PLAINTEXT does not"
            + " use TLS",
    fieldPath = ".auth.securityProtocol")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaSpec {

  @Required
  @Pattern("^[^,\\s]+(,[^,\\s]+)*$")
  @JsonPropertyDescription("Comma-separated host:port list of Kafka brokers.")
  private String bootstrapServers;

  @Default("telemetra.events")
  @Size(min = 1, max = 200)
  @Pattern("^[a-zA-Z0-9._-]+$")
  @ValidationRule(
      value = "self == oldSelf",
      message = "kafka.topicPrefix is immutable: create a new pipeline to use other topics",
      messageExpression =
          "'spec.kafka.topicPrefix is immutable: ' + oldSelf + ' → ' + self"
              + " + ' (create a new pipeline to use other topics)'")
  @JsonPropertyDescription(
      "Topic name prefix: topics are <prefix>.chat, .viewer, .transactions, .stream_meta, .dlq.")
  private String topicPrefix = "telemetra.events";

  @Default("3")
  @Min(1)
  @Max(1000)
  @JsonPropertyDescription("Partitions per topic; may grow, never shrink.")
  private Integer partitions = 3;

  @Default("1")
  @Min(1)
  @Max(7)
  @JsonPropertyDescription("Replication factor of newly created topics.")
  private Integer replicationFactor = 1;

  @Default("168")
  @Min(1)
  @Max(87600)
  @JsonPropertyDescription("How long Kafka keeps events, in hours (retention.ms of every topic).")
  private Integer retentionHours = 168;

  @JsonPropertyDescription(
      "SASL authentication; with neither auth nor tls the brokers are reached over PLAINTEXT.")
  private KafkaAuth auth;

  @JsonPropertyDescription(
      "TLS with a private CA and/or a client certificate. Without auth the security protocol is"
          + " SSL; with auth it must be SASL_SSL.")
  private KafkaTls tls;

  public String getBootstrapServers() {
    return bootstrapServers;
  }

  public void setBootstrapServers(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  public String getTopicPrefix() {
    return topicPrefix;
  }

  public void setTopicPrefix(String topicPrefix) {
    this.topicPrefix = topicPrefix;
  }

  public Integer getPartitions() {
    return partitions;
  }

  public void setPartitions(Integer partitions) {
    this.partitions = partitions;
  }

  public Integer getReplicationFactor() {
    return replicationFactor;
  }

  public void setReplicationFactor(Integer replicationFactor) {
    this.replicationFactor = replicationFactor;
  }

  public Integer getRetentionHours() {
    return retentionHours;
  }

  public void setRetentionHours(Integer retentionHours) {
    this.retentionHours = retentionHours;
  }

  public KafkaAuth getAuth() {
    return auth;
  }

  public void setAuth(KafkaAuth auth) {
    this.auth = auth;
  }

  public KafkaTls getTls() {
    return tls;
  }

  public void setTls(KafkaTls tls) {
    this.tls = tls;
  }
}
