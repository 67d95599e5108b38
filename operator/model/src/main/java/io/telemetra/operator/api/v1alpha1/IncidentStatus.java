package io.telemetra.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/**
 * Something the streaming job detected and recorded in Postgres that lost or replayed data: how
 * often, when last, and the latest occurrence in words.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IncidentStatus {

  @JsonPropertyDescription(
      "How many so far: checkpoint resets, or records deleted from Kafka before the job read them.")
  private Long count;

  @JsonPropertyDescription("When the job detected the latest one (RFC 3339).")
  private String lastDetectedAt;

  @JsonPropertyDescription("The latest one: query, batch or checkpoint ids, offsets.")
  private String last;

  public IncidentStatus() {}

  public IncidentStatus(long count, String lastDetectedAt, String last) {
    this.count = count;
    this.lastDetectedAt = lastDetectedAt;
    this.last = last;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IncidentStatus c
        && Objects.equals(count, c.count)
        && Objects.equals(lastDetectedAt, c.lastDetectedAt)
        && Objects.equals(last, c.last);
  }

  @Override
  public int hashCode() {
    return Objects.hash(count, lastDetectedAt, last);
  }

  public Long getCount() {
    return count;
  }

  public void setCount(Long count) {
    this.count = count;
  }

  public String getLastDetectedAt() {
    return lastDetectedAt;
  }

  public void setLastDetectedAt(String lastDetectedAt) {
    this.lastDetectedAt = lastDetectedAt;
  }

  public String getLast() {
    return last;
  }

  public void setLast(String last) {
    this.last = last;
  }
}
