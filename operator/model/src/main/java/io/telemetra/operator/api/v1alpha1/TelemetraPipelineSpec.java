package io.telemetra.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** What a pipeline should look like: where Kafka and Postgres are and how to run each part. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TelemetraPipelineSpec {

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
