package io.telemetra.operator.dependent;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.api.v1alpha1.TelemetraPipelineSpec;
import io.telemetra.operator.status.ConditionType;
import io.telemetra.operator.status.PartState;
import io.telemetra.operator.status.Reason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds and reads the Secrets a pipeline references; values never leave this class in messages. */
public final class ReferencedSecrets {

  private final KubernetesClient client;
  private final String namespace;
  private final Map<String, Optional<Secret>> fetched = new HashMap<>();
  private final List<PartState> problems = new ArrayList<>();

  private ReferencedSecrets(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /** One problem per part whose referenced Secret or key is missing (one GET per Secret). */
  public static List<PartState> missing(KubernetesClient client, TelemetraPipeline pipeline) {
    TelemetraPipelineSpec spec = pipeline.getSpec();
    ReferencedSecrets secrets =
        new ReferencedSecrets(client, pipeline.getMetadata().getNamespace());
    var pg = spec.getPostgres().getCredentialsSecretRef();
    secrets.check(
        ConditionType.SCHEMA_READY,
        "spec.postgres.credentialsSecretRef",
        pg.getName(),
        pg.getUserKey(),
        pg.getPasswordKey());
    if (spec.getKafka().getAuth() != null) {
      var kafka = spec.getKafka().getAuth().getSecretRef();
      secrets.check(
          ConditionType.TOPICS_READY,
          "spec.kafka.auth.secretRef",
          kafka.getName(),
          kafka.getUserKey(),
          kafka.getPasswordKey());
    }
    var s3 = spec.getStreaming().getCheckpointS3();
    if (s3 != null && s3.getCredentialsSecretRef() != null) {
      var keys = s3.getCredentialsSecretRef();
      secrets.check(
          ConditionType.STREAMING_READY,
          "spec.streaming.checkpointS3.credentialsSecretRef",
          keys.getName(),
          keys.getAccessKeyIdKey(),
          keys.getSecretAccessKeyKey());
    }
    var token = spec.getApi().getAuthTokenSecretRef();
    secrets.check(
        ConditionType.API_READY, "spec.api.authTokenSecretRef", token.getName(), token.getKey());
    if (spec.getRedis() != null && spec.getRedis().getPasswordSecretRef() != null) {
      var redis = spec.getRedis().getPasswordSecretRef();
      secrets.check(
          ConditionType.API_READY, "spec.redis.passwordSecretRef", redis.getName(), redis.getKey());
    }
    return secrets.problems;
  }

  /**
   * The value of {@code key} in Secret {@code name}; throws a {@link PipelineProblem} if absent.
   */
  public static String read(KubernetesClient client, String namespace, String name, String key) {
    return valueOf(
        client.secrets().inNamespace(namespace).withName(name).get(), namespace, name, key);
  }

  private void check(String part, String field, String name, String... keys) {
    Secret secret =
        fetched
            .computeIfAbsent(
                name,
                n -> Optional.ofNullable(client.secrets().inNamespace(namespace).withName(n).get()))
            .orElse(null);
    try {
      for (String key : keys) {
        valueOf(secret, namespace, name, key);
      }
    } catch (PipelineProblem problem) {
      problems.add(
          PartState.notReady(part, problem.reason(), problem.getMessage() + " (" + field + ")"));
    }
  }

  private static String valueOf(Secret secret, String namespace, String name, String key) {
    if (secret == null) {
      throw new PipelineProblem(
          Reason.SecretNotFound,
          "Secret '" + name + "' not found in namespace '" + namespace + "'");
    }
    if (secret.getData() != null && secret.getData().containsKey(key)) {
      return new String(
          Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }
    if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
      return secret.getStringData().get(key);
    }
    throw new PipelineProblem(
        Reason.SecretKeyNotFound, "Secret '" + name + "' has no key '" + key + "'");
  }
}
