package io.telemetra.operator.spark;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** SparkApplication.status.applicationState: RUNNING, FAILED, SUBMISSION_FAILED, ... */
@JsonIgnoreProperties(ignoreUnknown = true)
public class ApplicationState {

  public static final String RUNNING = "RUNNING";
  public static final String FAILED = "FAILED";
  public static final String SUBMISSION_FAILED = "SUBMISSION_FAILED";

  private String state;
  private String errorMessage;

  public ApplicationState() {}

  public ApplicationState(String state, String errorMessage) {
    this.state = state;
    this.errorMessage = errorMessage;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public String getErrorMessage() {
    return errorMessage;
  }

  public void setErrorMessage(String errorMessage) {
    this.errorMessage = errorMessage;
  }
}
