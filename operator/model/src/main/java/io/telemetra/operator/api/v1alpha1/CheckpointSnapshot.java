package io.telemetra.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** A copy of the streaming job's checkpoint, taken when the job started. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CheckpointSnapshot {

  @JsonPropertyDescription("The snapshot's id, for spec.streaming.restoreFrom.")
  private String id;

  @JsonPropertyDescription("When it was taken (RFC 3339).")
  private String takenAt;

  @JsonPropertyDescription("The last batch each query had committed, e.g. 'ingest batch 41'.")
  private String batches;

  @JsonPropertyDescription("Where the copy is.")
  private String location;

  @JsonPropertyDescription("When the job last went back to it (RFC 3339), if it did.")
  private String restoredAt;

  public CheckpointSnapshot() {}

  public CheckpointSnapshot(
      String id, String takenAt, String batches, String location, String restoredAt) {
    this.id = id;
    this.takenAt = takenAt;
    this.batches = batches;
    this.location = location;
    this.restoredAt = restoredAt;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CheckpointSnapshot s
        && Objects.equals(id, s.id)
        && Objects.equals(takenAt, s.takenAt)
        && Objects.equals(batches, s.batches)
        && Objects.equals(location, s.location)
        && Objects.equals(restoredAt, s.restoredAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, takenAt, batches, location, restoredAt);
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public String getTakenAt() {
    return takenAt;
  }

  public void setTakenAt(String takenAt) {
    this.takenAt = takenAt;
  }

  public String getBatches() {
    return batches;
  }

  public void setBatches(String batches) {
    this.batches = batches;
  }

  public String getLocation() {
    return location;
  }

  public void setLocation(String location) {
    this.location = location;
  }

  public String getRestoredAt() {
    return restoredAt;
  }

  public void setRestoredAt(String restoredAt) {
    this.restoredAt = restoredAt;
  }
}
