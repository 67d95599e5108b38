package io.telemetra.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.telemetra.charts.LuaHealthCheck;
import io.telemetra.events.Topics;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * What a game-day step looks at on the live cluster: the pipeline's status and its Argo CD health
 * (the chart's Lua health check evaluated on the live object), the Spark driver, the pods, and the
 * streaming job's commit ledger (whether a restarted job resumed from its checkpoint).
 */
final class GameDay {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient client;
  private final LuaHealthCheck health;
  private final CommitLedger ledger;

  GameDay(LocalCluster cluster, NodeInfrastructure infra, Path repo) throws Exception {
    this.client = cluster.client();
    this.health =
        LuaHealthCheck.load(
            repo.resolve(
                "charts/argocd/resource_customizations/telemetra.io/TelemetraPipeline/health.lua"));
    this.ledger =
        new CommitLedger(
            NodeInfrastructure.POSTGRES_PORT, DemoPipeline.NAMESPACE + "/" + DemoPipeline.NAME);
  }

  JsonNode pipeline() {
    GenericKubernetesResource live =
        client
            .genericKubernetesResources("telemetra.io/v1alpha1", "TelemetraPipeline")
            .inNamespace(DemoPipeline.NAMESPACE)
            .withName(DemoPipeline.NAME)
            .get();
    return JSON.valueToTree(live);
  }

  JsonNode sparkApplication() {
    GenericKubernetesResource live =
        client
            .genericKubernetesResources("sparkoperator.k8s.io/v1beta2", "SparkApplication")
            .inNamespace(DemoPipeline.NAMESPACE)
            .withName(DemoPipeline.NAME + "-streaming")
            .get();
    return JSON.valueToTree(live);
  }

  LuaHealthCheck.HealthStatus argoHealth() {
    return health.evaluate(pipeline());
  }

  String readyCondition() {
    return condition("Ready");
  }

  /** Ready=True observed for the pipeline's current generation (not a leftover of the last). */
  void awaitReadyForCurrentGeneration(Duration timeout) {
    await("Ready for the current generation")
        .atMost(timeout)
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              JsonNode p = pipeline();
              long generation = p.at("/metadata/generation").asLong();
              assertThat(p.at("/status/observedGeneration").asLong()).isEqualTo(generation);
              JsonNode ready = null;
              for (JsonNode c : p.at("/status/conditions")) {
                if ("Ready".equals(c.path("type").asText())) {
                  ready = c;
                }
              }
              assertThat(ready).as("Ready condition").isNotNull();
              assertThat(ready.path("observedGeneration").asLong()).isEqualTo(generation);
              assertThat(ready.path("status").asText())
                  .as(ready.path("reason").asText() + ": " + ready.path("message").asText())
                  .isEqualTo("True");
              assertThat(argoHealth().status()).isEqualTo("Healthy");
            });
  }

  void awaitPhase(String phase, Duration timeout) {
    await("phase " + phase)
        .atMost(timeout)
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(() -> assertThat(pipeline().at("/status/phase").asText()).isEqualTo(phase));
  }

  void awaitArgoHealth(String status, Duration timeout) {
    await("Argo CD health " + status)
        .atMost(timeout)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(argoHealth().status()).isEqualTo(status));
  }

  /** Names of the pipeline's pods that are not finished (Pending or Running). */
  List<String> podNames() {
    return client.pods().inNamespace(DemoPipeline.NAMESPACE).list().getItems().stream()
        .filter(p -> !List.of("Succeeded", "Failed").contains(p.getStatus().getPhase()))
        .map(p -> p.getMetadata().getName())
        .toList();
  }

  /** Every running pod of the pipeline: uid and restart count, to tell a restart apart. */
  Map<String, String> podUidsAndRestarts() {
    Map<String, String> out = new java.util.TreeMap<>();
    for (Pod p : client.pods().inNamespace(DemoPipeline.NAMESPACE).list().getItems()) {
      int restarts =
          p.getStatus().getContainerStatuses().stream().mapToInt(c -> c.getRestartCount()).sum();
      out.put(p.getMetadata().getName(), p.getMetadata().getUid() + " restarts=" + restarts);
    }
    return out;
  }

  private Pod driverPod() {
    return client.pods().inNamespace(DemoPipeline.NAMESPACE).list().getItems().stream()
        .filter(p -> p.getMetadata().getName().endsWith("-driver"))
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no driver pod"));
  }

  String driverPodName() {
    return driverPod().getMetadata().getName();
  }

  String driverPodUid() {
    return driverPod().getMetadata().getUid();
  }

  void awaitNewDriverRunning(String oldUid, Duration timeout) {
    await("a new driver pod running")
        .atMost(timeout)
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              Pod driver = driverPod();
              assertThat(driver.getMetadata().getUid()).isNotEqualTo(oldUid);
              assertThat(driver.getStatus().getPhase()).isEqualTo("Running");
            });
  }

  /** Both queries have committed at least one batch; their checkpoints and newest batches. */
  Map<String, CommitLedger.Progress> ledgerOfBothQueries() {
    return await("both queries committing")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(2))
        .until(ledger::progress, progress -> progress.size() == 2);
  }

  /**
   * The job runs on from the same checkpoints: each query commits batches with the same query id
   * and higher batch ids than before the step, and the job saw no checkpoint reset.
   */
  void assertResumedFrom(Map<String, CommitLedger.Progress> before) throws Exception {
    await("both queries committing new batches from the same checkpoints")
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              Map<String, CommitLedger.Progress> now = ledger.progress();
              assertThat(now.keySet()).isEqualTo(before.keySet());
              before.forEach(
                  (query, was) -> {
                    assertThat(now.get(query).queryId())
                        .as(query + " checkpoint")
                        .isEqualTo(was.queryId());
                    assertThat(now.get(query).lastBatch())
                        .as(query + " batch")
                        .isGreaterThan(was.lastBatch());
                  });
            });
    assertThat(ledger.resets()).as("checkpoint resets").isZero();
  }

  /**
   * After a restore: each query commits batches of the checkpoint it ran on before (the same query
   * id: going back keeps the checkpoint's identity, a new one would be a reset), and the job stays
   * RUNNING for {@code steady} (a restored checkpoint Spark could not use fails at start).
   */
  void assertRestoredOnto(Map<String, CommitLedger.Progress> before, Duration steady)
      throws java.sql.SQLException {
    await("both queries committing on their own checkpoints after the restore")
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              Map<String, CommitLedger.Progress> now = ledger.progress();
              before.forEach(
                  (query, was) ->
                      assertThat(now.get(query).queryId())
                          .as(query + " checkpoint")
                          .isEqualTo(was.queryId()));
            });
    await("the restored job keeps running")
        .during(steady)
        .atMost(steady.plusSeconds(30))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> sparkApplication().at("/status/applicationState/state").asText(),
            "RUNNING"::equals);
    assertThat(ledger.resets()).as("checkpoint resets").isZero();
  }

  /** A condition of the pipeline as "Status Reason: message", or "absent". */
  String condition(String type) {
    for (JsonNode c : pipeline().at("/status/conditions")) {
      if (type.equals(c.path("type").asText())) {
        return c.path("status").asText()
            + " "
            + c.path("reason").asText()
            + ": "
            + c.path("message").asText();
      }
    }
    return "absent";
  }

  /** The API pods that are running with every container ready, by uid. */
  List<String> readyApiPods() {
    return client.pods().inNamespace(DemoPipeline.NAMESPACE).list().getItems().stream()
        .filter(p -> p.getMetadata().getName().startsWith(DemoPipeline.NAME + "-api-"))
        .filter(p -> "Running".equals(p.getStatus().getPhase()))
        .filter(p -> p.getStatus().getContainerStatuses().stream().allMatch(c -> c.getReady()))
        .map(p -> p.getMetadata().getUid())
        .sorted()
        .toList();
  }

  /** The pipeline's topics that exist on the broker. */
  List<String> topicsOnTheBroker(NodeInfrastructure infra) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers()))) {
      var names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      return Topics.defaults().all().stream().filter(names::contains).sorted().toList();
    }
  }

  /** Tables in the pipeline's database (schema public). */
  List<String> tablesInTheDatabase() throws Exception {
    List<String> tables = new java.util.ArrayList<>();
    try (var db =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + NodeInfrastructure.POSTGRES_PORT + "/telemetra",
                "postgres",
                "");
        var rs =
            db.createStatement()
                .executeQuery(
                    "SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = 'public' ORDER BY table_name")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
  }
}
