package io.telemetra.operator.spark;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** The part of SparkApplication.status Telemetra reads. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SparkApplicationStatus {

  private ApplicationState applicationState;
  private String submissionID;
  private String lastSubmissionAttemptTime;
  private Integer submissionAttempts;
  private Integer executionAttempts;
  private Map<String, String> executorState;

  public ApplicationState getApplicationState() {
    return applicationState;
  }

  public void setApplicationState(ApplicationState applicationState) {
    this.applicationState = applicationState;
  }

  /** A new UUID for every submission (first run, rerun after a spec change, restart). */
  public String getSubmissionID() {
    return submissionID;
  }

  public void setSubmissionID(String submissionID) {
    this.submissionID = submissionID;
  }

  public String getLastSubmissionAttemptTime() {
    return lastSubmissionAttemptTime;
  }

  public void setLastSubmissionAttemptTime(String lastSubmissionAttemptTime) {
    this.lastSubmissionAttemptTime = lastSubmissionAttemptTime;
  }

  public Integer getSubmissionAttempts() {
    return submissionAttempts;
  }

  public void setSubmissionAttempts(Integer submissionAttempts) {
    this.submissionAttempts = submissionAttempts;
  }

  public Integer getExecutionAttempts() {
    return executionAttempts;
  }

  public void setExecutionAttempts(Integer executionAttempts) {
    this.executionAttempts = executionAttempts;
  }

  /** Executor pod name to its state: PENDING, RUNNING, COMPLETED, FAILED, UNKNOWN. */
  public Map<String, String> getExecutorState() {
    return executorState;
  }

  public void setExecutorState(Map<String, String> executorState) {
    this.executorState = executorState;
  }
}
