package io.telemetra.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** The PostgreSQL database: the operator migrates its schema, the job and API use it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PostgresSpec {

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
