package io.telemetra.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.telemetra.operator.api.v1alpha1.ApiAutoscalingSpec;
import io.telemetra.operator.api.v1alpha1.CheckpointS3Spec;
import io.telemetra.operator.api.v1alpha1.ProducerSpec;
import io.telemetra.operator.api.v1alpha1.S3CredentialsSecretRef;
import io.telemetra.operator.api.v1alpha1.StreamingReset;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.apiworkload.ApiAutoscalerDependent;
import io.telemetra.operator.apiworkload.ApiConfigMapDependent;
import io.telemetra.operator.apiworkload.ApiDeploymentDependent;
import io.telemetra.operator.apiworkload.ApiPodDisruptionBudgetDependent;
import io.telemetra.operator.apiworkload.ApiServiceDependent;
import io.telemetra.operator.pipeline.PodSecurity;
import io.telemetra.operator.pipeline.WorkloadEnvironment;
import io.telemetra.operator.producer.ProducerDeploymentDependent;
import io.telemetra.operator.streaming.StreamingApplicationDependent;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What each dependent asks Kubernetes for, built from examples/full.yaml and basic.yaml. */
class DesiredStateTest {

  final TelemetraPipeline full = TestingPipelines.example("full.yaml", "ns1");
  final TelemetraPipeline basic = TestingPipelines.example("basic.yaml", "ns1");

  @Test
  void apiDeploymentRunsRestrictedWithProbesResourcesAndATmpVolume() {
    var deployment = new ApiDeploymentDependent().desired(full, null);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container api = pod.getContainers().get(0);

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(api.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(api.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(api.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(api.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(api.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(api.getReadinessProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/readiness");
    assertThat(api.getLivenessProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/liveness");
    assertThat(api.getStartupProbe()).isNotNull();
    assertThat(api.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(api.getVolumeMounts())
        .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
    assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getEmptyDir()).isNotNull());
    assertThat(api.getEnvFrom().get(0).getConfigMapRef().getName()).isEqualTo("full-api");
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
  }

  @Test
  void apiCredentialsArriveOnlyAsSecretKeyRefs() {
    Container api =
        new ApiDeploymentDependent()
            .desired(full, null)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);
    Map<String, EnvVar> env = byName(api.getEnv());

    assertThat(env.keySet())
        .contains(
            "POSTGRES_USER",
            "POSTGRES_PASSWORD",
            "API_AUTH_TOKEN",
            "REDIS_PASSWORD",
            "KAFKA_SASL_USERNAME",
            "KAFKA_SASL_PASSWORD");
    assertThat(api.getEnv())
        .allSatisfy(
            e -> {
              assertThat(e.getValue()).as(e.getName()).isNull();
              assertThat(e.getValueFrom().getSecretKeyRef().getName()).isNotBlank();
            });
    assertThat(env.get("API_AUTH_TOKEN").getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("telemetra-api");
    assertThat(env.get("POSTGRES_PASSWORD").getValueFrom().getSecretKeyRef().getKey())
        .isEqualTo("password");
  }

  @Test
  void apiConfigMapCarriesTheDocumentedSettingsAndNoCredentials() {
    Map<String, String> data = new ApiConfigMapDependent().desired(full, null).getData();

    assertThat(data)
        .containsEntry(
            "KAFKA_BOOTSTRAP_SERVERS", "kafka-0.kafka:9093,kafka-1.kafka:9093,kafka-2.kafka:9093")
        .containsEntry("TELEMETRA_TOPIC_PREFIX", "acme.telemetra")
        .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
        .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
        .containsEntry("POSTGRES_HOST", "postgres.db.svc")
        .containsEntry("POSTGRES_PORT", "5432")
        .containsEntry("POSTGRES_DB", "telemetra")
        .containsEntry("API_PORT", "8080")
        .containsEntry("REDIS_HOST", "redis.cache.svc")
        .containsEntry("API_CORS_ORIGINS", "https://dashboard.example.com");
    assertThat(data.keySet())
        .noneMatch(k -> k.contains("PASSWORD") || k.contains("TOKEN") || k.endsWith("USER"));
  }

  @Test
  void apiServiceExposesTheNamedHttpPortWithTheRequestedType() {
    var service = new ApiServiceDependent().desired(full, null);

    assertThat(service.getSpec().getType()).isEqualTo("LoadBalancer");
    assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(8080);
    assertThat(service.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");
    assertThat(service.getSpec().getSelector()).containsEntry("app.kubernetes.io/instance", "full");
    assertThat(ApiServiceDependent.url(full)).isEqualTo("http://full-api.ns1.svc:8080");
  }

  @Test
  void podDisruptionBudgetExistsOnlyForSeveralReplicasAndKeepsOnePod() {
    var pdb = new ApiPodDisruptionBudgetDependent().desired(full, null);
    var condition = new ApiPodDisruptionBudgetDependent.SeveralReplicas();

    assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
    assertThat(condition.isMet(null, full, null)).isTrue();
    basic.getSpec().getApi().setReplicas(1);
    assertThat(condition.isMet(null, basic, null)).isFalse();
  }

  @Test
  void autoscalingLeavesTheReplicaCountToAHorizontalPodAutoscalerOnCpu() {
    ApiAutoscalingSpec autoscaling = new ApiAutoscalingSpec();
    autoscaling.setMaxReplicas(6);
    basic.getSpec().getApi().setAutoscaling(autoscaling);
    var condition = new ApiAutoscalerDependent.Autoscaled();

    assertThat(new ApiDeploymentDependent().desired(basic, null).getSpec().getReplicas())
        .as("the autoscaler's field, not the operator's")
        .isNull();
    var hpa = new ApiAutoscalerDependent().desired(basic, null);
    assertThat(hpa.getMetadata().getName()).isEqualTo("basic-api");
    assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
    assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("basic-api");
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(6);
    assertThat(hpa.getSpec().getMetrics().get(0).getResource().getName()).isEqualTo("cpu");
    assertThat(hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization())
        .isEqualTo(70);
    assertThat(condition.isMet(null, basic, null)).isTrue();
    assertThat(new ApiPodDisruptionBudgetDependent.SeveralReplicas().isMet(null, basic, null))
        .as("minReplicas 2 keeps a PodDisruptionBudget")
        .isTrue();
    assertThat(condition.isMet(null, full, null)).as("no autoscaling").isFalse();
    assertThat(new ApiAutoscalerDependent().desired(full, null).getMetadata().getName())
        .as("named without autoscaling too: the workflow deletes it by that name")
        .isEqualTo("full-api");

    basic.getSpec().setSuspend(true);
    assertThat(condition.isMet(null, basic, null)).as("suspended").isFalse();
    assertThat(new ApiDeploymentDependent().desired(basic, null).getSpec().getReplicas())
        .as("suspended: scaled to zero, which also stops the autoscaler")
        .isZero();
  }

  @Test
  void suspendScalesApiAndProducerToZero() {
    full.getSpec().setSuspend(true);

    assertThat(new ApiDeploymentDependent().desired(full, null).getSpec().getReplicas()).isZero();
    assertThat(new ProducerDeploymentDependent().desired(full, null).getSpec().getReplicas())
        .isZero();
    assertThat(new StreamingApplicationDependent().desired(full, null).getSpec().getSuspend())
        .isTrue();
  }

  @Test
  void producerRunsOnlyWhenEnabledWithItsRateAndRestrictedSecurity() {
    var enabled = new ProducerDeploymentDependent.Enabled();
    Container producer =
        new ProducerDeploymentDependent()
            .desired(full, null)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);

    assertThat(enabled.isMet(null, full, null)).isTrue();
    assertThat(enabled.isMet(null, basic, null)).isFalse();
    basic.getSpec().setProducer(new ProducerSpec());
    assertThat(enabled.isMet(null, basic, null)).isFalse();
    assertThat(byName(producer.getEnv()).get("PRODUCER_RATE_PER_SEC").getValue()).isEqualTo("500");
    assertThat(producer.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
  }

  @Test
  void sparkApplicationCarriesTheJobSettingsAndCredentialsOnlyByReference() {
    var app = new StreamingApplicationDependent().desired(full, null);
    var spec = app.getSpec();
    var driver = spec.getDriver().getTemplate().getSpec();
    var executor = spec.getExecutor().getTemplate().getSpec();
    Map<String, EnvVar> driverEnv = byName(driver.getContainers().get(0).getEnv());

    assertThat(app.getMetadata().getName()).isEqualTo("full-streaming");
    assertThat(spec.getImage()).isEqualTo("ghcr.io/telemetra/streaming:0.1.0");
    assertThat(spec.getMainClass()).isEqualTo("io.telemetra.streaming.StreamingJobMain");
    assertThat(spec.getSuspend()).isFalse();
    assertThat(spec.getSparkConf())
        .containsEntry("spark.sql.shuffle.partitions", "12")
        .containsEntry(
            "spark.sql.streaming.checkpointLocation", "s3a://telemetra-checkpoints/full");
    assertThat(spec.getExecutor().getInstances()).isEqualTo(3);
    assertThat(spec.getExecutor().getMemory()).isEqualTo("4g");
    assertThat(driverEnv.get("CHAT_WINDOW_SLIDE_SECONDS").getValue()).isEqualTo("10");
    assertThat(driverEnv.get("ANOMALY_DETECTION_THRESHOLD").getValue()).isEqualTo("2.5");
    assertThat(driverEnv.get("CHECKPOINT_LOCATION").getValue())
        .isEqualTo("s3a://telemetra-checkpoints/full");
    assertThat(driverEnv.get("POSTGRES_PASSWORD").getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("telemetra-postgres");
    assertThat(byName(executor.getContainers().get(0).getEnv())).containsKey("KAFKA_SASL_PASSWORD");
    // Spark keeps the container of the template that carries the name it looks for.
    assertThat(driver.getContainers())
        .extracting("name")
        .containsExactly("spark-kubernetes-driver");
    assertThat(executor.getContainers())
        .extracting("name")
        .containsExactly("spark-kubernetes-executor");
    assertThat(driver.getContainers().get(0).getSecurityContext().getAllowPrivilegeEscalation())
        .isFalse();
    assertThat(executor.getSecurityContext().getRunAsNonRoot()).isTrue();
  }

  @Test
  void aCheckpointVolumeClaimIsMountedInTheDriverAndEveryExecutorAtTheCheckpointDirectory() {
    var pipeline = TestingPipelines.example("demo-producer.yaml", "ns1");
    pipeline.getSpec().getStreaming().setCheckpointLocation("file:///var/lib/telemetra/ckpt");
    pipeline.getSpec().getStreaming().setCheckpointVolumeClaim("demo-checkpoints");
    var spec = new StreamingApplicationDependent().desired(pipeline, null).getSpec();

    for (var pod :
        List.of(
            spec.getDriver().getTemplate().getSpec(), spec.getExecutor().getTemplate().getSpec())) {
      assertThat(pod.getVolumes())
          .singleElement()
          .satisfies(
              v ->
                  assertThat(v.getPersistentVolumeClaim().getClaimName())
                      .isEqualTo("demo-checkpoints"));
      assertThat(pod.getContainers().get(0).getVolumeMounts())
          .singleElement()
          .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/var/lib/telemetra/ckpt"));
    }
    assertThat(byName(spec.getDriver().getTemplate().getSpec().getContainers().get(0).getEnv()))
        .containsKey("TELEMETRA_PIPELINE_NAME");
    assertThat(
            byName(spec.getDriver().getTemplate().getSpec().getContainers().get(0).getEnv())
                .get("TELEMETRA_PIPELINE_NAME")
                .getValue())
        .isEqualTo("ns1/demo");
  }

  @Test
  void anS3CheckpointStoreGetsItsEndpointInSparkConfAndItsKeysOnlyAsSecretKeyRefs() {
    var pipeline = TestingPipelines.example("demo-producer.yaml", "ns1");
    var s3 = new CheckpointS3Spec();
    s3.setEndpoint("http://s3.storage.svc:8333");
    s3.setPathStyleAccess(true);
    var keys = new S3CredentialsSecretRef();
    keys.setName("checkpoint-s3");
    s3.setCredentialsSecretRef(keys);
    pipeline.getSpec().getStreaming().setCheckpointLocation("s3a://checkpoints/demo");
    pipeline.getSpec().getStreaming().setCheckpointS3(s3);
    var spec = new StreamingApplicationDependent().desired(pipeline, null).getSpec();

    assertThat(spec.getSparkConf())
        .containsEntry("spark.hadoop.fs.s3a.endpoint", "http://s3.storage.svc:8333")
        .containsEntry("spark.hadoop.fs.s3a.path.style.access", "true")
        .containsEntry(
            "spark.hadoop.fs.s3a.aws.credentials.provider",
            "software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider");
    for (var pod :
        List.of(
            spec.getDriver().getTemplate().getSpec(), spec.getExecutor().getTemplate().getSpec())) {
      Map<String, EnvVar> env = byName(pod.getContainers().get(0).getEnv());
      assertThat(env.get("AWS_ACCESS_KEY_ID").getValueFrom().getSecretKeyRef())
          .satisfies(
              ref -> {
                assertThat(ref.getName()).isEqualTo("checkpoint-s3");
                assertThat(ref.getKey()).isEqualTo("access-key-id");
              });
      assertThat(env.get("AWS_SECRET_ACCESS_KEY").getValueFrom().getSecretKeyRef().getKey())
          .isEqualTo("secret-access-key");
    }
  }

  @Test
  void aRequestedResetRunsTheJobOnANewCheckpointUnderTheOldOneFromItsStartingPosition() {
    var pipeline = TestingPipelines.example("demo-producer.yaml", "ns1");
    pipeline.getSpec().getStreaming().setCheckpointLocation("file:///var/lib/telemetra/ckpt/");
    pipeline.getSpec().getStreaming().setCheckpointVolumeClaim("demo-checkpoints");
    var reset = new StreamingReset();
    reset.setNonce("window-120");
    reset.setStartingPosition(StreamingReset.StartingPosition.timestamp);
    reset.setStartingTimestamp("2026-12-05T11:00:00+01:00");
    pipeline.getSpec().getStreaming().setReset(reset);
    var spec = new StreamingApplicationDependent().desired(pipeline, null).getSpec();
    var driver = spec.getDriver().getTemplate().getSpec().getContainers().get(0);
    Map<String, EnvVar> env = byName(driver.getEnv());

    assertThat(spec.getSparkConf())
        .containsEntry(
            "spark.sql.streaming.checkpointLocation",
            "file:///var/lib/telemetra/ckpt/resets/window-120");
    assertThat(env.get("CHECKPOINT_LOCATION").getValue())
        .isEqualTo("file:///var/lib/telemetra/ckpt/resets/window-120");
    assertThat(env.get("TELEMETRA_RESET_NONCE").getValue()).isEqualTo("window-120");
    assertThat(env.get("KAFKA_STARTING_OFFSETS").getValue()).isEqualTo("2026-12-05T10:00:00Z");
    // The claim is still mounted at the base directory, which holds the new checkpoint too.
    assertThat(driver.getVolumeMounts())
        .singleElement()
        .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/var/lib/telemetra/ckpt/"));

    reset.setStartingPosition(StreamingReset.StartingPosition.latest);
    reset.setStartingTimestamp(null);
    var latest = new StreamingApplicationDependent().desired(pipeline, null).getSpec();
    assertThat(
            byName(latest.getDriver().getTemplate().getSpec().getContainers().get(0).getEnv())
                .get("KAFKA_STARTING_OFFSETS")
                .getValue())
        .isEqualTo("latest");
  }

  @Test
  void theJobKeepsThreeSnapshotsByDefaultAndIsToldTheOneToRestore() {
    var pipeline = TestingPipelines.example("demo-producer.yaml", "ns1");
    Map<String, EnvVar> defaults = driverEnv(pipeline);
    assertThat(defaults.get("CHECKPOINT_SNAPSHOTS").getValue()).isEqualTo("3");
    assertThat(defaults).doesNotContainKey("CHECKPOINT_RESTORE_FROM");

    pipeline.getSpec().getStreaming().setSnapshots(0);
    pipeline.getSpec().getStreaming().setRestoreFrom("20261207-051200-123");
    Map<String, EnvVar> restore = driverEnv(pipeline);
    assertThat(restore.get("CHECKPOINT_SNAPSHOTS").getValue()).isEqualTo("0");
    assertThat(restore.get("CHECKPOINT_RESTORE_FROM").getValue()).isEqualTo("20261207-051200-123");
  }

  private static Map<String, EnvVar> driverEnv(TelemetraPipeline pipeline) {
    return byName(
        new StreamingApplicationDependent()
            .desired(pipeline, null)
            .getSpec()
            .getDriver()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0)
            .getEnv());
  }

  @Test
  void withoutAResetTheJobRunsOnTheCheckpointLocationFromTheDefaultPosition() {
    assertThat(driverEnv(full))
        .doesNotContainKeys("TELEMETRA_RESET_NONCE", "KAFKA_STARTING_OFFSETS");
  }

  @Test
  void aNewRestartNonceChangesTheApplicationSpecSoTheSparkOperatorResubmitsIt() {
    var pipeline = TestingPipelines.example("demo-producer.yaml", "ns1");
    var before = new StreamingApplicationDependent().desired(pipeline, null).getSpec();
    pipeline.getSpec().getStreaming().setRestartNonce("2026-12-05T18:10");
    var after = new StreamingApplicationDependent().desired(pipeline, null).getSpec();

    assertThat(before.getDriver().getTemplate().getMetadata()).isNull();
    for (var template :
        List.of(after.getDriver().getTemplate(), after.getExecutor().getTemplate())) {
      assertThat(template.getMetadata().getAnnotations())
          .containsEntry("telemetra.io/restart-nonce", "2026-12-05T18:10");
    }
    assertThat(Serialization.asJson(after)).isNotEqualTo(Serialization.asJson(before));
    assertThat(after.getSparkConf()).isEqualTo(before.getSparkConf()).as("same checkpoint");
  }

  @Test
  void withoutAVolumeClaimTheJobMountsNothing() {
    var spec = new StreamingApplicationDependent().desired(full, null).getSpec();
    assertThat(spec.getDriver().getTemplate().getSpec().getVolumes()).isNullOrEmpty();
  }

  @Test
  void noManifestContainsASecretValueOrInlinesACredential() {
    String all =
        Serialization.asJson(
            List.of(
                new ApiDeploymentDependent().desired(full, null),
                new ApiConfigMapDependent().desired(full, null),
                new ProducerDeploymentDependent().desired(full, null),
                new StreamingApplicationDependent().desired(full, null)));

    assertThat(all)
        .doesNotContain(TestingPipelines.POSTGRES_PASSWORD)
        .doesNotContain(TestingPipelines.API_TOKEN)
        .doesNotContain("sasl.jaas.config");
  }

  @Test
  void anApiPodTemplateAddsToThePodsWithoutReplacingTelemetrasOwnSettings() {
    var plain = new ApiDeploymentDependent().desired(basic, null).getSpec().getTemplate();
    var deployment = new ApiDeploymentDependent().desired(full, null);
    var template = deployment.getSpec().getTemplate();
    PodSpec pod = template.getSpec();
    Container api = pod.getContainers().get(0);

    assertThat(template.getMetadata().getLabels())
        .containsEntry("cost-center", "analytics")
        .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
    assertThat(template.getMetadata().getAnnotations())
        .containsEntry("prometheus.io/scrape", "true")
        .containsKey(ApiDeploymentDependent.CONFIG_HASH);
    assertThat(pod.getTopologySpreadConstraints())
        .singleElement()
        .satisfies(c -> assertThat(c.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone"));
    assertThat(pod.getImagePullSecrets())
        .extracting("name")
        .containsExactly("registry-credentials");
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
    assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(10001L);
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    // Telemetra's container first, its env untouched; the user's envFrom after the ConfigMap.
    assertThat(pod.getContainers()).extracting("name").containsExactly("api", "log-shipper");
    assertThat(byName(api.getEnv()).keySet()).contains("API_AUTH_TOKEN", "POSTGRES_PASSWORD");
    assertThat(api.getEnvFrom())
        .extracting(e -> e.getConfigMapRef().getName())
        .containsExactly("full-api", "telemetra-api-extra");
    assertThat(pod.getVolumes()).extracting("name").containsExactly("tmp", "trusted-ca");
    assertThat(api.getVolumeMounts())
        .extracting("mountPath")
        .containsExactly("/tmp", "/etc/ssl/corporate");
    Container sidecar = pod.getContainers().get(1);
    assertThat(sidecar.getSecurityContext()).isEqualTo(PodSecurity.container());
    assertThat(sidecar.getEnv()).isEmpty();
    assertThat(plain.getMetadata().getLabels()).doesNotContainKey("cost-center");
    assertThat(plain.getSpec().getContainers()).hasSize(1);
  }

  @Test
  void driverAndExecutorTemplatesReachOnlyTheirOwnPods() {
    var spec = new StreamingApplicationDependent().desired(full, null).getSpec();
    var driver = spec.getDriver().getTemplate();
    var executor = spec.getExecutor().getTemplate();

    assertThat(driver.getMetadata().getLabels()).containsEntry("cost-center", "analytics");
    assertThat(driver.getSpec().getNodeSelector())
        .containsEntry("node.kubernetes.io/lifecycle", "on-demand");
    assertThat(driver.getSpec().getPriorityClassName()).isEqualTo("telemetra-streaming");
    assertThat(driver.getSpec().getTolerations()).isEmpty();
    assertThat(executor.getSpec().getTolerations())
        .singleElement()
        .satisfies(t -> assertThat(t.getKey()).isEqualTo("spot"));
    assertThat(executor.getSpec().getNodeSelector()).isEmpty();
    List<EnvVar> executorEnv = executor.getSpec().getContainers().get(0).getEnv();
    List<EnvVar> driverEnv = driver.getSpec().getContainers().get(0).getEnv();
    assertThat(executorEnv.get(executorEnv.size() - 1).getName()).isEqualTo("JAVA_TOOL_OPTIONS");
    assertThat(executorEnv).hasSize(driverEnv.size() + 1);
  }

  @Test
  void theCrdRefusesInATemplateEveryVariableTelemetraSets() {
    var pipelines = List.of(full, basic);
    var env =
        pipelines.stream()
            .flatMap(
                p ->
                    java.util.stream.Stream.of(
                        new ApiDeploymentDependent().desired(p, null).getSpec().getTemplate(),
                        new ProducerDeploymentDependent()
                            .desired(full, null)
                            .getSpec()
                            .getTemplate(),
                        new StreamingApplicationDependent()
                            .desired(p, null)
                            .getSpec()
                            .getDriver()
                            .getTemplate()))
            .flatMap(t -> t.getSpec().getContainers().get(0).getEnv().stream())
            .map(EnvVar::getName)
            .filter(name -> !name.equals("JAVA_TOOL_OPTIONS"))
            .collect(Collectors.toCollection(java.util.TreeSet::new));

    assertThat(env).hasSizeGreaterThan(20);
    assertThat(env)
        .allSatisfy(
            name ->
                assertThat(
                        name.startsWith("TELEMETRA_")
                            || io.telemetra.operator.api.v1alpha1.WorkloadPodTemplate
                                .TELEMETRA_ENVIRONMENT
                                .contains("'" + name + "'"))
                    .as("%s is in WorkloadPodTemplate.TELEMETRA_ENVIRONMENT", name)
                    .isTrue());
  }

  @Test
  void everyConnectionVariableOfTheRuntimeContractIsReservedInTemplates() {
    assertThat(
            java.util.stream.Stream.of(
                    io.telemetra.runtime.KafkaConnection.VARIABLES,
                    io.telemetra.runtime.PostgresConnection.VARIABLES,
                    io.telemetra.runtime.RedisConnection.VARIABLES)
                .flatMap(List::stream))
        .allSatisfy(
            name ->
                assertThat(
                        io.telemetra.operator.api.v1alpha1.WorkloadPodTemplate
                            .TELEMETRA_ENVIRONMENT)
                    .contains("'" + name + "'"));
  }

  @Test
  void kafkaTlsReachesEveryWorkloadAsSecretReferencesAndSetsTheProtocol() {
    TelemetraPipeline p = TestingPipelines.example("basic.yaml", "ns");
    var tls = new io.telemetra.operator.api.v1alpha1.KafkaTls();
    tls.setCaSecretRef(new io.telemetra.operator.api.v1alpha1.SecretKeyRef("cluster-ca", "ca.crt"));
    var certificate = new io.telemetra.operator.api.v1alpha1.ClientCertificateSecretRef();
    certificate.setName("kafka-user");
    certificate.setCertificateKey("user.crt");
    certificate.setKeyKey("user.key");
    tls.setClientCertificateSecretRef(certificate);
    p.getSpec().getKafka().setTls(tls);

    var spec = new StreamingApplicationDependent().desired(p, null).getSpec();
    for (var template :
        List.of(
            new ApiDeploymentDependent().desired(p, null).getSpec().getTemplate(),
            spec.getDriver().getTemplate(),
            spec.getExecutor().getTemplate())) {
      Map<String, EnvVar> env = byName(template.getSpec().getContainers().get(0).getEnv());
      assertThat(env.get("KAFKA_SSL_CA_CERTIFICATES").getValueFrom().getSecretKeyRef())
          .extracting(r -> r.getName() + "/" + r.getKey())
          .isEqualTo("cluster-ca/ca.crt");
      assertThat(env.get("KAFKA_SSL_CLIENT_CERTIFICATE").getValueFrom().getSecretKeyRef())
          .extracting(r -> r.getName() + "/" + r.getKey())
          .isEqualTo("kafka-user/user.crt");
      assertThat(env.get("KAFKA_SSL_CLIENT_KEY").getValueFrom().getSecretKeyRef())
          .extracting(r -> r.getName() + "/" + r.getKey())
          .isEqualTo("kafka-user/user.key");
    }
    assertThat(WorkloadEnvironment.shared(p.getSpec()))
        .containsEntry("KAFKA_SECURITY_PROTOCOL", "SSL");
  }

  @Test
  void postgresTlsReachesTheWorkloadsAsTheModeAndARootCertificateReference() {
    var spec = full.getSpec();
    assertThat(WorkloadEnvironment.shared(spec)).containsEntry("POSTGRES_SSL_MODE", "verify-full");
    Map<String, EnvVar> env = byName(WorkloadEnvironment.streamingSecrets(spec));
    assertThat(env.get("POSTGRES_SSL_ROOT_CERT").getValueFrom().getSecretKeyRef())
        .extracting(r -> r.getName() + "/" + r.getKey())
        .isEqualTo("postgres-ca/ca.crt");
    assertThat(WorkloadEnvironment.shared(basic.getSpec())).doesNotContainKey("POSTGRES_SSL_MODE");
  }

  static Map<String, EnvVar> byName(List<EnvVar> env) {
    return env.stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
  }
}
