package io.telemetra.operator.pipeline;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds and reads the Secrets a pipeline references; values never leave this class, in messages or
 * otherwise: workloads get a {@link #fingerprint} of the values they use, a hash in their pod
 * template, so a rotated Secret rolls them.
 *
 * <p>Secrets are read from an informer ({@link #eventSource}): no request per reconcile or poll,
 * and a Secret that is created, rotated or deleted reconciles the pipelines that reference it
 * within seconds. Outside a reconcile of the main controller (the deletion controller) they are
 * fetched, one GET per Secret.
 */
public final class ReferencedSecrets {

  /** Pod template annotation: the fingerprint of the Secret values the pod's env refers to. */
  public static final String SECRETS_HASH = "telemetra.io/secrets-hash";

  private static final String CONTEXT_KEY = ReferencedSecrets.class.getName();

  private static final String EVENT_SOURCE = "referenced-secrets";

  /** Primary cache index: the {@code namespace/name} of every Secret a pipeline references. */
  private static final String BY_SECRET = "telemetra.io/referenced-secrets";

  private final Function<String, Secret> lookup;
  private final String namespace;
  private final Map<String, Optional<Secret>> fetched = new HashMap<>();
  private final List<PartState> problems = new ArrayList<>();

  private ReferencedSecrets(Function<String, Secret> lookup, String namespace) {
    this.lookup = lookup;
    this.namespace = namespace;
  }

  /** Secrets of {@code namespace} fetched from the API server, each at most once. */
  public static ReferencedSecrets fetching(KubernetesClient client, String namespace) {
    return new ReferencedSecrets(
        name -> client.secrets().inNamespace(namespace).withName(name).get(), namespace);
  }

  /**
   * The informer of the Secrets in the watched namespaces; an event for one reconciles every
   * pipeline in its namespace that references it (a Secret created after its pipeline, or rotated,
   * acts within seconds).
   */
  public static InformerEventSource<Secret, TelemetraPipeline> eventSource(
      EventSourceContext<TelemetraPipeline> context) {
    context
        .getPrimaryCache()
        .addIndexer(
            BY_SECRET,
            pipeline ->
                references(pipeline.getSpec()).stream()
                    .map(ref -> pipeline.getMetadata().getNamespace() + "/" + ref.name())
                    .distinct()
                    .toList());
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Secret.class, TelemetraPipeline.class)
            .withName(EVENT_SOURCE)
            // Helm's release Secrets (the whole chart, often 100 KB each) are never referenced
            .withLabelSelector("owner!=helm")
            .withSecondaryToPrimaryMapper(
                secret ->
                    context
                        .getPrimaryCache()
                        .byIndex(
                            BY_SECRET,
                            secret.getMetadata().getNamespace()
                                + "/"
                                + secret.getMetadata().getName())
                        .stream()
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
            .build(),
        context);
  }

  /**
   * Reads the Secrets {@code pipeline} references (from the informer) and shares them with the
   * dependents of this reconcile, which fingerprint the values their pods use.
   *
   * @return one problem per part whose referenced Secret or key is missing
   */
  public static List<PartState> readFor(
      TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
    ReferencedSecrets secrets = informed(pipeline, context);
    secrets.checkAll(pipeline.getSpec());
    context.managedWorkflowAndDependentResourceContext().put(CONTEXT_KEY, secrets);
    return secrets.problems;
  }

  /**
   * The Secrets of this reconcile of the main controller: those {@link #readFor} read, else from
   * the informer.
   */
  public static ReferencedSecrets of(
      TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .get(CONTEXT_KEY, ReferencedSecrets.class)
        .orElseGet(() -> informed(pipeline, context));
  }

  @SuppressWarnings("unchecked")
  private static ReferencedSecrets informed(
      TelemetraPipeline pipeline, Context<TelemetraPipeline> context) {
    String namespace = pipeline.getMetadata().getNamespace();
    var informer =
        (InformerEventSource<Secret, TelemetraPipeline>)
            context.eventSourceRetriever().getEventSourceFor(Secret.class, EVENT_SOURCE);
    return new ReferencedSecrets(
        name -> informer.get(new ResourceID(name, namespace)).orElse(null), namespace);
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
    return fetched.computeIfAbsent(name, n -> Optional.ofNullable(lookup.apply(n))).orElse(null);
  }

  /** A Secret a pipeline references: the part it serves, the spec field, the keys it needs. */
  private record Reference(String part, String field, String name, List<String> keys) {
    Reference(String part, String field, String name, String... keys) {
      this(part, field, name, List.of(keys));
    }
  }

  private static List<Reference> references(TelemetraPipelineSpec spec) {
    List<Reference> references = new ArrayList<>();
    var pg = spec.getPostgres().getCredentialsSecretRef();
    references.add(
        new Reference(
            ConditionType.SCHEMA_READY,
            "spec.postgres.credentialsSecretRef",
            pg.getName(),
            pg.getUserKey(),
            pg.getPasswordKey()));
    var root = spec.getPostgres().getRootCertificateSecretRef();
    if (root != null) {
      references.add(
          new Reference(
              ConditionType.SCHEMA_READY,
              "spec.postgres.rootCertificateSecretRef",
              root.getName(),
              root.getKey()));
    }
    if (spec.getKafka().getAuth() != null) {
      var kafka = spec.getKafka().getAuth().getSecretRef();
      references.add(
          new Reference(
              ConditionType.TOPICS_READY,
              "spec.kafka.auth.secretRef",
              kafka.getName(),
              kafka.getUserKey(),
              kafka.getPasswordKey()));
    }
    var tls = spec.getKafka().getTls();
    if (tls != null && tls.getCaSecretRef() != null) {
      var ca = tls.getCaSecretRef();
      references.add(
          new Reference(
              ConditionType.TOPICS_READY, "spec.kafka.tls.caSecretRef", ca.getName(), ca.getKey()));
    }
    if (tls != null && tls.getClientCertificateSecretRef() != null) {
      var certificate = tls.getClientCertificateSecretRef();
      references.add(
          new Reference(
              ConditionType.TOPICS_READY,
              "spec.kafka.tls.clientCertificateSecretRef",
              certificate.getName(),
              certificate.getCertificateKey(),
              certificate.getKeyKey()));
    }
    var s3 = spec.getStreaming().getCheckpointS3();
    if (s3 != null && s3.getCredentialsSecretRef() != null) {
      var keys = s3.getCredentialsSecretRef();
      references.add(
          new Reference(
              ConditionType.STREAMING_READY,
              "spec.streaming.checkpointS3.credentialsSecretRef",
              keys.getName(),
              keys.getAccessKeyIdKey(),
              keys.getSecretAccessKeyKey()));
    }
    var token = spec.getApi().getAuthTokenSecretRef();
    references.add(
        new Reference(
            ConditionType.API_READY,
            "spec.api.authTokenSecretRef",
            token.getName(),
            token.getKey()));
    if (spec.getRedis() != null && spec.getRedis().getPasswordSecretRef() != null) {
      var redis = spec.getRedis().getPasswordSecretRef();
      references.add(
          new Reference(
              ConditionType.API_READY,
              "spec.redis.passwordSecretRef",
              redis.getName(),
              redis.getKey()));
    }
    return references;
  }

  private void checkAll(TelemetraPipelineSpec spec) {
    references(spec).forEach(this::check);
  }

  /**
   * {@code env}'s variables with the values their secretKeyRefs point at; throws a {@link
   * PipelineProblem} if a Secret or key is absent.
   */
  public Map<String, String> resolve(List<EnvVar> env) {
    Map<String, String> values = new LinkedHashMap<>();
    for (EnvVar v : env) {
      SecretKeySelector ref = v.getValueFrom().getSecretKeyRef();
      values.put(
          v.getName(), valueOf(secret(ref.getName()), namespace, ref.getName(), ref.getKey()));
    }
    return values;
  }

  private void check(Reference reference) {
    Secret secret = secret(reference.name());
    try {
      for (String key : reference.keys()) {
        valueOf(secret, namespace, reference.name(), key);
      }
    } catch (PipelineProblem problem) {
      problems.add(
          PartState.notReady(
              reference.part(),
              problem.reason(),
              problem.getMessage() + " (" + reference.field() + ")"));
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
