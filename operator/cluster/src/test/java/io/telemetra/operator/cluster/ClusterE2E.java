package io.telemetra.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The operator on a real single-node cluster: the chart installed with real Helm, the demo pipeline
 * applied with kubectl, and every part of it running as real pods (the driver and executors created
 * by the Kubeflow spark-operator through Spark's Kubernetes backend), until the producer's events
 * reach the dashboard through the API Service.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterE2E {

  private static final Path REPO = Path.of(System.getProperty("telemetra.repo.root", "../.."));
  private static final Path OUT = Path.of(System.getProperty("cluster.out", "target/cluster"));
  private static final String VERSION = System.getProperty("telemetra.version", "0.1.0-SNAPSHOT");
  private static final String NAMESPACE = DemoPipeline.NAMESPACE;

  /** A test image whose container exits with status 3 at once (operator/cluster/images). */
  private static final String CRASH_AT_START = "docker.io/telemetra/crash-at-start:1";

  private static LocalCluster cluster;
  private static NodeInfrastructure infra;
  private static DemoPipeline demo;
  private static GameDay gameDay;
  private static GroundTruthCheck exactness;
  private static long started;

  @BeforeAll
  static void startClusterAndInfrastructure() throws Exception {
    started = System.nanoTime();
    Files.createDirectories(OUT);
    cluster = LocalCluster.up(REPO.toAbsolutePath().normalize(), OUT.toAbsolutePath());
    report("cluster up (binaries, images, node) in %d s", cluster.startTime().toSeconds());
    Path data = OUT.resolve("infra");
    Processes.run(List.of("rm", "-rf", data.toString()), Duration.ofMinutes(1));
    demo = new DemoPipeline(cluster, REPO, OUT, VERSION);
    infra = NodeInfrastructure.start(data, demo.postgresPassword);
    gameDay = new GameDay(cluster, infra, REPO);
    exactness = GroundTruthCheck.ofDemo(infra);
  }

  @AfterAll
  static void tearDown() {
    if (cluster != null) {
      report("memory in use at the end: %d MiB", cluster.memoryInUseMiB());
      cluster.close();
    }
    if (infra != null) {
      infra.close();
    }
    report("tier ran for %d s", Duration.ofNanos(System.nanoTime() - started).toSeconds());
  }

  @Test
  @Order(1)
  void theDemoPipelineAppliedWithKubectlRunsEveryPodAndServesTheDashboard() throws Exception {
    KubernetesClient client = cluster.client();
    demo.installOperator();
    demo.prepareNamespace();
    demo.apply();

    long applied = System.nanoTime();
    demo.awaitReady(900);
    report(
        "kubectl wait --for=condition=Ready: %d s after apply",
        Duration.ofNanos(System.nanoTime() - applied).toSeconds());
    // Spark starts its executors after the driver runs: they may come a little after Ready.
    long ready = System.nanoTime();
    await("every pod of the pipeline running and ready")
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              List<Pod> pods = client.pods().inNamespace(NAMESPACE).list().getItems();
              assertThat(pods)
                  .extracting(p -> p.getMetadata().getName())
                  .anyMatch(n -> n.endsWith("-driver"))
                  .anyMatch(n -> n.contains("-exec-"))
                  .anyMatch(n -> n.startsWith(DemoPipeline.NAME + "-api"))
                  .anyMatch(n -> n.startsWith(DemoPipeline.NAME + "-producer"));
              assertThat(pods).allSatisfy(ClusterE2E::assertRunningAndReady);
            });
    report(
        "every pod running and ready %d s after Ready",
        Duration.ofNanos(System.nanoTime() - ready).toSeconds());
    report("%s", cluster.kubectl("-n", NAMESPACE, "get", "tp,sparkapplication,deploy,svc,pods"));

    String api = demo.apiBaseUri();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    await("windows of the producer's streams through the API Service")
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofSeconds(5))
        .untilAsserted(
            () -> assertThat(get(http, api + "/api/v1/streams")).contains("\"latest\":{"));
    try (var db =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + NodeInfrastructure.POSTGRES_PORT + "/telemetra",
                "postgres",
                "");
        var rs = db.createStatement().executeQuery("SELECT count(*) FROM chat_summary_minute")) {
      rs.next();
      report("chat windows written by the streaming job: %d", rs.getLong(1));
      assertThat(rs.getLong(1)).isPositive();
    }
    Path png =
        Dashboard.screenshot(api, demo.apiToken, OUT.resolve("dashboard-from-the-cluster.png"));
    report("dashboard screenshot: %s", png.toAbsolutePath());
    report(
        "memory in use with the pipeline running (node processes and every pod): %d MiB",
        cluster.memoryInUseMiB());
    assertExact("the first run");
  }

  @Test
  @Order(2)
  void anExecutorResourceChangeResubmitsTheJobWhichResumesFromItsCheckpoint() throws Exception {
    underLoad();
    var before = gameDay.ledgerOfBothQueries();
    String driver = gameDay.driverPodUid();
    // With the change, pod templates for driver and executors: the Spark operator and spark-submit
    // must carry their labels, annotations and env onto the pods they start.
    patchPipeline(
        "{\"spec\":{\"streaming\":{"
            + "\"driver\":{\"template\":{\"metadata\":{\"labels\":{\"team\":\"game-day\"},"
            + "\"annotations\":{\"example.com/owner\":\"driver\"}},"
            + "\"env\":[{\"name\":\"TEAM\",\"value\":\"driver-side\"}]}},"
            + "\"executor\":{\"memory\":\"1200m\",\"template\":{"
            + "\"metadata\":{\"labels\":{\"team\":\"game-day\"}},"
            + "\"tolerations\":[{\"key\":\"example.com/spot\",\"operator\":\"Exists\"}],"
            + "\"env\":[{\"name\":\"TEAM\",\"value\":\"executor-side\"}]}}}}}");
    gameDay.awaitReadyForCurrentGeneration(Duration.ofMinutes(8));
    assertThat(gameDay.driverPodUid()).as("a new driver pod").isNotEqualTo(driver);
    await("driver and executors started from the pipeline's pod templates")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              List<Pod> pods = cluster.client().pods().inNamespace(NAMESPACE).list().getItems();
              Pod newDriver =
                  pods.stream()
                      .filter(p -> p.getMetadata().getName().endsWith("-driver"))
                      .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                      .findFirst()
                      .orElseThrow();
              List<Pod> executors =
                  pods.stream()
                      .filter(p -> p.getMetadata().getName().contains("-exec-"))
                      .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                      .toList();
              assertThat(newDriver.getMetadata().getLabels()).containsEntry("team", "game-day");
              assertThat(newDriver.getMetadata().getAnnotations())
                  .containsEntry("example.com/owner", "driver");
              assertThat(envOf(newDriver, "TEAM")).isEqualTo("driver-side");
              assertThat(executors).isNotEmpty();
              assertThat(executors)
                  .allSatisfy(
                      e -> {
                        assertThat(e.getMetadata().getLabels()).containsEntry("team", "game-day");
                        assertThat(envOf(e, "TEAM")).isEqualTo("executor-side");
                        assertThat(e.getSpec().getTolerations())
                            .anySatisfy(t -> assertThat(t.getKey()).isEqualTo("example.com/spot"));
                      });
            });
    report("driver and executors carry their pod templates' labels, annotations, env, tolerations");
    gameDay.assertResumedFrom(before);
    report("resubmitted after an executor change: %s", gameDay.ledgerOfBothQueries());
    assertExact("executor change");
  }

  @Test
  @Order(3)
  void aDeletedDriverPodIsStartedAgainAndResumesFromItsCheckpoint() throws Exception {
    underLoad();
    deleteTheDriverPodAndAwaitTheJobResumed(gameDay.ledgerOfBothQueries());
    assertExact("deleted driver pod");
  }

  @Test
  @Order(4)
  void postgresUnreachableForAMinuteDegradesThePipelineWhichRecoversByItself() throws Exception {
    underLoad();
    var before = gameDay.ledgerOfBothQueries();
    long stopped = System.nanoTime();
    infra.postgres().stop();
    try {
      gameDay.awaitArgoHealth("Degraded", Duration.ofMinutes(2));
      report(
          "Postgres outage shown as Degraded after %d s: %s",
          Duration.ofNanos(System.nanoTime() - stopped).toSeconds(), gameDay.readyCondition());
      Thread.sleep(Math.max(0, 60_000 - Duration.ofNanos(System.nanoTime() - stopped).toMillis()));
    } finally {
      infra.postgres().start();
    }
    long restarted = System.nanoTime();
    gameDay.awaitReadyForCurrentGeneration(Duration.ofMinutes(6));
    report(
        "Ready again %d s after Postgres came back",
        Duration.ofNanos(System.nanoTime() - restarted).toSeconds());
    gameDay.assertResumedFrom(before);
    assertExact("Postgres outage");
  }

  @Test
  @Order(5)
  void suspendStopsEveryPodAndResumeContinuesFromTheCheckpoint() throws Exception {
    underLoad();
    var before = gameDay.ledgerOfBothQueries();
    patchPipeline("{\"spec\":{\"suspend\":true}}");
    try {
      gameDay.awaitPhase("Suspended", Duration.ofMinutes(4));
      assertThat(gameDay.argoHealth().status()).isEqualTo("Suspended");
      assertThat(gameDay.podNames()).as("pods of a suspended pipeline").isEmpty();
    } finally {
      // The steps after this one start from a running pipeline, whatever happened here.
      patchPipeline("{\"spec\":{\"suspend\":false}}");
    }
    gameDay.awaitReadyForCurrentGeneration(Duration.ofMinutes(6));
    gameDay.assertResumedFrom(before);
    assertExact("suspend and resume");
  }

  @Test
  @Order(6)
  void restartingKubeletAndContainerdLeavesEveryPodRunning() throws Exception {
    underLoad();
    var before = gameDay.ledgerOfBothQueries();
    Map<String, String> pods = gameDay.podUidsAndRestarts();
    cluster.restart("kubelet", "containerd");
    await("node Ready again")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () ->
                assertThat(
                        cluster.kubectl(
                            "get",
                            "node",
                            "-o",
                            "jsonpath={.items[0].status.conditions[?(@.type=='Ready')].status}"))
                    .isEqualTo("True"));
    gameDay.awaitReadyForCurrentGeneration(Duration.ofMinutes(3));
    assertThat(gameDay.podUidsAndRestarts()).as("the same pods, not restarted").isEqualTo(pods);
    gameDay.assertResumedFrom(before);
    assertExact("kubelet and containerd restart");
  }

  @Test
  @Order(7)
  void anApiImageThatCrashesAtStartIsDegradedWhileTheOldPodsKeepServing() throws Exception {
    underLoad();
    String image = gameDay.pipeline().at("/spec/api/image").asText();
    List<String> serving = gameDay.readyApiPods();
    assertThat(serving).isNotEmpty();
    long changed = System.nanoTime();
    patchPipeline("{\"spec\":{\"api\":{\"image\":\"" + CRASH_AT_START + "\"}}}");
    gameDay.awaitArgoHealth("Degraded", Duration.ofMinutes(3));
    report(
        "API crashing at start shown as Degraded after %d s: %s",
        Duration.ofNanos(System.nanoTime() - changed).toSeconds(), gameDay.condition("ApiReady"));
    assertThat(gameDay.condition("ApiReady"))
        .startsWith("False RolloutFailed: ")
        .contains("CrashLoopBackOff");
    assertThat(gameDay.condition("Ready")).startsWith("False ");
    assertThat(gameDay.readyApiPods()).as("the old API pods keep serving").isEqualTo(serving);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    assertThat(get(http, demo.apiBaseUri() + "/api/v1/streams")).contains("\"latest\":{");

    patchPipeline("{\"spec\":{\"api\":{\"image\":\"" + image + "\"}}}");
    gameDay.awaitReadyForCurrentGeneration(Duration.ofMinutes(4));
    assertExact("an API image crashing at start");
  }

  @Test
  @Order(8)
  void aPausedPipelineKeepsAHandEditUntilResumedWhichRepairsIt() throws Exception {
    underLoad();
    String api = DemoPipeline.NAME + "-api";
    String replicas = gameDay.pipeline().at("/spec/api/replicas").asText();
    assertThat(replicas).isNotEqualTo("0");
    cluster.kubectl(
        "-n",
        NAMESPACE,
        "annotate",
        "telemetrapipeline",
        DemoPipeline.NAME,
        "telemetra.io/reconcile=paused");
    await("ReconciliationPaused")
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () ->
                assertThat(gameDay.condition("ReconciliationPaused"))
                    .startsWith("True ReconciliationPaused"));
    assertThat(gameDay.argoHealth().status()).isEqualTo("Suspended");

    // The incident's hand edit: the API scaled to zero, a field the operator owns. The Deployment
    // change wakes the operator at once; paused, it must leave it.
    cluster.kubectl("-n", NAMESPACE, "scale", "deployment", api, "--replicas=0");
    Thread.sleep(20_000);
    assertThat(deploymentReplicas(api)).as("the hand edit, 20 s later").isEqualTo("0");
    await("the API pods gone")
        .atMost(Duration.ofMinutes(1))
        .untilAsserted(() -> assertThat(gameDay.readyApiPods()).isEmpty());

    long resumed = System.nanoTime();
    cluster.kubectl(
        "-n",
        NAMESPACE,
        "annotate",
        "telemetrapipeline",
        DemoPipeline.NAME,
        "telemetra.io/reconcile-");
    await("the hand edit repaired")
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(deploymentReplicas(api)).isEqualTo(replicas));
    report(
        "resumed: the hand edit repaired after %d s",
        Duration.ofNanos(System.nanoTime() - resumed).toSeconds());
    gameDay.awaitReadyForCurrentGeneration(Duration.ofMinutes(4));
    assertThat(gameDay.condition("ReconciliationPaused")).isEqualTo("absent");
    assertExact("a paused pipeline, hand-edited and resumed");
  }

  @Test
  @Order(9)
  void withAutoscalingTheRealHpaControllerOwnsTheApiReplicasAndTheOperatorLeavesThem()
      throws Exception {
    underLoad();
    String api = DemoPipeline.NAME + "-api";
    String replicas = gameDay.pipeline().at("/spec/api/replicas").asText();
    assertThat(replicas).isEqualTo("1");
    patchPipeline("{\"spec\":{\"api\":{\"autoscaling\":{\"minReplicas\":2,\"maxReplicas\":3}}}}");
    // No metrics server here: kube-controller-manager's HPA controller still raises the
    // Deployment to minReplicas, which the operator, told to leave replicas alone, must keep.
    long applied = System.nanoTime();
    await("the HPA controller scaling the API to minReplicas")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(() -> assertThat(deploymentReplicas(api)).isEqualTo("2"));
    report(
        "HPA scaled the API to its minimum %d s after the change",
        Duration.ofNanos(System.nanoTime() - applied).toSeconds());
    gameDay.awaitReadyForCurrentGeneration(Duration.ofMinutes(4));
    assertThat(gameDay.readyApiPods()).hasSize(2);
    assertThat(
            cluster
                .client()
                .autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inNamespace(NAMESPACE)
                .withName(api)
                .get()
                .getSpec()
                .getMinReplicas())
        .isEqualTo(2);
    Thread.sleep(20_000);
    assertThat(deploymentReplicas(api)).as("replicas 20 s later (the HPA's)").isEqualTo("2");

    patchPipeline("{\"spec\":{\"api\":{\"autoscaling\":null}}}");
    await("the operator owning replicas again")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              assertThat(deploymentReplicas(api)).isEqualTo(replicas);
              assertThat(
                      cluster
                          .client()
                          .autoscaling()
                          .v2()
                          .horizontalPodAutoscalers()
                          .inNamespace(NAMESPACE)
                          .list()
                          .getItems())
                  .isEmpty();
            });
    gameDay.awaitReadyForCurrentGeneration(Duration.ofMinutes(4));
    assertExact("autoscaling on and off");
  }

  private static String deploymentReplicas(String deployment) {
    return cluster
        .kubectl(
            "-n", NAMESPACE, "get", "deployment", deployment, "-o", "jsonpath={.spec.replicas}")
        .strip();
  }

  @Test
  @Order(10)
  void aCrashLoopingStreamingJobIsResubmittedWithinItsBudgetThenCrashLoopingDegradedThroughout()
      throws Exception {
    underLoad();
    var before = gameDay.ledgerOfBothQueries();
    String image = gameDay.pipeline().at("/spec/streaming/image").asText();
    // A new restart nonce starts a fresh budget, of two resubmissions for this step.
    patchPipeline(
        "{\"spec\":{\"streaming\":{\"image\":\""
            + CRASH_AT_START
            + "\",\"restartNonce\":\"game-day-crash-loop\",\"restartBudget\":{\"failures\":2}}}}");
    long changed = System.nanoTime();
    gameDay.awaitArgoHealth("Degraded", Duration.ofMinutes(4));
    report(
        "streaming job crashing shown as Degraded after %d s: %s",
        Duration.ofNanos(System.nanoTime() - changed).toSeconds(),
        gameDay.condition("StreamingReady"));
    // From the first crash on, no look says Progressing: Telemetra resubmits the failed run twice
    // (the real Spark operator told never to retry), then leaves it FAILED as CrashLooping.
    List<String> seen = new java.util.ArrayList<>();
    await("the job crash-looping with its budget spent")
        .atMost(Duration.ofMinutes(6))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              String health = gameDay.argoHealth().status();
              String streaming = gameDay.condition("StreamingReady");
              seen.add(health + " | " + streaming);
              return streaming.startsWith("False CrashLooping: ");
            });
    report(
        "crash loop as seen once a second: %d looks, %d s after the change, last: %s",
        seen.size(),
        Duration.ofNanos(System.nanoTime() - changed).toSeconds(),
        seen.get(seen.size() - 1));
    // A driver that crashes at once may be seen RUNNING for a moment; never as mere progress.
    assertThat(seen).noneMatch(look -> look.startsWith("Progressing"));
    assertThat(seen).anyMatch(look -> look.contains("resubmission 2 of at most 2"));
    assertThat(seen.get(seen.size() - 1))
        .startsWith("Degraded | False CrashLooping: ")
        .contains(" is FAILED", "resubmitted 2 times within 30 min");
    assertThat(gameDay.sparkApplication().at("/spec/restartPolicy/type").asText())
        .isEqualTo("Never");

    // The job stays FAILED (no spark-submit under way): the fix resubmits it at once.
    patchPipeline(
        "{\"spec\":{\"streaming\":{\"image\":\""
            + image
            + "\",\"restartBudget\":{\"failures\":5}}}}");
    gameDay.awaitReadyForCurrentGeneration(Duration.ofMinutes(6));
    gameDay.assertResumedFrom(before);
    assertExact("a crash-looping streaming job");
  }

  @Test
  @Order(11)
  void deletedWithRetainAndAppliedAgainThePipelineResumesOnTheSameData() throws Exception {
    underLoad();
    var before = gameDay.ledgerOfBothQueries();
    // The demo pipeline says deletionPolicy: Delete; keep its data this time.
    patchPipeline("{\"spec\":{\"deletionPolicy\":\"Retain\"}}");
    await("the finalizer of Delete removed")
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> gameDay.pipeline().at("/metadata/finalizers").isEmpty());
    cluster.kubectl(
        "-n", NAMESPACE, "delete", "telemetrapipeline", DemoPipeline.NAME, "--timeout=120s");
    await("the pipeline's workloads gone")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(() -> assertThat(gameDay.podNames()).isEmpty());
    assertThat(gameDay.ledgerOfBothQueries()).as("tables kept").isNotEmpty();
    demo.apply();
    gameDay.awaitReadyForCurrentGeneration(Duration.ofMinutes(6));
    gameDay.assertResumedFrom(before);
    assertExact("delete (Retain) and apply again");
  }

  @Test
  @Order(12)
  void deletedWithDeleteThePipelineStopsItsWorkloadsThenItsDataIsGoneForGood() throws Exception {
    underLoad();
    assertThat(gameDay.pipeline().at("/spec/deletionPolicy").asText()).isEqualTo("Delete");
    assertThat(gameDay.topicsOnTheBroker(infra)).isNotEmpty();
    long deleting = System.nanoTime();
    cluster.kubectl(
        "-n", NAMESPACE, "delete", "telemetrapipeline", DemoPipeline.NAME, "--timeout=300s");
    report(
        "deleted (deletionPolicy Delete) in %d s",
        Duration.ofNanos(System.nanoTime() - deleting).toSeconds());
    assertThat(gameDay.podNames()).as("pods of the deleted pipeline").isEmpty();
    assertThat(gameDay.topicsOnTheBroker(infra)).as("topics").isEmpty();
    assertThat(gameDay.tablesInTheDatabase()).as("tables").isEmpty();
    // Nothing of the pipeline is left to write: the topics and tables stay gone.
    Thread.sleep(30_000);
    assertThat(gameDay.topicsOnTheBroker(infra)).as("topics 30 s later").isEmpty();
    assertThat(gameDay.tablesInTheDatabase()).as("tables 30 s later").isEmpty();
  }

  @Test
  @Order(13)
  void checkpointsOnAnS3StoreCarryTheJobAcrossALostDriver() throws Exception {
    // Step 10 deleted the pipeline with its data: this one starts afresh, checkpoints on S3.
    long applied = System.nanoTime();
    demo.applyWithS3Checkpoints(infra.objectStore());
    gameDay.awaitReadyForCurrentGeneration(Duration.ofMinutes(8));
    report(
        "pipeline with s3a:// checkpoints Ready %d s after apply",
        Duration.ofNanos(System.nanoTime() - applied).toSeconds());
    underLoad();
    var before = gameDay.ledgerOfBothQueries();
    List<String> checkpoints =
        infra.objectStore().list(DemoPipeline.CHECKPOINT_BUCKET, "demo/ingest");
    report("checkpoint of the ingest query in S3: %s", checkpoints);
    assertThat(checkpoints).anyMatch(path -> path.endsWith("/offsets"));
    deleteTheDriverPodAndAwaitTheJobResumed(before);
    assertExact("a lost driver with checkpoints on S3");
  }

  @Test
  @Order(14)
  void aSnapshotOnS3TakenAtTheLastStartIsRestoredAndTheBatchesAfterItRunAgainExactly()
      throws Exception {
    // Step 13's driver started on a checkpoint with committed batches: it copied it first.
    JsonNode snapshot =
        await("the snapshot the restarted job took, in the status")
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofSeconds(5))
            .until(
                () -> gameDay.pipeline().at("/status/streaming/snapshots/0"),
                node -> !node.isMissingNode());
    String id = snapshot.path("id").asText();
    List<String> copy =
        infra.objectStore().list(DemoPipeline.CHECKPOINT_BUCKET, "demo/snapshots/" + id);
    report("snapshot %s (%s) in S3: %s", id, snapshot.path("batches").asText(), copy);
    assertThat(copy).anyMatch(path -> path.endsWith("/_COMPLETE"));
    assertThat(copy).anyMatch(path -> path.endsWith("/windows"));

    underLoad();
    var before = gameDay.ledgerOfBothQueries();
    long patched = System.nanoTime();
    patchPipeline("{\"spec\":{\"streaming\":{\"restoreFrom\":\"" + id + "\"}}}");
    gameDay.awaitReadyForCurrentGeneration(Duration.ofMinutes(8));
    await("the job went back to the snapshot")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(5))
        .until(
            () -> {
              for (JsonNode s : gameDay.pipeline().at("/status/streaming/snapshots")) {
                if (id.equals(s.path("id").asText()) && s.hasNonNull("restoredAt")) {
                  return true;
                }
              }
              return false;
            });
    gameDay.assertRestoredOnto(before, Duration.ofSeconds(30));
    report(
        "restored from %s, running on the same checkpoints %d s after the patch: %s",
        id,
        Duration.ofNanos(System.nanoTime() - patched).toSeconds(),
        gameDay.ledgerOfBothQueries());
    assertExact("a restore from a snapshot on S3");
  }

  /** The driver pod deleted; a new one runs and the job resumes from the same checkpoints. */
  private static void deleteTheDriverPodAndAwaitTheJobResumed(
      Map<String, CommitLedger.Progress> before) throws Exception {
    String driver = gameDay.driverPodUid();
    cluster.kubectl("-n", NAMESPACE, "delete", "pod", gameDay.driverPodName(), "--wait=false");
    gameDay.awaitNewDriverRunning(driver, Duration.ofMinutes(6));
    gameDay.awaitReadyForCurrentGeneration(Duration.ofMinutes(6));
    gameDay.assertResumedFrom(before);
  }

  /** The value of {@code name} in the first container of {@code pod}, or null. */
  private static String envOf(Pod pod, String name) {
    return pod.getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .map(io.fabric8.kubernetes.api.model.EnvVar::getValue)
        .findFirst()
        .orElse(null);
  }

  /** kubectl patch --type=merge of the demo pipeline, as a user would change it. */
  private static void patchPipeline(String json) {
    cluster.kubectl(
        "-n",
        NAMESPACE,
        "patch",
        "telemetrapipeline",
        DemoPipeline.NAME,
        "--type=merge",
        "-p",
        json);
  }

  /** The producer sends again (a step disrupts the pipeline under load), for a few batches. */
  private static void underLoad() throws InterruptedException {
    GroundTruthCheck.startProducer(cluster.client());
    gameDay.awaitReadyForCurrentGeneration(Duration.ofMinutes(3));
    Thread.sleep(10_000);
  }

  /** Producer stopped, every table equals the ground truth read back from Kafka. */
  private static void assertExact(String step) {
    GroundTruthCheck.stopProducer(cluster.client());
    long start = System.nanoTime();
    var verdict = exactness.assertTablesEqualGroundTruth(Duration.ofMinutes(5));
    report(
        "exact after %s (%d s to drain and compare): %s",
        step, Duration.ofNanos(System.nanoTime() - start).toSeconds(), verdict.summary());
    assertThat(gameDay.condition("CheckpointReset"))
        .as("the status after " + step)
        .startsWith("False NoCheckpointReset");
    assertThat(gameDay.condition("KafkaDataLoss"))
        .as("the status after " + step)
        .startsWith("False NoKafkaDataLoss");
    // The job committed the last records: once the operator polled Kafka and Postgres again, the
    // status says so (it may have said NoBatchesCommitted during the step).
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(gameDay.condition("DataFlowing"))
                    .as("the status after " + step)
                    .startsWith("True BatchesCommitting"));
  }

  private static void assertRunningAndReady(Pod pod) {
    String name = pod.getMetadata().getName();
    assertThat(pod.getStatus().getPhase()).as(name).isEqualTo("Running");
    assertThat(pod.getStatus().getContainerStatuses())
        .as(name + " containers ready")
        .allSatisfy(c -> assertThat(c.getReady()).isTrue());
  }

  private static String get(HttpClient http, String uri) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(uri))
                .header("Authorization", "Bearer " + demo.apiToken)
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).as(uri).isEqualTo(200);
    return response.body();
  }

  private static void report(String format, Object... args) {
    System.out.println("[cluster] " + String.format(format, args));
  }
}
