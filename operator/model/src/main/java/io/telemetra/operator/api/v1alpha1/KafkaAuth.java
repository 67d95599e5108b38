package io.telemetra.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** SASL credentials for Kafka, read from a Secret in the pipeline's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaAuth {

  /** Kafka security protocols that carry SASL credentials. */
  public enum SecurityProtocol {
    SASL_PLAINTEXT,
    SASL_SSL
  }

  /** SASL mechanisms the clients support. */
  public enum SaslMechanism {
    PLAIN,
    @JsonProperty("SCRAM-SHA-256")
    SCRAM_SHA_256,
    @JsonProperty("SCRAM-SHA-512")
    SCRAM_SHA_512
  }

  @Default("SASL_SSL")
  @JsonPropertyDescription("Kafka security.protocol.")
  private SecurityProtocol securityProtocol = SecurityProtocol.SASL_SSL;

  @Default("SCRAM-SHA-512")
  @JsonPropertyDescription("Kafka sasl.mechanism.")
  private SaslMechanism saslMechanism = SaslMechanism.SCRAM_SHA_512;

  @Required
  @JsonPropertyDescription("Secret holding the SASL username and password.")
  private UserPasswordSecretRef secretRef;

  public SecurityProtocol getSecurityProtocol() {
    return securityProtocol;
  }

  public void setSecurityProtocol(SecurityProtocol securityProtocol) {
    this.securityProtocol = securityProtocol;
  }

  public SaslMechanism getSaslMechanism() {
    return saslMechanism;
  }

  public void setSaslMechanism(SaslMechanism saslMechanism) {
    this.saslMechanism = saslMechanism;
  }

  public UserPasswordSecretRef getSecretRef() {
    return secretRef;
  }

  public void setSecretRef(UserPasswordSecretRef secretRef) {
    this.secretRef = secretRef;
  }
}
