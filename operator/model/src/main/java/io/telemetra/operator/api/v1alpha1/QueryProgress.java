package io.telemetra.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The last micro-batch one streaming query committed to Postgres, from its commit ledger. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QueryProgress {

  @JsonPropertyDescription("Query name: telemetra-ingest or telemetra-windows.")
  private String name;

  @JsonPropertyDescription("Id of the last committed batch (within the query's checkpoint).")
  private Long lastBatchId;

  @JsonPropertyDescription("When that batch was committed (RFC 3339).")
  private String lastCommittedAt;

  @JsonPropertyDescription(
      "telemetra-windows only: the end of the newest window the query has written (RFC 3339). How"
          + " far the dashboard's data is behind the clock is now minus this; the metric"
          + " telemetra_pipeline_newest_window_end_seconds carries it for alerts.")
  private String newestWindowEnd;

  @JsonPropertyDescription(
      "Records the query has read its topics up to: the sum of the end offsets of its last batch.")
  private Long consumedRecords;

  public QueryProgress() {}

  public QueryProgress(String name, long lastBatchId, String lastCommittedAt) {
    this(name, lastBatchId, lastCommittedAt, null);
  }

  public QueryProgress(
      String name, long lastBatchId, String lastCommittedAt, String newestWindowEnd) {
    this(name, lastBatchId, lastCommittedAt, newestWindowEnd, null);
  }

  public QueryProgress(
      String name,
      long lastBatchId,
      String lastCommittedAt,
      String newestWindowEnd,
      Long consumedRecords) {
    this.name = name;
    this.lastBatchId = lastBatchId;
    this.lastCommittedAt = lastCommittedAt;
    this.newestWindowEnd = newestWindowEnd;
    this.consumedRecords = consumedRecords;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QueryProgress q
        && Objects.equals(name, q.name)
        && Objects.equals(lastBatchId, q.lastBatchId)
        && Objects.equals(lastCommittedAt, q.lastCommittedAt)
        && Objects.equals(newestWindowEnd, q.newestWindowEnd)
        && Objects.equals(consumedRecords, q.consumedRecords);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, lastBatchId, lastCommittedAt, newestWindowEnd, consumedRecords);
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Long getLastBatchId() {
    return lastBatchId;
  }

  public void setLastBatchId(Long lastBatchId) {
    this.lastBatchId = lastBatchId;
  }

  public String getLastCommittedAt() {
    return lastCommittedAt;
  }

  public void setLastCommittedAt(String lastCommittedAt) {
    this.lastCommittedAt = lastCommittedAt;
  }

  public String getNewestWindowEnd() {
    return newestWindowEnd;
  }

  public void setNewestWindowEnd(String newestWindowEnd) {
    this.newestWindowEnd = newestWindowEnd;
  }

  public Long getConsumedRecords() {
    return consumedRecords;
  }

  public void setConsumedRecords(Long consumedRecords) {
    this.consumedRecords = consumedRecords;
  }
}
