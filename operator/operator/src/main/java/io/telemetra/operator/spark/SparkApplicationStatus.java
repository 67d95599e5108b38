package io.telemetra.operator.spark;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The part of SparkApplication.status Telemetra reads. */
@JsonIgnoreProperties(ignoreUnknown = true)
public class SparkApplicationStatus {

  private ApplicationState applicationState;

  public ApplicationState getApplicationState() {
    return applicationState;
  }

  public void setApplicationState(ApplicationState applicationState) {
    this.applicationState = applicationState;
  }
}
