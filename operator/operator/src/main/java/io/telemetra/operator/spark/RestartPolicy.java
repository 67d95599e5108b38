package io.telemetra.operator.spark;

import com.fasterxml.jackson.annotation.JsonInclude;

/** SparkApplication.spec.restartPolicy: when the Spark operator resubmits the job. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RestartPolicy {

  private String type;
  private Integer onFailureRetries;
  private Long onFailureRetryInterval;
  private Integer onSubmissionFailureRetries;
  private Long onSubmissionFailureRetryInterval;

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public Integer getOnFailureRetries() {
    return onFailureRetries;
  }

  public void setOnFailureRetries(Integer onFailureRetries) {
    this.onFailureRetries = onFailureRetries;
  }

  public Long getOnFailureRetryInterval() {
    return onFailureRetryInterval;
  }

  public void setOnFailureRetryInterval(Long onFailureRetryInterval) {
    this.onFailureRetryInterval = onFailureRetryInterval;
  }

  public Integer getOnSubmissionFailureRetries() {
    return onSubmissionFailureRetries;
  }

  public void setOnSubmissionFailureRetries(Integer onSubmissionFailureRetries) {
    this.onSubmissionFailureRetries = onSubmissionFailureRetries;
  }

  public Long getOnSubmissionFailureRetryInterval() {
    return onSubmissionFailureRetryInterval;
  }

  public void setOnSubmissionFailureRetryInterval(Long onSubmissionFailureRetryInterval) {
    this.onSubmissionFailureRetryInterval = onSubmissionFailureRetryInterval;
  }
}
