package io.telemetra.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Whether data moves through the pipeline: the records in its event topics and its dead-letter
 * topic, and the last batch each streaming query committed to Postgres.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DataFlowStatus {

  @JsonPropertyDescription(
      "Records in the event topics (the sum of their end offsets) when Kafka was last polled.")
  private Long inputRecords;

  @JsonPropertyDescription(
      "Records in the dead-letter topic (the sum of its end offsets) when Kafka was last polled:"
          + " every record the job refused, each with its reason. The metric"
          + " telemetra_pipeline_dead_letters is the same count; its rate is the rejects per"
          + " second.")
  private Long deadLetters;

  @JsonPropertyDescription(
      "Records in the event topics the ingest query has not read yet: inputRecords minus its"
          + " consumedRecords (approximate: the two are polled up to one poll interval apart). The"
          + " metric telemetra_pipeline_consumer_lag_records is the same figure.")
  private Long consumerLag;

  @JsonPropertyDescription(
      "Since when records wait that no commit covers (RFC 3339): the first time the operator saw"
          + " inputRecords grow after the last commit it knew of; unset while every record it saw"
          + " arrive is older than the last commit.")
  private String uncommittedSince;

  @JsonPropertyDescription("The last batch each streaming query committed, from its commit ledger.")
  private List<QueryProgress> queries = new ArrayList<>();

  public DataFlowStatus() {}

  public DataFlowStatus(Long inputRecords, String uncommittedSince, List<QueryProgress> queries) {
    this(inputRecords, null, uncommittedSince, queries);
  }

  public DataFlowStatus(
      Long inputRecords, Long deadLetters, String uncommittedSince, List<QueryProgress> queries) {
    this(inputRecords, deadLetters, null, uncommittedSince, queries);
  }

  public DataFlowStatus(
      Long inputRecords,
      Long deadLetters,
      Long consumerLag,
      String uncommittedSince,
      List<QueryProgress> queries) {
    this.inputRecords = inputRecords;
    this.deadLetters = deadLetters;
    this.consumerLag = consumerLag;
    this.uncommittedSince = uncommittedSince;
    this.queries = new ArrayList<>(queries);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DataFlowStatus d
        && Objects.equals(inputRecords, d.inputRecords)
        && Objects.equals(deadLetters, d.deadLetters)
        && Objects.equals(consumerLag, d.consumerLag)
        && Objects.equals(uncommittedSince, d.uncommittedSince)
        && Objects.equals(queries, d.queries);
  }

  @Override
  public int hashCode() {
    return Objects.hash(inputRecords, deadLetters, consumerLag, uncommittedSince, queries);
  }

  public Long getInputRecords() {
    return inputRecords;
  }

  public void setInputRecords(Long inputRecords) {
    this.inputRecords = inputRecords;
  }

  public Long getDeadLetters() {
    return deadLetters;
  }

  public void setDeadLetters(Long deadLetters) {
    this.deadLetters = deadLetters;
  }

  public Long getConsumerLag() {
    return consumerLag;
  }

  public void setConsumerLag(Long consumerLag) {
    this.consumerLag = consumerLag;
  }

  public String getUncommittedSince() {
    return uncommittedSince;
  }

  public void setUncommittedSince(String uncommittedSince) {
    this.uncommittedSince = uncommittedSince;
  }

  public List<QueryProgress> getQueries() {
    return queries;
  }

  public void setQueries(List<QueryProgress> queries) {
    this.queries = queries;
  }
}
