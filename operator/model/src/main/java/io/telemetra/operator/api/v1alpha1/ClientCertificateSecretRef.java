package io.telemetra.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A Secret holding a PEM client certificate (chain) and its unencrypted PKCS#8 key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ClientCertificateSecretRef {

  @Required
  @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
  @JsonPropertyDescription("Name of the Secret.")
  private String name;

  @Default("tls.crt")
  @JsonPropertyDescription(
      "Key of the PEM certificate chain (tls.crt in a kubernetes.io/tls Secret, user.crt in a"
          + " Strimzi KafkaUser's).")
  private String certificateKey = "tls.crt";

  @Default("tls.key")
  @JsonPropertyDescription(
      "Key of the PEM private key, unencrypted PKCS#8 (-----BEGIN PRIVATE KEY-----; user.key in a"
          + " Strimzi KafkaUser's Secret).")
  private String keyKey = "tls.key";

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getCertificateKey() {
    return certificateKey;
  }

  public void setCertificateKey(String certificateKey) {
    this.certificateKey = certificateKey;
  }

  public String getKeyKey() {
    return keyKey;
  }

  public void setKeyKey(String keyKey) {
    this.keyKey = keyKey;
  }
}
