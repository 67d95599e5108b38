package io.telemetra.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** Redis used by the API as a cache. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RedisSpec {

  @Required
  @Pattern("^[^\\s/:]+$")
  @JsonPropertyDescription("Host name or IP address of Redis.")
  private String host;

  @Default("6379")
  @Min(1)
  @Max(65535)
  @JsonPropertyDescription("Redis port.")
  private Integer port = 6379;

  @JsonPropertyDescription("Secret key holding the Redis password; unset means no password.")
  private SecretKeyRef passwordSecretRef;

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }

  public SecretKeyRef getPasswordSecretRef() {
    return passwordSecretRef;
  }

  public void setPasswordSecretRef(SecretKeyRef passwordSecretRef) {
    this.passwordSecretRef = passwordSecretRef;
  }
}
