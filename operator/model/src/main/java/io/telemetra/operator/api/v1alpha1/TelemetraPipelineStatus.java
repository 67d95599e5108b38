package io.telemetra.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the operator observed: overall phase, one condition per part and per-part details. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TelemetraPipelineStatus {

  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "Summary: Pending, Provisioning, Running, Degraded, Failed or Suspended.")
  private Phase phase;

  @JsonPropertyDescription(
      "Ready, TopicsReady, SchemaReady, StreamingReady and ApiReady; DataFlowing while the job"
          + " runs (False makes the pipeline Degraded); CheckpointReset and KafkaDataLoss, True"
          + " once the streaming job detected one (they leave Ready alone); ReconciliationPaused"
          + " while paused.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("The Kafka topics of this pipeline.")
  private List<TopicStatus> topics = new ArrayList<>();

  @JsonPropertyDescription("The Postgres schema.")
  private SchemaStatus schema;

  @JsonPropertyDescription("The streaming SparkApplication.")
  private StreamingStatus streaming;

  @JsonPropertyDescription("The API Deployment.")
  private ApiStatus api;

  @JsonPropertyDescription(
      "Checkpoint resets the streaming job detected: a query that started on a new checkpoint"
          + " while its ledger held batches of an older one (lost, deleted or replaced"
          + " checkpoint), from the streaming_checkpoint_resets table.")
  private IncidentStatus checkpointResets;

  @JsonPropertyDescription(
      "Records deleted from Kafka (retention, deleteRecords) before the streaming job read them:"
          + " missing from every table, from the streaming_data_loss table.")
  private IncidentStatus kafkaDataLoss;

  @JsonPropertyDescription(
      "Whether data moves: records in the event topics and the last batch each streaming query"
          + " committed (the DataFlowing condition is derived from them).")
  private DataFlowStatus dataFlow;

  public DataFlowStatus getDataFlow() {
    return dataFlow;
  }

  public void setDataFlow(DataFlowStatus dataFlow) {
    this.dataFlow = dataFlow;
  }

  public IncidentStatus getCheckpointResets() {
    return checkpointResets;
  }

  public void setCheckpointResets(IncidentStatus checkpointResets) {
    this.checkpointResets = checkpointResets;
  }

  public IncidentStatus getKafkaDataLoss() {
    return kafkaDataLoss;
  }

  public void setKafkaDataLoss(IncidentStatus kafkaDataLoss) {
    this.kafkaDataLoss = kafkaDataLoss;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public Phase getPhase() {
    return phase;
  }

  public void setPhase(Phase phase) {
    this.phase = phase;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public List<TopicStatus> getTopics() {
    return topics;
  }

  public void setTopics(List<TopicStatus> topics) {
    this.topics = topics;
  }

  public SchemaStatus getSchema() {
    return schema;
  }

  public void setSchema(SchemaStatus schema) {
    this.schema = schema;
  }

  public StreamingStatus getStreaming() {
    return streaming;
  }

  public void setStreaming(StreamingStatus streaming) {
    this.streaming = streaming;
  }

  public ApiStatus getApi() {
    return api;
  }

  public void setApi(ApiStatus api) {
    this.api = api;
  }
}
