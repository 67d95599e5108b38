package io.telemetra.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The applied Postgres schema. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SchemaStatus {

  @JsonPropertyDescription("Flyway version of the applied schema.")
  private String version;

  public SchemaStatus() {}

  public SchemaStatus(String version) {
    this.version = version;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SchemaStatus s && Objects.equals(version, s.version);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(version);
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }
}
