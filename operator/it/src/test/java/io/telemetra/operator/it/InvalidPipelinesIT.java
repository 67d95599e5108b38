package io.telemetra.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The TelemetraPipeline CRD's schema and CEL rules, as a real API server enforces them. */
class InvalidPipelinesIT {

  @RegisterExtension static final RealApiServer API = new RealApiServer();

  private static String namespace;

  @BeforeAll
  static void createNamespace() {
    namespace = API.createNamespace("invalid");
  }

  static Stream<Arguments> invalidPipelines() {
    return Stream.of(
        invalid("without kafka", "spec: {kafka: null}", "spec.kafka: Required value"),
        invalid(
            "without bootstrap servers",
            "spec: {kafka: {bootstrapServers: null}}",
            "spec.kafka.bootstrapServers: Required value"),
        invalid(
            "with spaces in the bootstrap servers",
            "spec: {kafka: {bootstrapServers: 'a:9092, b:9092'}}",
            "spec.kafka.bootstrapServers in body should match"),
        invalid(
            "with zero partitions",
            "spec: {kafka: {partitions: 0}}",
            "spec.kafka.partitions in body should be greater than or equal to 1"),
        invalid(
            "with more than 1000 partitions",
            "spec: {kafka: {partitions: 1001}}",
            "spec.kafka.partitions in body should be less than or equal to 1000"),
        invalid(
            "with partitions that are not a number",
            "spec: {kafka: {partitions: three}}",
            "spec.kafka.partitions in body must be of type integer"),
        invalid(
            "with a replication factor above 7",
            "spec: {kafka: {replicationFactor: 8}}",
            "spec.kafka.replicationFactor in body should be less than or equal to 7"),
        invalid(
            "with a topic prefix that Kafka cannot name",
            "spec: {kafka: {topicPrefix: 'telemetra events!'}}",
            "spec.kafka.topicPrefix in body should match"),
        invalid(
            "with an unknown SASL mechanism",
            "spec: {kafka: {auth: {saslMechanism: GSSAPI, secretRef: {name: kafka-user}}}}",
            "spec.kafka.auth.saslMechanism: Unsupported value: \"GSSAPI\""),
        invalid(
            "with TLS under SASL_PLAINTEXT",
            "spec: {kafka: {auth: {securityProtocol: SASL_PLAINTEXT, secretRef: {name: u}},"
                + " tls: {caSecretRef: {name: kafka-ca, key: ca.crt}}}}",
            "spec.kafka.tls needs spec.kafka.auth.securityProtocol SASL_SSL"),
        invalid(
            "with a TLS client certificate Secret without a name",
            "spec: {kafka: {tls: {clientCertificateSecretRef: {certificateKey: user.crt}}}}",
            "spec.kafka.tls.clientCertificateSecretRef.name: Required value"),
        invalid(
            "with a Postgres root certificate but TLS disabled",
            "spec: {postgres: {sslMode: disable, rootCertificateSecretRef: {name: db-ca, key: ca.crt}}}",
            "spec.postgres.rootCertificateSecretRef needs sslMode require, verify-ca or verify-full"),
        invalid(
            "with an sslmode libpq does not know",
            "spec: {postgres: {sslMode: strict}}",
            "spec.postgres.sslMode: Unsupported value: \"strict\""),
        invalid(
            "with SASL but no secret",
            "spec: {kafka: {auth: {saslMechanism: PLAIN}}}",
            "spec.kafka.auth.secretRef: Required value"),
        invalid(
            "without Postgres credentials",
            "spec: {postgres: {credentialsSecretRef: null}}",
            "spec.postgres.credentialsSecretRef: Required value"),
        invalid(
            "with a port in the Postgres host",
            "spec: {postgres: {host: 'postgres:5432'}}",
            "spec.postgres.host in body should match"),
        invalid(
            "with a Secret name Kubernetes cannot have",
            "spec: {postgres: {credentialsSecretRef: {name: Telemetra_Postgres}}}",
            "spec.postgres.credentialsSecretRef.name in body should match"),
        invalid(
            "without a streaming image",
            "spec: {streaming: {image: null}}",
            "spec.streaming.image: Required value"),
        invalid(
            "without a checkpoint location",
            "spec: {streaming: {checkpointLocation: null}}",
            "spec.streaming.checkpointLocation: Required value"),
        invalid(
            "with a slide longer than the window",
            "spec: {streaming: {windowSeconds: 60, slideSeconds: 120}}",
            "spec.streaming.slideSeconds: Invalid value: \"object\": spec.streaming.slideSeconds"
                + " must not exceed spec.streaming.windowSeconds"),
        invalid(
            "with an autoscaling minimum above its maximum",
            "spec: {api: {autoscaling: {minReplicas: 4, maxReplicas: 3}}}",
            "spec.api.autoscaling.minReplicas must not exceed maxReplicas"),
        invalid(
            "whose API template sets a variable Telemetra sets",
            "spec: {api: {template: {env: [{name: POSTGRES_HOST, value: evil}]}}}",
            "template env must not set a variable Telemetra sets"),
        invalid(
            "whose executor template sets a TELEMETRA_ variable",
            "spec: {streaming: {executor: {template: {env: [{name: TELEMETRA_X, value: x}]}}}}",
            "spec.streaming.executor.template.env: Invalid value"),
        invalid(
            "whose driver template relabels the pods Telemetra selects",
            "spec: {streaming: {driver: {template: {metadata: {labels:"
                + " {app.kubernetes.io/instance: other}}}}}}",
            "template labels must not use the app.kubernetes.io/"),
        invalid(
            "whose producer template replaces the tmp volume",
            "spec: {producer: {template: {volumes: [{name: tmp, emptyDir: {}}]}}}",
            "template volumes must not be named tmp"),
        invalid(
            "with a sidecar named like the API container",
            "spec: {api: {template: {sidecars: [{name: api, image: busybox}]}}}",
            "a sidecar must not take the name of Telemetra's own container"),
        invalid(
            "whose template runs as root",
            "spec: {api: {template: {securityContext: {runAsUser: 0}}}}",
            "spec.api.template.securityContext.runAsUser in body should be greater than or equal"
                + " to 1"),
        invalid(
            "with autoscaling but no maximum",
            "spec: {api: {autoscaling: {minReplicas: 2}}}",
            "spec.api.autoscaling.maxReplicas: Required value"),
        invalid(
            "with a slide that does not divide the window",
            "spec: {streaming: {windowSeconds: 60, slideSeconds: 7}}",
            "spec.streaming.slideSeconds must divide spec.streaming.windowSeconds evenly"),
        invalid(
            "with a checkpoint volume claim under an s3a:// checkpoint",
            "spec: {streaming: {checkpointLocation: 's3a://b/p', checkpointVolumeClaim: ckpt}}",
            "spec.streaming.checkpointVolumeClaim needs a file:// (or absolute path)"
                + " checkpointLocation, the directory the claim is mounted at; got s3a://b/p"),
        invalid(
            "with a negative anomaly threshold",
            "spec: {streaming: {anomalyThreshold: -1.5}}",
            "spec.streaming.anomalyThreshold in body should be greater than 0"),
        invalid(
            "with a zero anomaly threshold",
            "spec: {streaming: {anomalyThreshold: 0}}",
            "spec.streaming.anomalyThreshold in body should be greater than 0"),
        invalid(
            "with a negative watermark",
            "spec: {streaming: {watermarkSeconds: -1}}",
            "spec.streaming.watermarkSeconds in body should be greater than or equal to 0"),
        invalid(
            "with a baseline of one window",
            "spec: {streaming: {historyWindows: 1}}",
            "spec.streaming.historyWindows in body should be greater than or equal to 2"),
        invalid(
            "with executor memory in the wrong notation",
            "spec: {streaming: {executor: {memory: 2GB}}}",
            "spec.streaming.executor.memory in body should match"),
        invalid(
            "with no executors",
            "spec: {streaming: {executor: {instances: 0}}}",
            "spec.streaming.executor.instances in body should be greater than or equal to 1"),
        invalid(
            "without an API token secret",
            "spec: {api: {authTokenSecretRef: null}}",
            "spec.api.authTokenSecretRef: Required value"),
        invalid(
            "with zero API replicas",
            "spec: {api: {replicas: 0}}",
            "spec.api.replicas in body should be greater than or equal to 1"),
        invalid(
            "with 51 API replicas",
            "spec: {api: {replicas: 51}}",
            "spec.api.replicas in body should be less than or equal to 50"),
        invalid(
            "with an API port out of range",
            "spec: {api: {port: 70000}}",
            "spec.api.port in body should be less than or equal to 65535"),
        invalid(
            "with an unknown Service type",
            "spec: {api: {serviceType: Ingress}}",
            "spec.api.serviceType: Unsupported value: \"Ingress\""),
        invalid(
            "with an API image containing a space",
            "spec: {api: {image: 'ghcr.io/telemetra/api 0.1.0'}}",
            "spec.api.image in body should match"),
        invalid(
            "with the producer enabled but no image",
            "spec: {producer: {enabled: true}}",
            "spec.producer.image is required when spec.producer.enabled is true"),
        invalid(
            "with an unknown deletion policy",
            "spec: {deletionPolicy: Purge}",
            "spec.deletionPolicy: Unsupported value: \"Purge\""),
        invalid("without a spec", "spec: null", "spec: Required value"));
  }

  private static Arguments invalid(String name, String patch, String expectedMessage) {
    return Arguments.of(name, patch, expectedMessage);
  }

  @ParameterizedTest(name = "a pipeline {0} is rejected")
  @MethodSource("invalidPipelines")
  void anInvalidPipelineIsRejectedAtCreateWithAClearMessage(
      String name, String patch, String expectedMessage) {
    GenericKubernetesResource manifest = Manifests.validWith(patch);
    manifest.getMetadata().setName(slug(name));

    KubernetesClientException rejection =
        catchThrowableOfType(
            KubernetesClientException.class, () -> pipelines().resource(manifest).create());

    assertThat(rejection).as("%s was accepted", name).isNotNull();
    assertThat(rejection.getCode()).isEqualTo(422);
    assertThat(rejection.getStatus().getMessage()).contains(expectedMessage);
    assertThat(pipelines().withName(slug(name)).get()).isNull();
  }

  @Test
  void theValidBaseManifestIsAccepted() {
    GenericKubernetesResource created =
        pipelines().resource(Manifests.validWith("metadata: {name: valid-base}")).create();

    Map<String, Object> kafka = section(created, "kafka");
    assertThat(kafka)
        .containsEntry("partitions", 3)
        .containsEntry("topicPrefix", "telemetra.events");
    assertThat(spec(created))
        .containsEntry("deletionPolicy", "Retain")
        .containsEntry("suspend", false);
  }

  @Test
  void anUnknownFieldIsRejectedByStrictFieldValidation() {
    GenericKubernetesResource typo =
        Manifests.validWith("metadata: {name: typo}\nspec: {kafka: {partitons: 6}}");

    KubernetesClientException rejection =
        catchThrowableOfType(
            KubernetesClientException.class,
            () -> pipelines().resource(typo).dryRun().fieldValidation(Validation.STRICT).create());

    assertThat(rejection).isNotNull();
    assertThat(rejection.getStatus().getMessage())
        .contains("unknown field \"spec.kafka.partitons\"");
  }

  @Test
  void partitionsCanGrowButNeverShrink() {
    pipelines()
        .resource(Manifests.validWith("metadata: {name: grow}\nspec: {kafka: {partitions: 6}}"))
        .create();

    pipelines().withName("grow").edit(p -> withKafka(p, "partitions", 12));
    KubernetesClientException rejection = editRefused("grow", p -> withKafka(p, "partitions", 4));

    assertThat(rejection).isNotNull();
    assertThat(rejection.getCode()).isEqualTo(422);
    assertThat(rejection.getStatus().getMessage())
        .as("the rule names the field (fieldPath)")
        .contains("spec.kafka.partitions: Invalid value")
        .contains(
            "spec.kafka.partitions can only grow: Kafka cannot remove partitions from a topic");
    assertThat(section(pipelines().withName("grow").get(), "kafka"))
        .containsEntry("partitions", 12);
  }

  @Test
  void theTopicPrefixCannotChange() {
    pipelines().resource(Manifests.validWith("metadata: {name: prefix}")).create();

    KubernetesClientException rejection =
        editRefused("prefix", p -> withKafka(p, "topicPrefix", "other"));

    assertThat(rejection).isNotNull();
    assertThat(rejection.getStatus().getMessage())
        .contains(
            "spec.kafka.topicPrefix is immutable: telemetra.events → other (create a new pipeline"
                + " to use other topics)");
  }

  @Test
  void aChangeThatInvalidatesTheCheckpointIsRefusedWithoutANewResetNonce() {
    pipelines().resource(Manifests.validWith("metadata: {name: upgrade}")).create();

    KubernetesClientException rejection =
        editRefused(
            "upgrade",
            p -> {
              section(p, "streaming").put("windowSeconds", 120);
              section(p, "kafka").put("bootstrapServers", "other-kafka:9092");
              return p;
            });

    assertThat(rejection).isNotNull();
    assertThat(rejection.getCode()).isEqualTo(422);
    assertThat(rejection.getStatus().getMessage())
        .contains("spec.streaming.reset: Invalid value")
        .contains(
            "spec.streaming.reset.nonce must change with windowSeconds kafka.bootstrapServers:"
                + " the running checkpoint cannot be resumed with them");
    assertThat(section(pipelines().withName("upgrade").get(), "streaming"))
        .containsEntry("windowSeconds", 60);

    // A resume-class change needs no reset; a reset-class one is accepted with a new nonce.
    pipelines().withName("upgrade").edit(p -> withStreaming(p, "triggerSeconds", 2));
    pipelines()
        .withName("upgrade")
        .edit(
            p -> {
              withStreaming(p, "windowSeconds", 120);
              return withStreaming(p, "reset", Map.of("nonce", "window-120"));
            });
    Map<String, Object> streaming = section(pipelines().withName("upgrade").get(), "streaming");
    assertThat(streaming).containsEntry("windowSeconds", 120);
    assertThat(streaming.get("reset"))
        .isEqualTo(Map.of("nonce", "window-120", "startingPosition", "earliest"));
  }

  @Test
  void aResetChangesOnlyWithANewNonceAndCannotBeRemoved() {
    pipelines()
        .resource(
            Manifests.validWith(
                "metadata: {name: reset}\nspec: {streaming: {reset: {nonce: first}}}"))
        .create();

    // A new nonce alone is a reset on purpose; the same nonce with another position is refused.
    pipelines()
        .withName("reset")
        .edit(
            p ->
                withStreaming(
                    p,
                    "reset",
                    Map.of(
                        "nonce",
                        "second",
                        "startingPosition",
                        "timestamp",
                        "startingTimestamp",
                        "2026-12-05T10:00:00Z")));
    KubernetesClientException changed =
        editRefused(
            "reset",
            p ->
                withStreaming(p, "reset", Map.of("nonce", "second", "startingPosition", "latest")));
    KubernetesClientException removed = editRefused("reset", p -> withStreaming(p, "reset", null));

    for (KubernetesClientException rejection : List.of(changed, removed)) {
      assertThat(rejection).isNotNull();
      assertThat(rejection.getStatus().getMessage())
          .contains("spec.streaming.reset cannot be removed, and changes only with a new nonce");
    }
    assertThat(section(pipelines().withName("reset").get(), "streaming").get("reset"))
        .isEqualTo(
            Map.of(
                "nonce",
                "second",
                "startingPosition",
                "timestamp",
                "startingTimestamp",
                "2026-12-05T10:00:00Z"));
  }

  @Test
  void aTimestampResetNeedsAValidTimestamp() {
    for (String reset :
        List.of(
            "{nonce: t, startingPosition: timestamp}",
            "{nonce: t, startingPosition: timestamp, startingTimestamp: '2026-13-45T10:00:00Z'}",
            "{nonce: t, startingTimestamp: '2026-12-05T10:00:00Z'}")) {
      KubernetesClientException rejection =
          catchThrowableOfType(
              KubernetesClientException.class,
              () ->
                  pipelines()
                      .resource(
                          Manifests.validWith(
                              "metadata: {name: timestamp}\nspec: {streaming: {reset: "
                                  + reset
                                  + "}}"))
                      .create());
      assertThat(rejection).as(reset).isNotNull();
      assertThat(rejection.getStatus().getMessage())
          .as(reset)
          .contains("spec.streaming.reset.startingTimestamp");
    }
  }

  @Test
  void everyExampleIsAcceptedByTheServerWithStrictFieldValidation() throws IOException {
    List<HasMetadata> examples = new ArrayList<>();
    List<Path> pipelineOnlyFiles = new ArrayList<>();
    try (Stream<Path> files = Files.list(RepoRoot.resolve("examples"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          List<HasMetadata> items = API.client().load(in).items();
          items.stream()
              .filter(item -> "TelemetraPipeline".equals(item.getKind()))
              .forEach(examples::add);
          if (!items.isEmpty()
              && items.stream().allMatch(item -> "TelemetraPipeline".equals(item.getKind()))) {
            pipelineOnlyFiles.add(file);
          }
        }
      }
    }
    assertThat(examples).hasSizeGreaterThanOrEqualTo(3);
    assertThat(pipelineOnlyFiles).isNotEmpty();
    for (Path file : pipelineOnlyFiles) {
      assertThat(
              API.kubectl()
                  .run(
                      "apply",
                      "--dry-run=server",
                      "--validate=strict",
                      "-n",
                      namespace,
                      "-f",
                      file.toString()))
          .as("kubectl apply %s", file.getFileName())
          .contains("(server dry run)");
    }

    for (HasMetadata example : examples) {
      GenericKubernetesResource generic =
          API.client()
              .getKubernetesSerialization()
              .convertValue(example, GenericKubernetesResource.class);
      GenericKubernetesResource accepted =
          pipelines().resource(generic).dryRun().fieldValidation(Validation.STRICT).create();

      assertThat(accepted.getMetadata().getUid()).as(example.getMetadata().getName()).isNotBlank();
      assertThat(section(accepted, "kafka")).containsKey("partitions");
      assertThat(pipelines().withName(example.getMetadata().getName()).get()).isNull();
    }
  }

  @Test
  void kubectlExplainShowsTheFieldDocumentation() {
    String explained = API.kubectl().run("explain", "telemetrapipelines.spec.kafka.partitions");

    assertThat(explained).contains("Partitions per topic; may grow, never shrink.");
    // kubectl wraps descriptions: compare with the line breaks folded into spaces.
    assertThat(API.kubectl().run("explain", "telemetrapipelines").replaceAll("\\s+", " "))
        .contains("A live-stream analytics pipeline: Kafka topics, a Postgres schema");
    assertThat(API.kubectl().run("explain", "telemetrapipelines.spec").replaceAll("\\s+", " "))
        .contains("kafka.topicPrefix is immutable and kafka.partitions can only grow");
    assertThat(API.kubectl().run("explain", "telemetrapipelines.status").replaceAll("\\s+", " "))
        .contains("written by the operator only");
  }

  @Test
  void kubectlApplyRejectsAnInvalidFileWithTheRuleMessage() throws IOException {
    Path file = Files.createTempFile("pipeline", ".yaml");
    Files.writeString(
        file,
        API.client()
            .getKubernetesSerialization()
            .asYaml(
                Manifests.validWith(
                    "metadata: {name: kubectl-slide}\n"
                        + "spec: {streaming: {windowSeconds: 30, slideSeconds: 45}}")));
    try {
      Kubectl.KubectlFailed failed =
          catchThrowableOfType(
              Kubectl.KubectlFailed.class,
              () -> API.kubectl().run("apply", "-n", namespace, "-f", file.toString()));

      assertThat(failed).isNotNull();
      assertThat(failed.getMessage())
          .contains("spec.streaming.slideSeconds must not exceed spec.streaming.windowSeconds");
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static NonNamespaceOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      pipelines() {
    return API.client()
        .genericKubernetesResources("telemetra.io/v1alpha1", "TelemetraPipeline")
        .inNamespace(namespace);
  }

  private static KubernetesClientException editRefused(
      String name, UnaryOperator<GenericKubernetesResource> edit) {
    return catchThrowableOfType(
        KubernetesClientException.class, () -> pipelines().withName(name).edit(edit));
  }

  private static GenericKubernetesResource withKafka(
      GenericKubernetesResource pipeline, String field, Object value) {
    section(pipeline, "kafka").put(field, value);
    return pipeline;
  }

  private static GenericKubernetesResource withStreaming(
      GenericKubernetesResource pipeline, String field, Object value) {
    section(pipeline, "streaming").put(field, value);
    return pipeline;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource pipeline) {
    return (Map<String, Object>) pipeline.getAdditionalProperties().get("spec");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(GenericKubernetesResource pipeline, String name) {
    return (Map<String, Object>) spec(pipeline).get(name);
  }

  private static String slug(String name) {
    return name.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
  }
}
