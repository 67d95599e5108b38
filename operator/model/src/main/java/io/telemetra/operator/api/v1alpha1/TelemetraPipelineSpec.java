package io.telemetra.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** What a pipeline should look like: where Kafka and Postgres are and how to run each part. */
@ValidationRule(
    value = TelemetraPipelineSpec.RESET_CLASS_UNCHANGED + " || " + TelemetraPipelineSpec.NEW_NONCE,
    message =
        "spec.streaming.reset.nonce must change with windowSeconds, slideSeconds,"
            + " watermarkSeconds, checkpointLocation or kafka.bootstrapServers: the running"
            + " checkpoint cannot be resumed with them (docs/operator.md, \"Resume or reset\")",
    messageExpression =
        "'spec.streaming.reset.nonce must change with' + "
            + TelemetraPipelineSpec.CHANGED_RESET_CLASS_FIELDS
            + " + ': the running checkpoint cannot be resumed with them"
            + " (docs/operator.md, \"Resume or reset\")'",
    fieldPath = ".streaming.reset")
@ValidationRule(
    value =
        "!has(oldSelf.streaming.reset) || (has(self.streaming.reset)"
            + " && (self.streaming.reset == oldSelf.streaming.reset || "
            + TelemetraPipelineSpec.NEW_NONCE
            + "))",
    message =
        "spec.streaming.reset cannot be removed, and changes only with a new nonce:"
            + " it names the checkpoint the job runs on",
    fieldPath = ".streaming.reset")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TelemetraPipelineSpec {

  /** CEL: no field whose change invalidates the checkpoint changed. */
  static final String RESET_CLASS_UNCHANGED =
      "(self.streaming.windowSeconds == oldSelf.streaming.windowSeconds"
          + " && self.streaming.slideSeconds == oldSelf.streaming.slideSeconds"
          + " && self.streaming.watermarkSeconds == oldSelf.streaming.watermarkSeconds"
          + " && self.streaming.checkpointLocation == oldSelf.streaming.checkpointLocation"
          + " && self.kafka.bootstrapServers == oldSelf.kafka.bootstrapServers)";

  /** CEL: the reset nonce is new (set now, or changed). */
  static final String NEW_NONCE =
      "(has(self.streaming.reset) && (!has(oldSelf.streaming.reset)"
          + " || self.streaming.reset.nonce != oldSelf.streaming.reset.nonce))";

  /** CEL message: the names of the changed reset-class fields. */
  static final String CHANGED_RESET_CLASS_FIELDS =
      "(self.streaming.windowSeconds != oldSelf.streaming.windowSeconds ? ' windowSeconds' : '')"
          + " + (self.streaming.slideSeconds != oldSelf.streaming.slideSeconds ? ' slideSeconds' : '')"
          + " + (self.streaming.watermarkSeconds != oldSelf.streaming.watermarkSeconds"
          + " ? ' watermarkSeconds' : '')"
          + " + (self.streaming.checkpointLocation != oldSelf.streaming.checkpointLocation"
          + " ? ' checkpointLocation' : '')"
          + " + (self.kafka.bootstrapServers != oldSelf.kafka.bootstrapServers"
          + " ? ' kafka.bootstrapServers' : '')";

  @Required
  @JsonPropertyDescription("Kafka cluster and the topics this pipeline owns.")
  private KafkaSpec kafka;

  @Required
  @JsonPropertyDescription("PostgreSQL database the schema is migrated into and the job writes to.")
  private PostgresSpec postgres;

  @JsonPropertyDescription("Optional Redis cache for the API; unset means the API runs uncached.")
  private RedisSpec redis;

  @Required
  @JsonPropertyDescription("The Spark Structured Streaming job, run as a SparkApplication.")
  private StreamingSpec streaming;

  @Required
  @JsonPropertyDescription("The REST/WebSocket API and dashboard Deployment.")
  private ApiSpec api;

  @JsonPropertyDescription("Optional synthetic event producer for demos and load tests.")
  private ProducerSpec producer;

  @Default("false")
  @JsonPropertyDescription(
      "Scale the API and producer to zero and suspend the streaming job; data and checkpoints stay.")
  private Boolean suspend = false;

  @Default("Retain")
  @JsonPropertyDescription(
      "What deleting this resource does to topics and tables: Retain keeps them, Delete drops them.")
  private DeletionPolicy deletionPolicy = DeletionPolicy.Retain;

  public KafkaSpec getKafka() {
    return kafka;
  }

  public void setKafka(KafkaSpec kafka) {
    this.kafka = kafka;
  }

  public PostgresSpec getPostgres() {
    return postgres;
  }

  public void setPostgres(PostgresSpec postgres) {
    this.postgres = postgres;
  }

  public RedisSpec getRedis() {
    return redis;
  }

  public void setRedis(RedisSpec redis) {
    this.redis = redis;
  }

  public StreamingSpec getStreaming() {
    return streaming;
  }

  public void setStreaming(StreamingSpec streaming) {
    this.streaming = streaming;
  }

  public ApiSpec getApi() {
    return api;
  }

  public void setApi(ApiSpec api) {
    this.api = api;
  }

  public ProducerSpec getProducer() {
    return producer;
  }

  public void setProducer(ProducerSpec producer) {
    this.producer = producer;
  }

  public Boolean getSuspend() {
    return suspend;
  }

  public void setSuspend(Boolean suspend) {
    this.suspend = suspend;
  }

  public DeletionPolicy getDeletionPolicy() {
    return deletionPolicy;
  }

  public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
    this.deletionPolicy = deletionPolicy;
  }
}
