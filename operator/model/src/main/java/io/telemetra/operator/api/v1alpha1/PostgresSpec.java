package io.telemetra.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** The PostgreSQL database: the operator migrates its schema, the job and API use it. */
@ValidationRule(
    value =
        "!has(self.rootCertificateSecretRef) || !has(self.sslMode)"
            + " || self.sslMode in ['require', 'verify-ca', 'verify-full']",
    message =
        "spec.postgres.rootCertificateSecretRef needs sslMode require, verify-ca or verify-full",
    fieldPath = ".sslMode")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PostgresSpec {

  /** libpq's and pgjdbc's sslmode values. */
  public enum SslMode {
    @JsonProperty("disable")
    DISABLE,
    @JsonProperty("allow")
    ALLOW,
    @JsonProperty("prefer")
    PREFER,
    @JsonProperty("require")
    REQUIRE,
    @JsonProperty("verify-ca")
    VERIFY_CA,
    @JsonProperty("verify-full")
    VERIFY_FULL;

    /** The value as libpq spells it. */
    public String value() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  @Required
  @Pattern("^[^\\s/:]+$")
  @JsonPropertyDescription("Host name or IP address of the PostgreSQL server.")
  private String host;

  @Default("5432")
  @Min(1)
  @Max(65535)
  @JsonPropertyDescription("PostgreSQL port.")
  private Integer port = 5432;

  @Default("telemetra")
  @Pattern("^[a-zA-Z_][a-zA-Z0-9_$-]{0,62}$")
  @JsonPropertyDescription("Database name.")
  private String database = "telemetra";

  @Required
  @JsonPropertyDescription("Secret with the database user and password.")
  private UserPasswordSecretRef credentialsSecretRef;

  @JsonPropertyDescription(
      "TLS to the server, as libpq's sslmode. Unset: the driver's default (prefer), or"
          + " verify-full when rootCertificateSecretRef is set. verify-ca/verify-full without a"
          + " root certificate trust the JVM's trust store.")
  private SslMode sslMode;

  @JsonPropertyDescription(
      "Secret key holding the PEM certificate of the CA that signed the server's certificate"
          + " (e.g. a cloud provider's RDS/Cloud SQL CA, or cert-manager's ca.crt).")
  private SecretKeyRef rootCertificateSecretRef;

  public SslMode getSslMode() {
    return sslMode;
  }

  public void setSslMode(SslMode sslMode) {
    this.sslMode = sslMode;
  }

  public SecretKeyRef getRootCertificateSecretRef() {
    return rootCertificateSecretRef;
  }

  public void setRootCertificateSecretRef(SecretKeyRef rootCertificateSecretRef) {
    this.rootCertificateSecretRef = rootCertificateSecretRef;
  }

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

  public String getDatabase() {
    return database;
  }

  public void setDatabase(String database) {
    this.database = database;
  }

  public UserPasswordSecretRef getCredentialsSecretRef() {
    return credentialsSecretRef;
  }

  public void setCredentialsSecretRef(UserPasswordSecretRef credentialsSecretRef) {
    this.credentialsSecretRef = credentialsSecretRef;
  }
}
