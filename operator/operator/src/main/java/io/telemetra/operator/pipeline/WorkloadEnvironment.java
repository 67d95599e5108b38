package io.telemetra.operator.pipeline;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.telemetra.operator.api.v1alpha1.KafkaAuth;
import io.telemetra.operator.api.v1alpha1.KafkaTls;
import io.telemetra.operator.api.v1alpha1.StreamingReset;
import io.telemetra.operator.api.v1alpha1.StreamingSpec;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.api.v1alpha1.TelemetraPipelineSpec;
import io.telemetra.operator.status.Reason;
import io.telemetra.runtime.KafkaConnection;
import io.telemetra.runtime.PostgresConnection;
import io.telemetra.runtime.RedisConnection;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Environment of the workloads as docs/configuration.md defines it. Plain settings are values;
 * credentials are always secretKeyRef, so no secret ever appears in a manifest.
 */
public final class WorkloadEnvironment {

  private WorkloadEnvironment() {}

  /** Non-secret settings shared by every workload. */
  public static Map<String, String> shared(TelemetraPipelineSpec spec) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(KafkaConnection.BOOTSTRAP_SERVERS, spec.getKafka().getBootstrapServers());
    env.put("TELEMETRA_TOPIC_PREFIX", spec.getKafka().getTopicPrefix());
    KafkaAuth auth = spec.getKafka().getAuth();
    if (auth != null) {
      env.put(KafkaConnection.SECURITY_PROTOCOL, auth.getSecurityProtocol().name());
      env.put(KafkaConnection.SASL_MECHANISM, auth.getSaslMechanism().name().replace('_', '-'));
    } else if (spec.getKafka().getTls() != null) {
      env.put(KafkaConnection.SECURITY_PROTOCOL, "SSL");
    }
    env.put(PostgresConnection.HOST, spec.getPostgres().getHost());
    env.put(PostgresConnection.PORT, String.valueOf(spec.getPostgres().getPort()));
    env.put(PostgresConnection.DATABASE, spec.getPostgres().getDatabase());
    if (spec.getPostgres().getSslMode() != null) {
      env.put(PostgresConnection.SSL_MODE, spec.getPostgres().getSslMode().value());
    }
    return env;
  }

  /** Credentials shared by every workload, as secretKeyRef. */
  public static List<EnvVar> sharedSecrets(TelemetraPipelineSpec spec) {
    List<EnvVar> env = new ArrayList<>();
    var pg = spec.getPostgres().getCredentialsSecretRef();
    env.add(secret(PostgresConnection.USER, pg.getName(), pg.getUserKey()));
    env.add(secret(PostgresConnection.PASSWORD, pg.getName(), pg.getPasswordKey()));
    var root = spec.getPostgres().getRootCertificateSecretRef();
    if (root != null) {
      env.add(secret(PostgresConnection.SSL_ROOT_CERT, root.getName(), root.getKey()));
    }
    KafkaAuth auth = spec.getKafka().getAuth();
    if (auth != null) {
      env.add(
          secret(
              KafkaConnection.SASL_USERNAME,
              auth.getSecretRef().getName(),
              auth.getSecretRef().getUserKey()));
      env.add(
          secret(
              KafkaConnection.SASL_PASSWORD,
              auth.getSecretRef().getName(),
              auth.getSecretRef().getPasswordKey()));
    }
    KafkaTls tls = spec.getKafka().getTls();
    if (tls != null && tls.getCaSecretRef() != null) {
      var ca = tls.getCaSecretRef();
      env.add(secret(KafkaConnection.SSL_CA_CERTIFICATES, ca.getName(), ca.getKey()));
    }
    if (tls != null && tls.getClientCertificateSecretRef() != null) {
      var client = tls.getClientCertificateSecretRef();
      env.add(
          secret(
              KafkaConnection.SSL_CLIENT_CERTIFICATE,
              client.getName(),
              client.getCertificateKey()));
      env.add(secret(KafkaConnection.SSL_CLIENT_KEY, client.getName(), client.getKeyKey()));
    }
    return env;
  }

  /** Settings of the streaming job. */
  public static Map<String, String> streaming(TelemetraPipelineSpec spec) {
    var s = spec.getStreaming();
    Map<String, String> env = shared(spec);
    env.put("CHAT_WINDOW_DURATION_SECONDS", String.valueOf(s.getWindowSeconds()));
    env.put("CHAT_WINDOW_SLIDE_SECONDS", String.valueOf(s.getSlideSeconds()));
    env.put("WATERMARK_SECONDS", String.valueOf(s.getWatermarkSeconds()));
    env.put("TRIGGER_INTERVAL_SECONDS", String.valueOf(s.getTriggerSeconds()));
    env.put("ANOMALY_DETECTION_THRESHOLD", String.valueOf(s.getAnomalyThreshold()));
    env.put("ANOMALY_HISTORY_WINDOWS", String.valueOf(s.getHistoryWindows()));
    env.put("SENTIMENT_ENABLED", String.valueOf(s.getSentimentEnabled()));
    env.put("CHECKPOINT_LOCATION", checkpointLocation(s));
    env.put("CHECKPOINT_SNAPSHOTS", String.valueOf(s.getSnapshots()));
    if (s.getRestoreFrom() != null) {
      env.put("CHECKPOINT_RESTORE_FROM", s.getRestoreFrom());
    }
    StreamingReset reset = s.getReset();
    if (reset != null) {
      env.put("TELEMETRA_RESET_NONCE", reset.getNonce());
      env.put(
          "KAFKA_STARTING_OFFSETS",
          reset.getStartingPosition() == StreamingReset.StartingPosition.timestamp
              ? OffsetDateTime.parse(reset.getStartingTimestamp()).toInstant().toString()
              : reset.getStartingPosition().name());
    }
    return env;
  }

  /**
   * The checkpoint the job runs on: {@code checkpointLocation}, or after a requested reset a new
   * one under it, {@code <checkpointLocation>/resets/<nonce>}, so the old one stays as it was.
   */
  public static String checkpointLocation(StreamingSpec streaming) {
    String base = streaming.getCheckpointLocation();
    if (streaming.getReset() == null) {
      return base;
    }
    return base.replaceAll("/+$", "") + "/resets/" + streaming.getReset().getNonce();
  }

  /**
   * Credentials of the streaming job, as secretKeyRef: the shared ones and, for an S3 checkpoint
   * store, the access key in the variables the AWS SDK reads.
   */
  public static List<EnvVar> streamingSecrets(TelemetraPipelineSpec spec) {
    List<EnvVar> env = sharedSecrets(spec);
    var s3 = spec.getStreaming().getCheckpointS3();
    if (s3 != null && s3.getCredentialsSecretRef() != null) {
      var keys = s3.getCredentialsSecretRef();
      env.add(secret("AWS_ACCESS_KEY_ID", keys.getName(), keys.getAccessKeyIdKey()));
      env.add(secret("AWS_SECRET_ACCESS_KEY", keys.getName(), keys.getSecretAccessKeyKey()));
    }
    return env;
  }

  /**
   * Settings of the streaming job of {@code pipeline}; its name ({@code namespace/name}) keeps the
   * job's commit ledger apart from other pipelines sharing the database.
   */
  public static Map<String, String> streaming(TelemetraPipeline pipeline) {
    Map<String, String> env = streaming(pipeline.getSpec());
    env.put("TELEMETRA_PIPELINE_NAME", ledgerName(pipeline));
    return env;
  }

  /** The name ({@code namespace/name}) under which the streaming job keeps its commit ledger. */
  public static String ledgerName(TelemetraPipeline pipeline) {
    return pipeline.getMetadata().getNamespace() + "/" + pipeline.getMetadata().getName();
  }

  /** Settings of the API (non-secret; the API Deployment reads them from its ConfigMap). */
  public static Map<String, String> api(TelemetraPipelineSpec spec) {
    Map<String, String> env = shared(spec);
    env.put("API_PORT", String.valueOf(spec.getApi().getPort()));
    if (spec.getApi().getCorsOrigins() != null) {
      env.put("API_CORS_ORIGINS", spec.getApi().getCorsOrigins());
    }
    if (spec.getRedis() != null) {
      env.put(RedisConnection.HOST, spec.getRedis().getHost());
      env.put(RedisConnection.PORT, String.valueOf(spec.getRedis().getPort()));
    }
    return env;
  }

  /** Credentials of the API, as secretKeyRef. */
  public static List<EnvVar> apiSecrets(TelemetraPipelineSpec spec) {
    List<EnvVar> env = sharedSecrets(spec);
    var token = spec.getApi().getAuthTokenSecretRef();
    env.add(secret("API_AUTH_TOKEN", token.getName(), token.getKey()));
    if (spec.getRedis() != null && spec.getRedis().getPasswordSecretRef() != null) {
      var redis = spec.getRedis().getPasswordSecretRef();
      env.add(secret(RedisConnection.PASSWORD, redis.getName(), redis.getKey()));
    }
    return env;
  }

  /** Settings of the producer. */
  public static Map<String, String> producer(TelemetraPipelineSpec spec) {
    Map<String, String> env = shared(spec);
    env.put("PRODUCER_RATE_PER_SEC", String.valueOf(spec.getProducer().getRatePerSecond()));
    env.put("PRODUCER_STREAMS", String.valueOf(spec.getProducer().getStreams()));
    return env;
  }

  /**
   * What a workload of {@code pipeline} reads from its environment, as the operator's own client of
   * the same dependency: the shared settings and the shared secrets whose names {@code secrets}
   * accepts, their Secret values read (so the operator connects exactly as its workloads do).
   *
   * @param field the spec field named when a value is unusable
   * @throws PipelineProblem when a Secret or key is missing, or {@code read} refuses a value
   *     (SecretInvalid, the message naming the variable but never the value)
   */
  public static <T> T resolved(
      ReferencedSecrets values,
      TelemetraPipeline pipeline,
      Predicate<String> secrets,
      String field,
      Function<Map<String, String>, T> read) {
    Map<String, String> env = new HashMap<>(shared(pipeline.getSpec()));
    List<EnvVar> references =
        sharedSecrets(pipeline.getSpec()).stream().filter(v -> secrets.test(v.getName())).toList();
    env.putAll(values.resolve(references));
    try {
      return read.apply(env);
    } catch (IllegalArgumentException e) {
      throw new PipelineProblem(
          Reason.SecretInvalid, field + ": a referenced Secret is unusable: " + e.getMessage());
    }
  }

  public static List<EnvVar> values(Map<String, String> env) {
    return env.entrySet().stream().map(e -> new EnvVar(e.getKey(), e.getValue(), null)).toList();
  }

  static EnvVar secret(String name, String secret, String key) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewSecretKeyRef(key, secret, false)
        .endValueFrom()
        .build();
  }
}
