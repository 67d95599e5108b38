package io.telemetra.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
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

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyDescription(
      "The copies of the checkpoint the job keeps (spec.streaming.snapshots), newest first; the"
          + " id of one is what spec.streaming.restoreFrom takes.")
  private List<CheckpointSnapshot> snapshots = new ArrayList<>();

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
        && Objects.equals(message, s.message)
        && Objects.equals(snapshots, s.snapshots);
  }

  @Override
  public int hashCode() {
    return Objects.hash(applicationName, state, message, snapshots);
  }

  /** A copy listing {@code snapshots}. */
  public StreamingStatus withSnapshots(List<CheckpointSnapshot> snapshots) {
    StreamingStatus copy = new StreamingStatus(applicationName, state, message);
    copy.setSnapshots(snapshots);
    return copy;
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

  public List<CheckpointSnapshot> getSnapshots() {
    return snapshots;
  }

  public void setSnapshots(List<CheckpointSnapshot> snapshots) {
    this.snapshots = snapshots == null ? new ArrayList<>() : new ArrayList<>(snapshots);
  }
}
