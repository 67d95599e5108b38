package io.telemetra.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The streaming job's checkpoints as its commit ledger in Postgres records them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CheckpointStatus {

  @JsonPropertyDescription(
      "Checkpoint resets the streaming job detected for this pipeline: a query that started on a"
          + " new checkpoint while the ledger held batches of an older one (lost, deleted or"
          + " replaced checkpoint). Each is listed in the streaming_checkpoint_resets table.")
  private Integer resets;

  @JsonPropertyDescription("When the job detected the latest reset (RFC 3339).")
  private String lastResetAt;

  @JsonPropertyDescription("The latest reset: query, both checkpoint ids and the old last batch.")
  private String lastReset;

  public CheckpointStatus() {}

  public CheckpointStatus(int resets, String lastResetAt, String lastReset) {
    this.resets = resets;
    this.lastResetAt = lastResetAt;
    this.lastReset = lastReset;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CheckpointStatus c
        && Objects.equals(resets, c.resets)
        && Objects.equals(lastResetAt, c.lastResetAt)
        && Objects.equals(lastReset, c.lastReset);
  }

  @Override
  public int hashCode() {
    return Objects.hash(resets, lastResetAt, lastReset);
  }

  public Integer getResets() {
    return resets;
  }

  public void setResets(Integer resets) {
    this.resets = resets;
  }

  public String getLastResetAt() {
    return lastResetAt;
  }

  public void setLastResetAt(String lastResetAt) {
    this.lastResetAt = lastResetAt;
  }

  public String getLastReset() {
    return lastReset;
  }

  public void setLastReset(String lastReset) {
    this.lastReset = lastReset;
  }
}
