package io.telemetra.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.telemetra.embedded.CertificateAuthority;
import io.telemetra.embedded.KafkaBroker;
import io.telemetra.embedded.KafkaTlsListeners;
import io.telemetra.embedded.Postgres;
import io.telemetra.operator.api.v1alpha1.CheckpointSnapshot;
import io.telemetra.operator.api.v1alpha1.ClientCertificateSecretRef;
import io.telemetra.operator.api.v1alpha1.KafkaAuth;
import io.telemetra.operator.api.v1alpha1.KafkaSpec;
import io.telemetra.operator.api.v1alpha1.KafkaTls;
import io.telemetra.operator.api.v1alpha1.Phase;
import io.telemetra.operator.api.v1alpha1.SecretKeyRef;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.api.v1alpha1.UserPasswordSecretRef;
import io.telemetra.operator.pipeline.ReferencedSecrets;
import io.telemetra.operator.spark.ApplicationState;
import io.telemetra.operator.spark.SparkApplication;
import io.telemetra.operator.spark.SparkApplicationStatus;
import io.telemetra.operator.status.ConditionType;
import io.telemetra.operator.status.Conditions;
import io.telemetra.operator.streaming.RestartBudget;
import io.telemetra.schema.SchemaMigrator;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator with a real KRaft Kafka broker and a real Postgres; the Kubernetes side is the
 * fabric8 mock server (CRUD) with the upstream SparkApplication CRD installed. The Spark operator
 * and kubelet are simulated by writing the status they would write.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnableKubernetesMockClient(crud = true)
class TelemetraPipelineIT {

  static final String NS = "streams";
  static final Duration PATIENCE = Duration.ofSeconds(90);

  static KubernetesClient client;
  static final String SCRAM_USER = "telemetra";
  static final String SCRAM_PASSWORD = "scram-secret-value-1312";
  CertificateAuthority kafkaCa;
  CertificateAuthority postgresCa;
  KafkaBroker kafka;
  Postgres postgres;
  TelemetraOperator operator;

  /** The broker's and the database's files (~400 MB), removed after the class. */
  @TempDir static Path dir;

  @BeforeAll
  void startKafkaPostgresAndOperator() throws Exception {
    // A PLAINTEXT listener, and the TLS ones a locked-down cluster offers (mutual TLS, SASL_SSL).
    kafkaCa = CertificateAuthority.create("telemetra-it-kafka-ca");
    kafka =
        KafkaBroker.onFreePorts(dir.resolve("kafka"))
            .withTls(KafkaTlsListeners.on(kafkaCa, Map.of(SCRAM_USER, SCRAM_PASSWORD)))
            .start();
    postgresCa = CertificateAuthority.create("telemetra-it-postgres-ca");
    postgres =
        Postgres.onFreePort(dir.resolve("pg"))
            .withTls(postgresCa.issueForLoopback("postgres"))
            .start();
    System.setProperty("TELEMETRA_KAFKA_POLL_SECONDS", "2");
    System.setProperty("TELEMETRA_POSTGRES_POLL_SECONDS", "2");
    TestingOperator.installSparkCrd(client);
    // The resync is far beyond any test: what a test sees comes from watches and polls.
    operator =
        TestingOperator.startOnMockServer(
            client, TestingOperator.settings().withResync(Duration.ofMinutes(30)));
    client.resource(TestingPipelines.postgresSecret(NS, Postgres.USER)).create();
    client.resource(TestingPipelines.apiTokenSecret(NS)).create();
  }

  @AfterAll
  void stopEverything() {
    operator.close();
    kafka.close();
    postgres.close();
  }

  @BeforeEach
  void brokerIsUp() {
    kafka.start();
  }

  TelemetraPipeline create(String name) {
    TelemetraPipeline p = withOwnDatabase(name);
    return client.resource(p).create();
  }

  /**
   * examples/basic.yaml named {@code name}, on the test's Kafka and on a database of its own named
   * after it (pipelines never share tables: a second one would be refused as a ResourceConflict).
   */
  TelemetraPipeline withOwnDatabase(String name) {
    TelemetraPipeline p =
        TestingPipelines.basic(
            name, NS, kafka.bootstrapServers(), postgres.host(), postgres.port());
    String database = name.replace('-', '_');
    try (var c = DriverManager.getConnection(postgres.jdbcUrl(), Postgres.USER, "")) {
      c.createStatement().execute("CREATE DATABASE " + database);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    p.getSpec().getPostgres().setDatabase(database);
    return p;
  }

  /** The JDBC URL of the database {@link #withOwnDatabase} made for pipeline {@code name}. */
  String jdbcUrl(String name) {
    return postgres.jdbcUrl().replaceAll("/[^/?]+(\\?.*)?$", "/" + name.replace('-', '_'));
  }

  TelemetraPipeline pipeline(String name) {
    return client.resources(TelemetraPipeline.class).inNamespace(NS).withName(name).get();
  }

  Optional<Condition> condition(String name, String type) {
    TelemetraPipeline p = pipeline(name);
    return p == null || p.getStatus() == null
        ? Optional.empty()
        : Conditions.find(p.getStatus().getConditions(), type);
  }

  void awaitCondition(String name, String type, String status, String reason) {
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(condition(name, type))
                    .hasValueSatisfying(
                        c -> {
                          assertThat(c.getStatus()).as(c.getMessage()).isEqualTo(status);
                          assertThat(c.getReason()).as(c.getMessage()).isEqualTo(reason);
                        }));
  }

  void patchSpec(String name, String json) {
    client
        .resources(TelemetraPipeline.class)
        .inNamespace(NS)
        .withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":" + json + "}");
  }

  Admin admin() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    return Admin.create(props);
  }

  Map<String, Integer> partitions(String prefix) throws Exception {
    try (Admin admin = admin()) {
      Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
      List<String> ours = names.stream().filter(n -> n.startsWith(prefix)).toList();
      Map<String, Integer> result = new HashMap<>();
      admin
          .describeTopics(ours)
          .allTopicNames()
          .get(10, TimeUnit.SECONDS)
          .forEach((n, d) -> result.put(n, d.partitions().size()));
      return result;
    }
  }

  /** The Spark operator reports {@code state} for the application's current submission. */
  void simulateSparkOperator(String pipeline, String state, String error) {
    reportSparkStatus(pipeline, state, error, false);
  }

  /** The Spark operator submits the application again (after a spec change) and reports it. */
  void simulateResubmission(String pipeline, String state) {
    reportSparkStatus(pipeline, state, null, true);
  }

  void reportSparkStatus(String pipeline, String state, String error, boolean resubmitted) {
    // The workflow creates the SparkApplication and the API Deployment independently: the one a
    // test waited for may come first.
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                client
                        .resources(SparkApplication.class)
                        .inNamespace(NS)
                        .withName(pipeline + "-streaming")
                        .get()
                    != null);
    likeAControllerAMomentLater();
    client
        .resources(SparkApplication.class)
        .inNamespace(NS)
        .withName(pipeline + "-streaming")
        .editStatus(
            app -> {
              String submission =
                  resubmitted
                          || app.getStatus() == null
                          || app.getStatus().getSubmissionID() == null
                      ? UUID.randomUUID().toString()
                      : app.getStatus().getSubmissionID();
              app.setStatus(sparkStatus(state, error, submission));
              return app;
            });
  }

  static SparkApplicationStatus sparkStatus(String state, String error, String submission) {
    SparkApplicationStatus status = new SparkApplicationStatus();
    status.setApplicationState(new ApplicationState(state, error));
    status.setSubmissionID(submission);
    status.setExecutionAttempts(1);
    status.setSubmissionAttempts(1);
    return status;
  }

  /** The Deployment controller has rolled out the current spec: every replica updated and ready. */
  void simulateReadyApiPods(String pipeline, int ready) {
    simulateDeploymentStatus(pipeline + "-api", ready, ready, ready, List.of());
  }

  /**
   * A controller answers an update a moment after it; a status written in the same instant as the
   * operator's own update was twice not seen by the operator on the mock server (no reconcile
   * followed; a JOSDK own-write cache race is suspected, not seen against a real API server).
   */
  static void likeAControllerAMomentLater() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void simulateDeploymentStatus(
      String name, int pods, int updated, int ready, List<DeploymentCondition> conditions) {
    likeAControllerAMomentLater();
    client
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName(name)
        .editStatus(
            d -> {
              d.setStatus(
                  new DeploymentStatusBuilder()
                      .withObservedGeneration(d.getMetadata().getGeneration())
                      .withReplicas(pods)
                      .withUpdatedReplicas(updated)
                      .withReadyReplicas(ready)
                      .withAvailableReplicas(ready)
                      .withConditions(conditions)
                      .build());
              return d;
            });
  }

  SparkApplication application(String pipeline) {
    return client
        .resources(SparkApplication.class)
        .inNamespace(NS)
        .withName(pipeline + "-streaming")
        .get();
  }

  @Test
  void pipelineBecomesReadyWithTopicsSchemaSparkApplicationAndApi() throws Exception {
    create("live");

    awaitCondition("live", ConditionType.TOPICS_READY, "True", "TopicsReconciled");
    awaitCondition("live", ConditionType.SCHEMA_READY, "True", "SchemaMigrated");
    try (Admin admin = admin()) {
      var chat = new ConfigResource(ConfigResource.Type.TOPIC, "live.events.chat");
      var config = admin.describeConfigs(List.of(chat)).all().get(10, TimeUnit.SECONDS).get(chat);
      assertThat(config.get("retention.ms").value()).isEqualTo(String.valueOf(168L * 3600 * 1000));
    }
    assertThat(partitions("live.events."))
        .containsOnlyKeys(
            "live.events.chat",
            "live.events.viewer",
            "live.events.transactions",
            "live.events.stream_meta",
            "live.events.dlq")
        .allSatisfy((topic, count) -> assertThat(count).isEqualTo(3));
    String version =
        SchemaMigrator.forUrl(jdbcUrl("live"), Postgres.USER, "").currentVersion().orElseThrow();
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(pipeline("live").getStatus().getSchema().getVersion())
                    .isEqualTo(version));
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                client
                        .resources(SparkApplication.class)
                        .inNamespace(NS)
                        .withName("live-streaming")
                        .get()
                    != null);
    await()
        .atMost(PATIENCE)
        .until(
            () -> client.apps().deployments().inNamespace(NS).withName("live-api").get() != null);
    awaitCondition("live", ConditionType.STREAMING_READY, "False", "ApplicationPending");

    simulateSparkOperator("live", "RUNNING", null);
    simulateReadyApiPods("live", 2);

    awaitCondition("live", ConditionType.READY, "True", "AllPartsReady");
    assertThat(pipeline("live").getStatus().getPhase()).isEqualTo(Phase.Running);
    assertThat(pipeline("live").getStatus().getApi().getUrl())
        .isEqualTo("http://live-api.streams.svc:8080");
    assertThat(pipeline("live").getStatus().getStreaming().getState()).isEqualTo("RUNNING");
  }

  @Test
  void aSchemaThatFallsBehindAfterItWasCurrentIsMigratedAgain() throws Exception {
    // Once current, a poll recognises the schema from flyway_schema_history alone; that shortcut
    // must still see a database an older Telemetra (or a restore) left one migration behind.
    client.resource(withOwnDatabase("behind")).create();
    awaitCondition("behind", ConditionType.SCHEMA_READY, "True", "SchemaMigrated");
    String current = pipeline("behind").getStatus().getSchema().getVersion();
    try (var c = DriverManager.getConnection(jdbcUrl("behind"), Postgres.USER, "");
        var s = c.createStatement()) {
      // undo the last migration (V9): its table gone, its history row too
      s.execute("DROP TABLE streaming_snapshots");
      s.execute(
          "DELETE FROM flyway_schema_history WHERE installed_rank ="
              + " (SELECT max(installed_rank) FROM flyway_schema_history)");
    }

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              try (var c = DriverManager.getConnection(jdbcUrl("behind"), Postgres.USER, "")) {
                assertThat(
                        SchemaMigrator.forUrl(jdbcUrl("behind"), Postgres.USER, "")
                            .currentVersion())
                    .contains(current);
                assertThat(
                        c.getMetaData().getTables(null, null, "streaming_snapshots", null).next())
                    .as("the last migration ran again")
                    .isTrue();
              }
            });
    awaitCondition("behind", ConditionType.SCHEMA_READY, "True", "SchemaMigrated");
  }

  @Test
  void unchangedSpecCausesNoWritesAtAll() throws Exception {
    create("steady");
    await()
        .atMost(PATIENCE)
        .until(
            () -> client.apps().deployments().inNamespace(NS).withName("steady-api").get() != null);
    simulateSparkOperator("steady", "RUNNING", null);
    simulateReadyApiPods("steady", 2);
    awaitCondition("steady", ConditionType.READY, "True", "AllPartsReady");
    Map<String, String> before = versions("steady");
    String statusBefore = Serialization.asYaml(pipeline("steady").getStatus());

    Thread.sleep(8_000); // several polling periods and reconciliations

    assertThat(Serialization.asYaml(pipeline("steady").getStatus())).isEqualTo(statusBefore);
    assertThat(versions("steady")).isEqualTo(before);
  }

  Map<String, String> versions(String name) {
    Map<String, String> v = new HashMap<>();
    List<HasMetadata> all =
        List.of(
            pipeline(name),
            client.apps().deployments().inNamespace(NS).withName(name + "-api").get(),
            client.services().inNamespace(NS).withName(name + "-api").get(),
            client.configMaps().inNamespace(NS).withName(name + "-api").get(),
            client
                .resources(SparkApplication.class)
                .inNamespace(NS)
                .withName(name + "-streaming")
                .get());
    all.forEach(
        r ->
            v.put(
                r.getKind() + "/" + r.getMetadata().getName(),
                r.getMetadata().getResourceVersion()));
    return v;
  }

  void awaitReady(String name) {
    await().atMost(PATIENCE).until(() -> application(name) != null);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                client.apps().deployments().inNamespace(NS).withName(name + "-api").get() != null);
    simulateSparkOperator(name, "RUNNING", null);
    simulateReadyApiPods(name, 2);
    awaitCondition(name, ConditionType.READY, "True", "AllPartsReady");
  }

  @Test
  void aNewApiVersionIsReadyOnlyOnceRolledOutAndAStuckRolloutDegradesThePipeline() {
    create("rollout");
    awaitReady("rollout");

    patchSpec("rollout", "{\"api\":{\"image\":\"ghcr.io/telemetra/api:crashing\"}}");
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                client
                    .apps()
                    .deployments()
                    .inNamespace(NS)
                    .withName("rollout-api")
                    .get()
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0)
                    .getImage()
                    .endsWith(":crashing"));
    // The old ReplicaSet's two pods still serve; the one new pod crash-loops.
    simulateDeploymentStatus("rollout-api", 3, 1, 2, List.of());

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(condition("rollout", ConditionType.API_READY))
                    .hasValueSatisfying(
                        c -> {
                          assertThat(c.getReason()).isEqualTo("ReplicasNotReady");
                          assertThat(c.getMessage())
                              .isEqualTo(
                                  "2/2 replicas ready, 1 updated, 2 available,"
                                      + " 2 of the previous version");
                        }));

    simulateDeploymentStatus(
        "rollout-api",
        3,
        1,
        2,
        List.of(
            new DeploymentConditionBuilder()
                .withType("Progressing")
                .withStatus("False")
                .withReason("ProgressDeadlineExceeded")
                .withMessage("ReplicaSet \"rollout-api-5c8\" has timed out progressing.")
                .build()));

    awaitCondition("rollout", ConditionType.API_READY, "False", "RolloutFailed");
    assertThat(pipeline("rollout").getStatus().getPhase()).isEqualTo(Phase.Degraded);
    assertThat(condition("rollout", ConditionType.READY).orElseThrow().getMessage())
        .startsWith("ApiReady: ProgressDeadlineExceeded: ReplicaSet \"rollout-api-5c8\"");
  }

  @Test
  void aStreamingSpecChangeIsReadyOnlyOnceTheSparkOperatorSubmittedItAgain() {
    create("resubmit");
    awaitReady("resubmit");

    patchSpec("resubmit", "{\"streaming\":{\"image\":\"ghcr.io/telemetra/streaming:0.2.0\"}}");

    awaitCondition("resubmit", ConditionType.STREAMING_READY, "False", "ApplicationPending");
    assertThat(application("resubmit").getStatus().getApplicationState().getState())
        .as("the previous run still reports RUNNING")
        .isEqualTo("RUNNING");

    simulateResubmission("resubmit", "RUNNING");
    awaitCondition("resubmit", ConditionType.STREAMING_READY, "True", "ApplicationRunning");
    awaitCondition("resubmit", ConditionType.READY, "True", "AllPartsReady");
  }

  @Test
  void aDeletedSparkApplicationLeavesNoStaleStateBehind() {
    create("vanish");
    awaitReady("vanish");
    assertThat(pipeline("vanish").getStatus().getStreaming().getState()).isEqualTo("RUNNING");

    kafka.stop(); // the workflow stops before the SparkApplication, so it is not made again
    awaitCondition("vanish", ConditionType.TOPICS_READY, "False", "KafkaUnavailable");
    client.resource(application("vanish")).delete();

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> assertThat(pipeline("vanish").getStatus().getStreaming().getState()).isNull());
    kafka.start();
  }

  @Test
  void partitionsGrowButNeverShrink() throws Exception {
    create("grow");
    awaitCondition("grow", ConditionType.TOPICS_READY, "True", "TopicsReconciled");

    patchSpec("grow", "{\"kafka\":{\"partitions\":6}}");
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(partitions("grow.events."))
                    .hasSize(5)
                    .allSatisfy((t, n) -> assertThat(n).isEqualTo(6)));

    patchSpec("grow", "{\"kafka\":{\"partitions\":2,\"retentionHours\":24}}");
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              try (Admin admin = admin()) {
                var chat = new ConfigResource(ConfigResource.Type.TOPIC, "grow.events.chat");
                assertThat(
                        admin
                            .describeConfigs(List.of(chat))
                            .all()
                            .get(10, TimeUnit.SECONDS)
                            .get(chat)
                            .get("retention.ms")
                            .value())
                    .isEqualTo(String.valueOf(24L * 3600 * 1000));
              }
            });
    assertThat(partitions("grow.events.")).allSatisfy((t, n) -> assertThat(n).isEqualTo(6));
    awaitCondition("grow", ConditionType.TOPICS_READY, "True", "TopicsReconciled");
  }

  @Test
  void kafkaOutageIsReportedWhileWorkloadsStayAndRecoveryIsAutomatic() {
    create("outage");
    await()
        .atMost(PATIENCE)
        .until(
            () -> client.apps().deployments().inNamespace(NS).withName("outage-api").get() != null);
    awaitCondition("outage", ConditionType.TOPICS_READY, "True", "TopicsReconciled");
    String deploymentVersion =
        client
            .apps()
            .deployments()
            .inNamespace(NS)
            .withName("outage-api")
            .get()
            .getMetadata()
            .getResourceVersion();

    kafka.stop();
    awaitCondition("outage", ConditionType.TOPICS_READY, "False", "KafkaUnavailable");
    assertThat(condition("outage", ConditionType.TOPICS_READY).orElseThrow().getMessage())
        .contains("Kafka at " + kafka.bootstrapServers() + " is unavailable");
    assertThat(condition("outage", ConditionType.READY).orElseThrow().getReason())
        .isEqualTo("KafkaUnavailable");
    Deployment api = client.apps().deployments().inNamespace(NS).withName("outage-api").get();
    assertThat(api.getMetadata().getResourceVersion())
        .as("last good workload untouched")
        .isEqualTo(deploymentVersion);

    kafka.start();
    awaitCondition("outage", ConditionType.TOPICS_READY, "True", "TopicsReconciled");
  }

  @Test
  void kafkaOverTlsWithAPrivateCaAndMutualTlsOrScramGetsItsTopicsAndABadCertificateIsNamed()
      throws Exception {
    CertificateAuthority.Issued certificate = kafkaCa.issue("telemetra-pipeline", List.of());
    secret("kafka-ca", Map.of("ca.crt", kafkaCa.certificatePem()));
    secret(
        "kafka-client",
        Map.of("tls.crt", certificate.certificatePem(), "tls.key", certificate.privateKeyPem()));
    secret("kafka-scram", Map.of("username", SCRAM_USER, "password", SCRAM_PASSWORD));
    secret(
        "kafka-other-ca",
        Map.of("ca.crt", CertificateAuthority.create("someone-else").certificatePem()));
    secret(
        "kafka-pkcs1",
        Map.of(
            "tls.crt",
            certificate.certificatePem(),
            "tls.key",
            "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n"));

    client
        .resource(
            tlsPipeline("mtls", kafka.sslBootstrapServers(), "kafka-ca", "kafka-client", false))
        .create();
    client
        .resource(tlsPipeline("scram", kafka.saslSslBootstrapServers(), "kafka-ca", null, true))
        .create();
    client
        .resource(
            tlsPipeline("untrusted", kafka.saslSslBootstrapServers(), "kafka-other-ca", null, true))
        .create();
    client
        .resource(
            tlsPipeline("pkcs1", kafka.sslBootstrapServers(), "kafka-ca", "kafka-pkcs1", false))
        .create();

    awaitCondition("mtls", ConditionType.TOPICS_READY, "True", "TopicsReconciled");
    awaitCondition("scram", ConditionType.TOPICS_READY, "True", "TopicsReconciled");
    try (Admin admin =
        Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()))) {
      assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS))
          .contains("mtls.chat", "mtls.dlq", "scram.chat", "scram.dlq");
    }
    awaitCondition("untrusted", ConditionType.TOPICS_READY, "False", "KafkaUnavailable");
    assertThat(condition("untrusted", ConditionType.TOPICS_READY).orElseThrow().getMessage())
        .contains("SSL handshake failed", "unable to find valid certification path");
    awaitCondition("pkcs1", ConditionType.TOPICS_READY, "False", "SecretInvalid");
    assertThat(condition("pkcs1", ConditionType.TOPICS_READY).orElseThrow().getMessage())
        .contains("KAFKA_SSL_CLIENT_KEY", "PKCS#8")
        .doesNotContain("MIIE");
    Deployment api = client.apps().deployments().inNamespace(NS).withName("mtls-api").get();
    assertThat(api.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .filteredOn(e -> e.getName().startsWith("KAFKA_SSL_"))
        .extracting(
            e ->
                e.getValueFrom().getSecretKeyRef().getName()
                    + "/"
                    + e.getValueFrom().getSecretKeyRef().getKey())
        .containsExactlyInAnyOrder(
            "kafka-ca/ca.crt", "kafka-client/tls.crt", "kafka-client/tls.key");
  }

  @Test
  void postgresOverVerifiedTlsMigratesAndAServerAnotherCaSignedIsNamed() {
    secret("postgres-ca", Map.of("ca.crt", postgresCa.certificatePem()));
    secret(
        "postgres-other-ca",
        Map.of("ca.crt", CertificateAuthority.create("someone-else").certificatePem()));
    for (String name : List.of("pgtls", "pguntrusted")) {
      TelemetraPipeline p = withOwnDatabase(name);
      p.getSpec().getKafka().setTopicPrefix(name);
      p.getSpec()
          .getPostgres()
          .setRootCertificateSecretRef(
              new SecretKeyRef(
                  name.equals("pgtls") ? "postgres-ca" : "postgres-other-ca", "ca.crt"));
      client.resource(p).create();
    }

    awaitCondition("pgtls", ConditionType.SCHEMA_READY, "True", "SchemaMigrated");
    awaitCondition("pguntrusted", ConditionType.SCHEMA_READY, "False", "PostgresUnavailable");
    assertThat(condition("pguntrusted", ConditionType.SCHEMA_READY).orElseThrow().getMessage())
        .contains("SSL")
        .doesNotContain("BEGIN CERTIFICATE", "sslfactoryarg");
    Deployment api = client.apps().deployments().inNamespace(NS).withName("pgtls-api").get();
    assertThat(api.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .filteredOn(e -> e.getName().startsWith("POSTGRES_SSL_"))
        .extracting(
            e ->
                e.getName()
                    + "="
                    + (e.getValueFrom() == null
                        ? e.getValue()
                        : e.getValueFrom().getSecretKeyRef().getName()))
        .containsExactly("POSTGRES_SSL_ROOT_CERT=postgres-ca");
  }

  void secret(String name, Map<String, String> values) {
    client
        .resource(
            new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .withStringData(values)
                .build())
        .create();
  }

  /** A pipeline on its own topics ({@code name}.*) reaching Kafka over TLS. */
  TelemetraPipeline tlsPipeline(
      String name, String bootstrap, String caSecret, String clientSecret, boolean scram) {
    TelemetraPipeline p = withOwnDatabase(name);
    KafkaSpec kafkaSpec = p.getSpec().getKafka();
    kafkaSpec.setBootstrapServers(bootstrap);
    kafkaSpec.setTopicPrefix(name);
    KafkaTls tls = new KafkaTls();
    tls.setCaSecretRef(new SecretKeyRef(caSecret, "ca.crt"));
    if (clientSecret != null) {
      ClientCertificateSecretRef clientCertificate = new ClientCertificateSecretRef();
      clientCertificate.setName(clientSecret);
      tls.setClientCertificateSecretRef(clientCertificate);
    }
    kafkaSpec.setTls(tls);
    if (scram) {
      KafkaAuth auth = new KafkaAuth();
      UserPasswordSecretRef ref = new UserPasswordSecretRef();
      ref.setName("kafka-scram");
      auth.setSecretRef(ref);
      kafkaSpec.setAuth(auth);
    }
    return p;
  }

  @Test
  void failedSparkApplicationIsReportedWithItsErrorMessage() {
    create("crash");
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                client
                        .resources(SparkApplication.class)
                        .inNamespace(NS)
                        .withName("crash-streaming")
                        .get()
                    != null);

    simulateSparkOperator("crash", "FAILING", "driver pod exited with code 1");
    awaitCondition("crash", ConditionType.STREAMING_READY, "False", "ApplicationFailed");
    assertThat(condition("crash", ConditionType.STREAMING_READY).orElseThrow().getMessage())
        .contains("FAILING (execution attempts 1, submission attempts 1)");

    simulateSparkOperator("crash", "FAILED", "driver pod exited with code 1");

    awaitCondition("crash", ConditionType.STREAMING_READY, "False", "ApplicationFailed");
    assertThat(condition("crash", ConditionType.STREAMING_READY).orElseThrow().getMessage())
        .contains("driver pod exited with code 1");
  }

  /** Telemetra's resubmissions, as the driver's pod template carries them. */
  String resubmissions(String pipeline) {
    var template = application(pipeline).getSpec().getDriver().getTemplate().getMetadata();
    return template == null || template.getAnnotations() == null
        ? null
        : template.getAnnotations().get(RestartBudget.RESUBMISSIONS);
  }

  @Test
  void aFailedRunIsResubmittedWithinTheRestartBudgetThenCrashLoopsUntilANewRestartNonce() {
    TelemetraPipeline p = withOwnDatabase("relapse");
    p.getSpec().getStreaming().getRestartBudget().setFailures(1);
    client.resource(p).create();
    awaitReady("relapse");
    assertThat(application("relapse").getSpec().getRestartPolicy().getType())
        .as("the Spark operator never retries on its own")
        .isEqualTo("Never");

    simulateSparkOperator("relapse", "FAILED", "driver OOMKilled");
    await().atMost(PATIENCE).until(() -> "1".equals(resubmissions("relapse")));
    awaitCondition("relapse", ConditionType.STREAMING_READY, "False", "ApplicationFailed");
    assertThat(condition("relapse", ConditionType.STREAMING_READY).orElseThrow().getMessage())
        .contains("restarting after its run ended FAILED: driver OOMKilled: resubmission 1");
    assertSingleEvent(
        "relapse",
        "StreamingResubmitted",
        "Warning",
        "SparkApplication relapse-streaming resubmitted after its run ended FAILED:"
            + " driver OOMKilled (resubmission 1 in its life)");

    simulateResubmission("relapse", "RUNNING");
    awaitCondition("relapse", ConditionType.READY, "True", "AllPartsReady");

    simulateSparkOperator("relapse", "FAILED", "driver OOMKilled again");
    awaitCondition("relapse", ConditionType.STREAMING_READY, "False", "CrashLooping");
    assertThat(condition("relapse", ConditionType.STREAMING_READY).orElseThrow().getMessage())
        .contains("driver OOMKilled again", "resubmitted 1 times within 30 min");
    assertThat(condition("relapse", ConditionType.READY).orElseThrow().getStatus())
        .isEqualTo("False");
    assertThat(resubmissions("relapse")).as("the budget is spent: left FAILED").isEqualTo("1");

    patchSpec("relapse", "{\"streaming\":{\"restartNonce\":\"after-the-fix\"}}");
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                "after-the-fix"
                    .equals(
                        application("relapse")
                            .getSpec()
                            .getDriver()
                            .getTemplate()
                            .getMetadata()
                            .getAnnotations()
                            .get("telemetra.io/restart-nonce")));
    simulateResubmission("relapse", "FAILED");
    await()
        .atMost(PATIENCE)
        .alias("a new restart nonce starts a fresh budget")
        .until(() -> "2".equals(resubmissions("relapse")));
  }

  io.fabric8.kubernetes.api.model.ObjectMeta apiPodTemplate(String pipeline) {
    return client
        .apps()
        .deployments()
        .inNamespace(NS)
        .withName(pipeline + "-api")
        .get()
        .getSpec()
        .getTemplate()
        .getMetadata();
  }

  String secretsHash(io.fabric8.kubernetes.api.model.ObjectMeta podTemplate) {
    return podTemplate.getAnnotations().get(ReferencedSecrets.SECRETS_HASH);
  }

  @Test
  void aRotatedSecretRollsTheWorkloadsThatUseItWithinSecondsNotAtTheNextResync() {
    client
        .resource(
            new io.fabric8.kubernetes.api.model.SecretBuilder(TestingPipelines.apiTokenSecret(NS))
                .editMetadata()
                .withName("rotate-token")
                .endMetadata()
                .build())
        .create();
    TelemetraPipeline p = withOwnDatabase("rotate");
    p.getSpec().getApi().getAuthTokenSecretRef().setName("rotate-token");
    client.resource(p).create();
    awaitReady("rotate");
    String api = secretsHash(apiPodTemplate("rotate"));
    String driver =
        secretsHash(application("rotate").getSpec().getDriver().getTemplate().getMetadata());
    assertThat(api).isNotNull().isNotEqualTo(driver);

    client
        .secrets()
        .inNamespace(NS)
        .withName("rotate-token")
        .edit(
            s -> {
              s.setStringData(Map.of("token", "rotated-" + UUID.randomUUID()));
              return s;
            });

    await()
        .atMost(Duration.ofSeconds(30)) // the resync is 30 min: the Secret's watch event does it
        .untilAsserted(
            () ->
                assertThat(secretsHash(apiPodTemplate("rotate")))
                    .as("the API, which uses the token, rolls")
                    .isNotEqualTo(api));
    assertThat(secretsHash(application("rotate").getSpec().getDriver().getTemplate().getMetadata()))
        .as("the streaming job does not use the token: it keeps running")
        .isEqualTo(driver);
  }

  @Test
  void deletionPolicyDeleteDropsTopicsAndTablesWhileRetainKeepsThem() throws Exception {
    try (var c = DriverManager.getConnection(postgres.jdbcUrl(), Postgres.USER, "")) {
      c.createStatement().execute("CREATE DATABASE dropme");
    }
    TelemetraPipeline doomed =
        TestingPipelines.basic(
            "doomed", NS, kafka.bootstrapServers(), postgres.host(), postgres.port());
    doomed.getSpec().getPostgres().setDatabase("dropme");
    doomed.getSpec().setDeletionPolicy(io.telemetra.operator.api.v1alpha1.DeletionPolicy.Delete);
    client.resource(doomed).create();
    create("kept");
    awaitCondition("doomed", ConditionType.SCHEMA_READY, "True", "SchemaMigrated");
    awaitCondition("kept", ConditionType.TOPICS_READY, "True", "TopicsReconciled");
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                pipeline("doomed")
                    .getMetadata()
                    .getFinalizers()
                    .contains(DeletionPolicyReconciler.FINALIZER));

    await()
        .atMost(PATIENCE)
        .until(() -> gauge("telemetra_pipeline_condition", "kept", "type=\"TopicsReady\"") == 1);
    client.resource(pipeline("doomed")).delete();
    client.resource(pipeline("kept")).delete();

    await().atMost(PATIENCE).until(() -> pipeline("doomed") == null);
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(partitions("doomed.events.")).isEmpty());
    String dropme = postgres.jdbcUrl().replace("/telemetra", "/dropme");
    try (var c = DriverManager.getConnection(dropme, Postgres.USER, "");
        var rs =
            c.createStatement()
                .executeQuery(
                    "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
      rs.next();
      assertThat(rs.getInt(1)).as("tables left in dropme").isZero();
    }
    assertThat(partitions("kept.events.")).hasSize(5);
    assertThat(events("doomed", "DataDropped"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getType()).isEqualTo("Normal");
              assertThat(e.getNote())
                  .isEqualTo("deletionPolicy Delete: dropped its topics; dropped its tables");
            });
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(operator.registry().scrape())
                    .as("a deleted pipeline's series are gone")
                    .doesNotContain("name=\"kept\"", "name=\"doomed\""));
  }

  /**
   * The value of the operator's Prometheus gauge {@code metric} for pipeline {@code name} (with the
   * label {@code label}, e.g. {@code type="Ready"}, if given); NaN when there is none.
   */
  double gauge(String metric, String name, String... label) {
    return operator
        .registry()
        .scrape()
        .lines()
        .filter(l -> l.startsWith(metric + "{") && l.contains("name=\"" + name + "\""))
        .filter(l -> java.util.Arrays.stream(label).allMatch(l::contains))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElse(Double.NaN);
  }

  @Test
  void aCheckpointResetTheJobRecordedShowsInTheStatusAndAsAWarningEventPerReset() throws Exception {
    create("resets");
    awaitCondition("resets", ConditionType.CHECKPOINT_RESET, "False", "NoCheckpointReset");
    assertThat(pipeline("resets").getStatus().getCheckpointResets().getCount()).isZero();
    awaitCondition("resets", ConditionType.KAFKA_DATA_LOSS, "False", "NoKafkaDataLoss");

    // A reset asked for with a new spec.streaming.reset.nonce is not an incident.
    recordCheckpointReset(NS + "/resets", 99, true);
    recordCheckpointReset(NS + "/resets", 41, false);
    awaitCondition("resets", ConditionType.CHECKPOINT_RESET, "True", "CheckpointReplaced");
    assertThat(condition("resets", ConditionType.CHECKPOINT_RESET).orElseThrow().getMessage())
        .startsWith("1 checkpoint reset, the latest at ")
        .contains("query telemetra-windows started a new checkpoint", "up to batch 41");

    recordCheckpointReset(NS + "/resets", 7, false);
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(pipeline("resets").getStatus().getCheckpointResets().getCount())
                    .isEqualTo(2L));
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(events("resets", "CheckpointReplaced"))
                    .as("one Warning event per reset")
                    .hasSize(2)
                    .allSatisfy(e -> assertThat(e.getType()).isEqualTo("Warning")));
    assertThat(gauge("telemetra_pipeline_checkpoint_resets", "resets")).isEqualTo(2.0);
    assertThat(gauge("telemetra_pipeline_condition", "resets", "type=\"CheckpointReset\""))
        .isEqualTo(1.0);
  }

  @Test
  void tablesBelongToOnePipelineAndAnotherIsRefusedAsAResourceConflictAndDropsNothing()
      throws Exception {
    create("owner");
    awaitCondition("owner", ConditionType.SCHEMA_READY, "True", "SchemaMigrated");
    assertThat(ownerOfTables("owner")).isEqualTo(NS + "/owner");

    // A second pipeline pointed at the first one's database, with Delete.
    TelemetraPipeline intruder = withOwnDatabase("intruder");
    intruder.getSpec().getPostgres().setDatabase("owner");
    intruder.getSpec().setDeletionPolicy(io.telemetra.operator.api.v1alpha1.DeletionPolicy.Delete);
    client.resource(intruder).create();
    awaitCondition("intruder", ConditionType.SCHEMA_READY, "False", "ResourceConflict");
    assertThat(condition("intruder", ConditionType.SCHEMA_READY).orElseThrow().getMessage())
        .contains("the tables in database owner at", "belong to pipeline " + NS + "/owner");
    assertThat(pipeline("intruder").getStatus().getPhase()).isEqualTo(Phase.Failed);
    assertThat(application("intruder")).as("no job writes into another's tables").isNull();
    deleteOnceItHasTheFinalizer("intruder");
    await().atMost(PATIENCE).until(() -> pipeline("intruder") == null);
    assertThat(ownerOfTables("owner")).as("Delete dropped nothing it does not own").isNotNull();
    assertSingleEvent(
        "intruder",
        "DataRetained",
        "Warning",
        "deletionPolicy Delete: dropped its topics; kept the tables: they belong to"
            + " pipeline "
            + NS
            + "/owner");
    assertThat(condition("owner", ConditionType.SCHEMA_READY).orElseThrow().getStatus())
        .isEqualTo("True");

    // Deleted with Retain, the owner leaves its tables to whoever is annotated to take them.
    client.resource(pipeline("owner")).delete();
    await().atMost(PATIENCE).until(() -> pipeline("owner") == null);
    TelemetraPipeline heir = withOwnDatabase("heir");
    heir.getSpec().getPostgres().setDatabase("owner");
    client.resource(heir).create();
    awaitCondition("heir", ConditionType.SCHEMA_READY, "False", "ResourceConflict");
    assertThat(condition("heir", ConditionType.SCHEMA_READY).orElseThrow().getMessage())
        .contains("which no longer exists", TelemetraPipeline.ADOPT_ANNOTATION + "=true");
    client
        .resources(TelemetraPipeline.class)
        .inNamespace(NS)
        .withName("heir")
        .edit(
            p -> {
              p.getMetadata().getAnnotations().put(TelemetraPipeline.ADOPT_ANNOTATION, "true");
              return p;
            });
    awaitCondition("heir", ConditionType.SCHEMA_READY, "True", "SchemaMigrated");
    assertThat(ownerOfTables("owner")).isEqualTo(NS + "/heir");

    // Tables the local runner or compose migrated have no owner: taken over only when annotated.
    TelemetraPipeline newcomer = withOwnDatabase("newcomer");
    SchemaMigrator.forUrl(jdbcUrl("newcomer"), Postgres.USER, "").migrate();
    client.resource(newcomer).create();
    awaitCondition("newcomer", ConditionType.SCHEMA_READY, "False", "ResourceConflict");
    assertThat(condition("newcomer", ConditionType.SCHEMA_READY).orElseThrow().getMessage())
        .contains("already holds Telemetra tables that no pipeline owns");
    assertThat(ownerOfTables("newcomer")).isNull();
  }

  @Test
  void aPipelineOnTopicsAnEarlierPipelineUsesIsRefusedAndItsDeleteLeavesThemAlone()
      throws Exception {
    create("first");
    awaitCondition("first", ConditionType.TOPICS_READY, "True", "TopicsReconciled");

    TelemetraPipeline second = withOwnDatabase("second");
    second.getSpec().getKafka().setTopicPrefix("first.events");
    second.getSpec().getKafka().setPartitions(6);
    second.getSpec().setDeletionPolicy(io.telemetra.operator.api.v1alpha1.DeletionPolicy.Delete);
    client.resource(second).create();
    awaitCondition("second", ConditionType.TOPICS_READY, "False", "ResourceConflict");
    assertThat(condition("second", ConditionType.TOPICS_READY).orElseThrow().getMessage())
        .contains(
            "the topics first.events.* on Kafka",
            "belong to pipeline " + NS + "/first (applied earlier)");
    assertThat(partitions("first.events."))
        .as("not grown by the second pipeline")
        .allSatisfy((topic, count) -> assertThat(count).isEqualTo(3));
    assertThat(application("second")).isNull();

    deleteOnceItHasTheFinalizer("second");
    await().atMost(PATIENCE).until(() -> pipeline("second") == null);
    assertThat(partitions("first.events.")).as("Delete dropped nothing it does not own").hasSize(5);
    assertThat(events("second", "DataRetained"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getNote())
                    .startsWith("deletionPolicy Delete: kept the topics: they belong to pipeline"));
    assertThat(condition("first", ConditionType.TOPICS_READY).orElseThrow().getStatus())
        .isEqualTo("True");
  }

  /** Deletes a pipeline with deletionPolicy Delete once the operator gave it its finalizer. */
  void deleteOnceItHasTheFinalizer(String name) {
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                pipeline(name)
                    .getMetadata()
                    .getFinalizers()
                    .contains(DeletionPolicyReconciler.FINALIZER));
    client.resource(pipeline(name)).delete();
  }

  /** The pipeline recorded as the owner of the tables in pipeline {@code name}'s database. */
  String ownerOfTables(String name) throws Exception {
    try (var c = DriverManager.getConnection(jdbcUrl(name), Postgres.USER, "");
        var rs = c.createStatement().executeQuery("SELECT owner FROM telemetra_owner")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  @Test
  void recordsTheJobFoundDeletedFromKafkaShowInTheStatusAndAsAWarningEvent() throws Exception {
    create("lossy");
    awaitCondition("lossy", ConditionType.KAFKA_DATA_LOSS, "False", "NoKafkaDataLoss");

    try (var c = DriverManager.getConnection(jdbcUrl("lossy"), Postgres.USER, "");
        var insert =
            c.prepareStatement(
                "INSERT INTO streaming_data_loss (pipeline, query_name, query_id, batch_id,"
                    + " lost_records, offsets) VALUES (?, 'telemetra-ingest', ?, 12, 500, ?)")) {
      insert.setString(1, NS + "/lossy");
      insert.setObject(2, UUID.randomUUID());
      insert.setString(3, "{\"t\":{\"0\":10}} .. {\"t\":{\"0\":900}}");
      insert.executeUpdate();
    }

    awaitCondition("lossy", ConditionType.KAFKA_DATA_LOSS, "True", "RecordsDeletedBeforeRead");
    assertThat(condition("lossy", ConditionType.KAFKA_DATA_LOSS).orElseThrow().getMessage())
        .startsWith("500 records lost, the latest at ")
        .contains("query telemetra-ingest batch 12: 500 records were never read");
    assertThat(pipeline("lossy").getStatus().getKafkaDataLoss().getCount()).isEqualTo(500L);
    assertThat(gauge("telemetra_pipeline_kafka_lost_records", "lossy")).isEqualTo(500.0);
    assertThat(gauge("telemetra_pipeline_phase", "lossy", "phase=\"Degraded\"")).isZero();
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(events("lossy", "RecordsDeletedBeforeRead"))
                    .singleElement()
                    .satisfies(e -> assertThat(e.getType()).isEqualTo("Warning")));
  }

  @Test
  void theCheckpointSnapshotsTheJobKeepsAreListedAndTheOneToRestoreReachesTheJob()
      throws Exception {
    create("snapshots");
    awaitCondition("snapshots", ConditionType.SCHEMA_READY, "True", "SchemaMigrated");
    try (var c = DriverManager.getConnection(jdbcUrl("snapshots"), Postgres.USER, "");
        var insert =
            c.prepareStatement(
                "INSERT INTO streaming_snapshots (pipeline, checkpoint, snapshot_id, location,"
                    + " taken_at, batches) VALUES (?, 'file:/ckpt', ?, ?, ?::timestamptz,"
                    + " 'ingest batch 4, windows batch 3')")) {
      Map<String, String> takenAt =
          Map.of(
              "20261207-051200-123", "2026-12-07T05:12:00.123Z",
              "20261207-061500-007", "2026-12-07T06:15:00.007Z");
      for (var snapshot : takenAt.entrySet()) {
        insert.setString(1, NS + "/snapshots");
        insert.setString(2, snapshot.getKey());
        insert.setString(3, "file:/ckpt/snapshots/" + snapshot.getKey());
        insert.setString(4, snapshot.getValue());
        insert.executeUpdate();
      }
    }

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(pipeline("snapshots").getStatus().getStreaming().getSnapshots())
                    .extracting(CheckpointSnapshot::getId)
                    .as("newest first")
                    .containsExactly("20261207-061500-007", "20261207-051200-123"));
    assertThat(pipeline("snapshots").getStatus().getStreaming().getSnapshots().get(1))
        .satisfies(
            s -> {
              assertThat(s.getTakenAt()).isEqualTo("2026-12-07T05:12:00.123Z");
              assertThat(s.getBatches()).isEqualTo("ingest batch 4, windows batch 3");
              assertThat(s.getLocation()).isEqualTo("file:/ckpt/snapshots/20261207-051200-123");
            });

    client
        .resources(TelemetraPipeline.class)
        .inNamespace(NS)
        .withName("snapshots")
        .edit(
            p -> {
              p.getSpec().getStreaming().setRestoreFrom("20261207-051200-123");
              return p;
            });
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(
                        application("snapshots")
                            .getSpec()
                            .getDriver()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .get(0)
                            .getEnv())
                    .anySatisfy(
                        e -> {
                          assertThat(e.getName()).isEqualTo("CHECKPOINT_RESTORE_FROM");
                          assertThat(e.getValue()).isEqualTo("20261207-051200-123");
                        }));
  }

  @Test
  void recordsArrivingWhileTheRunningJobCommitsNothingDegradeThePipelineUntilBatchesCommitAgain()
      throws Exception {
    TelemetraPipeline stalled = withOwnDatabase("stalled");
    stalled.getSpec().getStreaming().setTriggerSeconds(1); // stalled after 6 s without a commit
    client.resource(stalled).create();
    awaitCondition("stalled", ConditionType.SCHEMA_READY, "True", "SchemaMigrated");
    simulateSparkOperator("stalled", "RUNNING", null);
    simulateReadyApiPods("stalled", 2);
    awaitCondition("stalled", ConditionType.DATA_FLOWING, "True", "WaitingForInput");

    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (var producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      // Two records the job refused, with their reasons (the dead letters count them).
      for (int i = 0; i < 2; i++) {
        producer.send(new ProducerRecord<>("stalled.events.dlq", "s-1", "{}")).get();
      }
      // A record a second, as a live stream sends them, and no job commits any batch.
      await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                producer.send(new ProducerRecord<>("stalled.events.chat", "s-1", "{}")).get();
                assertThat(condition("stalled", ConditionType.DATA_FLOWING))
                    .hasValueSatisfying(
                        c -> assertThat(c.getReason()).isEqualTo("NoBatchesCommitted"));
              });
    }
    TelemetraPipeline degraded = pipeline("stalled");
    assertThat(degraded.getStatus().getPhase()).isEqualTo(Phase.Degraded);
    assertThat(condition("stalled", ConditionType.READY).orElseThrow().getMessage())
        .contains(
            "DataFlowing: records have been waiting since", "no batch committed since the job");
    assertThat(degraded.getStatus().getDataFlow().getInputRecords()).isPositive();
    assertThat(degraded.getStatus().getDataFlow().getDeadLetters())
        .as("the dead-letter topic's records, apart from the input")
        .isEqualTo(2L);
    assertThat(gauge("telemetra_pipeline_dead_letters", "stalled")).isEqualTo(2.0);

    try (var c = DriverManager.getConnection(jdbcUrl("stalled"), Postgres.USER, "");
        var insert =
            c.prepareStatement(
                "INSERT INTO streaming_commits (pipeline, query_name, query_id, batch_id,"
                    + " row_count, newest_window_end) VALUES (?, 'telemetra-windows', ?, 0, 10,"
                    + " '2026-12-07T10:01:00Z')");
        var ingest =
            c.prepareStatement(
                "INSERT INTO streaming_commits (pipeline, query_name, query_id, batch_id,"
                    + " row_count) VALUES (?, 'telemetra-ingest', ?, 0, 1)");
        var progress =
            c.prepareStatement(
                "INSERT INTO streaming_progress (pipeline, query_name, consumed_records)"
                    + " VALUES (?, 'telemetra-ingest', 1)")) {
      insert.setString(1, NS + "/stalled");
      insert.setObject(2, UUID.randomUUID());
      insert.executeUpdate();
      ingest.setString(1, NS + "/stalled");
      ingest.setObject(2, UUID.randomUUID());
      ingest.executeUpdate();
      progress.setString(1, NS + "/stalled");
      progress.executeUpdate();
    }

    awaitCondition("stalled", ConditionType.DATA_FLOWING, "True", "BatchesCommitting");
    awaitCondition("stalled", ConditionType.READY, "True", "AllPartsReady");
    assertThat(pipeline("stalled").getStatus().getDataFlow().getQueries())
        .filteredOn(q -> q.getName().equals("telemetra-windows"))
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.getLastBatchId()).isZero();
              assertThat(q.getNewestWindowEnd()).isEqualTo("2026-12-07T10:01:00Z");
            });
    assertThat(gauge("telemetra_pipeline_condition", "stalled", "type=\"DataFlowing\""))
        .isEqualTo(1.0);
    var flow = pipeline("stalled").getStatus().getDataFlow();
    assertThat(flow.getConsumerLag())
        .as("the records in the event topics less the 1 the ingest query read")
        .isEqualTo(flow.getInputRecords() - 1);
    assertThat(gauge("telemetra_pipeline_newest_window_end_seconds", "stalled"))
        .isEqualTo(java.time.Instant.parse("2026-12-07T10:01:00Z").getEpochSecond());
  }

  /** Exactly one Event of {@code type} with {@code reason} and {@code message} on the pipeline. */
  void assertSingleEvent(String name, String reason, String type, String message) {
    assertThat(events(name, reason))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getType()).isEqualTo(type);
              assertThat(e.getNote()).isEqualTo(message);
            });
  }

  /** The Events recorded on pipeline {@code name} with {@code reason}. */
  List<io.fabric8.kubernetes.api.model.events.v1.Event> events(String name, String reason) {
    return client.events().v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> name.equals(e.getRegarding().getName()))
        .filter(e -> reason.equals(e.getReason()))
        .toList();
  }

  /** What the streaming job writes when a query starts on a new checkpoint. */
  void recordCheckpointReset(String ledgerName, long previousLastBatch, boolean requested)
      throws Exception {
    String name = ledgerName.substring(ledgerName.indexOf('/') + 1);
    try (var c = DriverManager.getConnection(jdbcUrl(name), Postgres.USER, "");
        var insert =
            c.prepareStatement(
                "INSERT INTO streaming_checkpoint_resets (pipeline, query_name, query_id,"
                    + " first_batch_id, previous_query_id, previous_last_batch_id,"
                    + " previous_committed_at, requested) VALUES (?, 'telemetra-windows', ?, 0,"
                    + " ?, ?, now(), ?)")) {
      insert.setString(1, ledgerName);
      insert.setObject(2, UUID.randomUUID());
      insert.setObject(3, UUID.randomUUID());
      insert.setLong(4, previousLastBatch);
      insert.setBoolean(5, requested);
      insert.executeUpdate();
    }
  }
}
