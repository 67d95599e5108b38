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
import java.util.List;

/** Finds and reads the Secrets a pipeline references; values never leave this class in messages. */
public final class ReferencedSecrets {

  private ReferencedSecrets() {}

  /** One problem per part whose referenced Secret or key is missing. */
  public static List<PartState> missing(KubernetesClient client, TelemetraPipeline pipeline) {
    String ns = pipeline.getMetadata().getNamespace();
    TelemetraPipelineSpec spec = pipeline.getSpec();
    List<PartState> problems = new ArrayList<>();
    var pg = spec.getPostgres().getCredentialsSecretRef();
    check(
            client,
            ns,
            ConditionType.SCHEMA_READY,
            "spec.postgres.credentialsSecretRef",
            pg.getName(),
            pg.getUserKey(),
            pg.getPasswordKey())
        .ifPresent(problems::add);
    if (spec.getKafka().getAuth() != null) {
      var kafka = spec.getKafka().getAuth().getSecretRef();
      check(
              client,
              ns,
              ConditionType.TOPICS_READY,
              "spec.kafka.auth.secretRef",
              kafka.getName(),
              kafka.getUserKey(),
              kafka.getPasswordKey())
          .ifPresent(problems::add);
    }
    var token = spec.getApi().getAuthTokenSecretRef();
    check(
            client,
            ns,
            ConditionType.API_READY,
            "spec.api.authTokenSecretRef",
            token.getName(),
            token.getKey())
        .ifPresent(problems::add);
    if (spec.getRedis() != null && spec.getRedis().getPasswordSecretRef() != null) {
      var redis = spec.getRedis().getPasswordSecretRef();
      check(
              client,
              ns,
              ConditionType.API_READY,
              "spec.redis.passwordSecretRef",
              redis.getName(),
              redis.getKey())
          .ifPresent(problems::add);
    }
    return problems;
  }

  /**
   * The value of {@code key} in Secret {@code name}; throws a {@link PipelineProblem} if absent.
   */
  public static String read(KubernetesClient client, String namespace, String name, String key) {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
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

  private static java.util.Optional<PartState> check(
      KubernetesClient client, String ns, String part, String field, String name, String... keys) {
    try {
      for (String key : keys) {
        read(client, ns, name, key);
      }
      return java.util.Optional.empty();
    } catch (PipelineProblem problem) {
      return java.util.Optional.of(
          PartState.notReady(part, problem.reason(), problem.getMessage() + " (" + field + ")"));
    }
  }
}
