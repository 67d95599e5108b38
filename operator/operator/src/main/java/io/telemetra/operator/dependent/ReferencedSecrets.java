package io.telemetra.operator.dependent;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.api.v1alpha1.TelemetraPipelineSpec;
import io.telemetra.operator.status.ConditionType;
import io.telemetra.operator.status.PartState;
import io.telemetra.operator.status.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and reads the Secrets a pipeline references; values never leave this class, in messages or
 * otherwise: workloads get a {@link #fingerprint} of the values they use, a hash in their pod
 * template, so a rotated Secret rolls them (the operator reads the Secrets at every reconcile, at
 * least every 5 minutes: it has only {@code get} on Secrets, no watch).
 */
public final class ReferencedSecrets {

  /** Pod template annotation: the fingerprint of the Secret values the pod's env refers to. */
  public static final String SECRETS_HASH = "telemetra.io/secrets-hash";

  private static final String CONTEXT_KEY = ReferencedSecrets.class.getName();

  private final KubernetesClient client;
  private final String namespace;
  private final Map<String, Optional<Secret>> fetched = new HashMap<>();
  private final List<PartState> problems = new ArrayList<>();

  private ReferencedSecrets(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /**
   * Reads the Secrets {@code pipeline} references (one GET per Secret) and shares them with the
   * dependents of this reconcile, which fingerprint the values their pods use.
   *
   * @return one problem per part whose referenced Secret or key is missing
   */
  public static List<PartState> readFor(
      TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
    ReferencedSecrets secrets = of(context.getClient(), pipeline);
    context.managedWorkflowAndDependentResourceContext().put(CONTEXT_KEY, secrets);
    return secrets.problems;
  }

  /**
   * The pod template annotations for a pod whose env is {@code env}: {@value #SECRETS_HASH}, the
   * fingerprint of the Secret values it refers to, when this reconcile read them (none otherwise,
   * e.g. for a desired state computed outside a reconcile).
   */
  public static Map<String, String> podAnnotations(
      Context<TelemetraPipeline> context, List<EnvVar> env) {
    if (context == null) {
      return Map.of();
    }
    return context
        .managedWorkflowAndDependentResourceContext()
        .get(CONTEXT_KEY, ReferencedSecrets.class)
        .map(secrets -> Map.of(SECRETS_HASH, secrets.fingerprint(env)))
        .orElse(Map.of());
  }

  /**
   * A hash of the values {@code env}'s secretKeyRefs point at (a missing Secret or key counts as
   * missing), so it changes exactly when one of them does.
   */
  String fingerprint(List<EnvVar> env) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      env.stream()
          .map(EnvVar::getValueFrom)
          .filter(from -> from != null && from.getSecretKeyRef() != null)
          .map(EnvVarSource::getSecretKeyRef)
          .sorted(
              Comparator.comparing(SecretKeySelector::getName)
                  .thenComparing(SecretKeySelector::getKey))
          .forEach(
              ref -> {
                String value;
                try {
                  value =
                      "=" + valueOf(secret(ref.getName()), namespace, ref.getName(), ref.getKey());
                } catch (PipelineProblem missing) {
                  value = " missing";
                }
                digest.update(
                    (ref.getName() + "/" + ref.getKey() + value + "\n")
                        .getBytes(StandardCharsets.UTF_8));
              });
      return HexFormat.of().formatHex(digest.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  private Secret secret(String name) {
    return fetched
        .computeIfAbsent(
            name,
            n -> Optional.ofNullable(client.secrets().inNamespace(namespace).withName(n).get()))
        .orElse(null);
  }

  private static ReferencedSecrets of(KubernetesClient client, TelemetraPipeline pipeline) {
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
    var root = spec.getPostgres().getRootCertificateSecretRef();
    if (root != null) {
      secrets.check(
          ConditionType.SCHEMA_READY,
          "spec.postgres.rootCertificateSecretRef",
          root.getName(),
          root.getKey());
    }
    if (spec.getKafka().getAuth() != null) {
      var kafka = spec.getKafka().getAuth().getSecretRef();
      secrets.check(
          ConditionType.TOPICS_READY,
          "spec.kafka.auth.secretRef",
          kafka.getName(),
          kafka.getUserKey(),
          kafka.getPasswordKey());
    }
    var tls = spec.getKafka().getTls();
    if (tls != null && tls.getCaSecretRef() != null) {
      var ca = tls.getCaSecretRef();
      secrets.check(
          ConditionType.TOPICS_READY, "spec.kafka.tls.caSecretRef", ca.getName(), ca.getKey());
    }
    if (tls != null && tls.getClientCertificateSecretRef() != null) {
      var certificate = tls.getClientCertificateSecretRef();
      secrets.check(
          ConditionType.TOPICS_READY,
          "spec.kafka.tls.clientCertificateSecretRef",
          certificate.getName(),
          certificate.getCertificateKey(),
          certificate.getKeyKey());
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
    return secrets;
  }

  /**
   * {@code env}'s variables with the values their secretKeyRefs point at (one GET per Secret);
   * throws a {@link PipelineProblem} if a Secret or key is absent.
   */
  public static Map<String, String> resolve(
      KubernetesClient client, String namespace, List<EnvVar> env) {
    ReferencedSecrets secrets = new ReferencedSecrets(client, namespace);
    Map<String, String> values = new java.util.LinkedHashMap<>();
    for (EnvVar v : env) {
      SecretKeySelector ref = v.getValueFrom().getSecretKeyRef();
      values.put(
          v.getName(),
          valueOf(secrets.secret(ref.getName()), namespace, ref.getName(), ref.getKey()));
    }
    return values;
  }

  /**
   * The value of {@code key} in Secret {@code name}; throws a {@link PipelineProblem} if absent.
   */
  public static String read(KubernetesClient client, String namespace, String name, String key) {
    return valueOf(
        client.secrets().inNamespace(namespace).withName(name).get(), namespace, name, key);
  }

  private void check(String part, String field, String name, String... keys) {
    Secret secret = secret(name);
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
