package io.telemetra.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * TLS to the Kafka brokers: the CA to trust them with and, for mutual TLS, a client certificate;
 * both PEM, read from Secrets in the pipeline's namespace.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaTls {

  @JsonPropertyDescription(
      "Secret key holding the PEM CA certificates the brokers' certificates are checked against,"
          + " e.g. Strimzi's <cluster>-cluster-ca-cert, key ca.crt. Unset: the JVM's default"
          + " trust store (a public CA).")
  private SecretKeyRef caSecretRef;

  @JsonPropertyDescription(
      "Client certificate for mutual TLS (security protocol SSL, or with SASL_SSL if the brokers"
          + " ask for one), e.g. a kubernetes.io/tls Secret or a Strimzi KafkaUser's Secret.")
  private ClientCertificateSecretRef clientCertificateSecretRef;

  public SecretKeyRef getCaSecretRef() {
    return caSecretRef;
  }

  public void setCaSecretRef(SecretKeyRef caSecretRef) {
    this.caSecretRef = caSecretRef;
  }

  public ClientCertificateSecretRef getClientCertificateSecretRef() {
    return clientCertificateSecretRef;
  }

  public void setClientCertificateSecretRef(ClientCertificateSecretRef clientCertificateSecretRef) {
    this.clientCertificateSecretRef = clientCertificateSecretRef;
  }
}
