package io.telemetra.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The streaming job's SparkApplication as the Spark operator reports it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StreamingStatus {

  @JsonPropertyDescription("Name of the SparkApplication.")
  private String applicationName;

  @JsonPropertyDescription("Spark operator application state, e.g. SUBMITTED, RUNNING, FAILED.")
  private String state;

  @JsonPropertyDescription("Error message reported by the Spark operator, if any.")
  private String message;

  public StreamingStatus() {}

  public StreamingStatus(String applicationName, String state, String message) {
    this.applicationName = applicationName;
    this.state = state;
    this.message = message;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StreamingStatus s
        && Objects.equals(applicationName, s.applicationName)
        && Objects.equals(state, s.state)
        && Objects.equals(message, s.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(applicationName, state, message);
  }

  public String getApplicationName() {
    return applicationName;
  }

  public void setApplicationName(String applicationName) {
    this.applicationName = applicationName;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }
}
