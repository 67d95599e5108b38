package io.telemetra.operator.it;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.telemetra.embedded.KafkaBroker;
import io.telemetra.embedded.Postgres;
import io.telemetra.operator.TelemetraOperator;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.spark.SparkApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Benchmark (not a test): the operator at fleet scale on the real kube-apiserver tier. The operator
 * runs as its own process ({@link TelemetraOperator#main}, leader election on), so its RSS, heap
 * and CPU are its own; Kafka (KRaft) and Postgres are real and exist before the run.
 *
 * <ol>
 *   <li>N pipelines are applied at once (each its own topic prefix, database and credentials
 *       Secret); per pipeline: apply → every owned object present (API ConfigMap, Service,
 *       PodDisruptionBudget, Deployment and the SparkApplication, which waits for the topics and
 *       the migrations). p50/p95/max.
 *   <li>The absent controllers are played (Deployments available, SparkApplications RUNNING) until
 *       every pipeline is Ready; then, with this harness idle, the API server's own request
 *       counters ({@code apiserver_request_total}) and the operator's CPU time are read before and
 *       after {@code resyncs} resync periods: requests and CPU per pipeline per resync. Lease
 *       renewals (leader election) are reported apart.
 *   <li>Operator RSS and heap after a full GC ({@code jcmd}; with {@code
 *       -Dbench.operatorJvmArgs=-XX:NativeMemoryTracking=summary} also committed memory by JVM
 *       area).
 *   <li>The pipelines are deleted (deletionPolicy Retain) and applied again at once: the same
 *       measure with the topics and tables already there, i.e. the operator's own path.
 *   <li>Leader failover: a second operator process stands by; the leader is killed (SIGKILL), a new
 *       pipeline is applied at the same moment; time until its owned objects are present.
 * </ol>
 *
 * <p>Arguments: pipelines (100), resync seconds (30), resyncs (5).
 */
public final class FleetBenchmark {

  private static final String NS = "fleet";
  private static final Pattern REQUEST =
      Pattern.compile("^apiserver_request_total\\{([^}]*)} ([0-9.e+]+)$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final KubernetesClient client;
  private final RealApiServer api;
  private final Path dir;
  private final KafkaBroker kafka;
  private final Postgres postgres;

  private FleetBenchmark(RealApiServer api, Path dir, KafkaBroker kafka, Postgres postgres) {
    this.api = api;
    this.client = api.client();
    this.dir = dir;
    this.kafka = kafka;
    this.postgres = postgres;
  }

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int resyncSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int resyncs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Path dir = Files.createTempDirectory("telemetra-fleet-bench");
    RealApiServer api = new RealApiServer();
    api.beforeAll(null);
    try (KafkaBroker kafka = KafkaBroker.onFreePorts(dir.resolve("kafka")).start();
        Postgres postgres = Postgres.onFreePort(dir.resolve("pg")).start()) {
      new FleetBenchmark(api, dir, kafka, postgres).run(count, resyncSeconds, resyncs);
    } finally {
      api.afterAll(null);
      deleteRecursively(dir);
    }
    System.exit(0);
  }

  /** The broker's and the databases' files: gigabytes after a run. */
  static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private void run(int count, int resyncSeconds, int resyncs) throws Exception {
    System.out.printf(
        "fleet benchmark: %d pipelines, resync %d s x %d; load average at start %s%n",
        count, resyncSeconds, resyncs, loadAverage());
    client.namespaces().resource(namespace(NS)).create();
    addServiceAddresses();
    client.resource(secret("api-token", Map.of("token", "bench-token"))).create();
    createDatabases(count);
    for (int i = 0; i < count; i++) {
      client
          .resource(
              secret("p" + i + "-postgres", Map.of("username", Postgres.USER, "password", "x")))
          .create();
    }
    try (OperatorProcess leader = OperatorProcess.start(api, dir, "a", resyncSeconds)) {
      leader.awaitLeading(client, "operator-a", Duration.ofMinutes(2));
      // 1. N pipelines applied at once
      applyAll(count, leader, "new topics and databases");
      System.out.printf("operator after apply: %s%n", leader.memory());

      // 2. steady state
      playControllers(count);
      awaitAllReady(count, leader, Duration.ofMinutes(10));
      Thread.sleep(TimeUnit.SECONDS.toMillis(resyncSeconds)); // every pipeline resynced once
      Map<String, Double> requestsBefore = requests();
      long cpuBefore = leader.cpuMillis();
      long window = TimeUnit.SECONDS.toMillis((long) resyncSeconds * resyncs);
      Thread.sleep(window);
      Map<String, Double> requests = minus(requests(), requestsBefore);
      long cpu = leader.cpuMillis() - cpuBefore;
      double perPipelineResync = (double) count * resyncs;
      double writes = sum(requests, k -> isWrite(k) && !k.contains("leases"));
      double reads = sum(requests, k -> !isWrite(k) && !k.contains("leases"));
      double leases = sum(requests, k -> k.contains("leases"));
      System.out.printf(
          "steady state over %d resyncs of %d s: per pipeline per resync %.2f writes, %.2f reads,"
              + " %.1f ms operator CPU (%.0f ms CPU over %.0f s); lease requests %.0f; load=%s%n",
          resyncs,
          resyncSeconds,
          writes / perPipelineResync,
          reads / perPipelineResync,
          cpu / perPipelineResync,
          (double) cpu,
          window / 1000.0,
          leases,
          loadAverage());
      requests.entrySet().stream()
          .filter(e -> e.getValue() > 0)
          .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
          .forEach(e -> System.out.printf("  %6.0f %s%n", e.getValue(), e.getKey()));

      // 3. memory
      System.out.printf("operator with %d pipelines: %s%n", count, leader.memory());

      // 4. the same pipelines again, on the topics and tables they left (deletionPolicy Retain)
      deleteAll();
      applyAll(count, leader, "topics and tables already there");
      playControllers(count);
      awaitAllReady(count, leader, Duration.ofMinutes(10));

      // 5. leader failover: the leader dies (SIGKILL: a lost node), then its successor is stopped
      // (SIGTERM: a rollout, a drain)
      try (OperatorProcess b = OperatorProcess.start(api, dir, "b", resyncSeconds)) {
        failover(b, "b", count, "killed", leader::kill);
        try (OperatorProcess c = OperatorProcess.start(api, dir, "c", resyncSeconds)) {
          failover(c, "c", count + 1, "stopped", () -> b.terminate(Duration.ofMinutes(1)));
        }
      }
    }
  }

  private interface Stop {
    void run() throws Exception;
  }

  /**
   * Stops the leader with {@code stop} once {@code standby} has synced, applies a new pipeline at
   * that moment, and prints when the standby holds the Lease and when that pipeline has its
   * objects.
   */
  private void failover(OperatorProcess standby, String identity, int index, String how, Stop stop)
      throws Exception {
    standby.awaitStarted(Duration.ofMinutes(2));
    Thread.sleep(5_000); // the standby's informers have synced
    long stopped = System.nanoTime();
    stop.run();
    String name = "p" + index;
    createDatabases(index, index + 1);
    client
        .resource(secret(name + "-postgres", Map.of("username", Postgres.USER, "password", "x")))
        .create();
    Map<String, Long> late = new ConcurrentHashMap<>(Map.of(name, stopped));
    client.resource(pipeline(name)).create();
    long leading = standby.awaitLeading(client, "operator-" + identity, Duration.ofMinutes(2));
    List<Long> failover = awaitOwned(late, Duration.ofMinutes(2));
    System.out.printf(
        "leader failover: leader %s -> standby holds the lease %d ms, a pipeline applied at that"
            + " moment has its objects %s%n",
        how,
        (leading - stopped) / 1_000_000,
        failover.isEmpty() ? "not within 2 min" : failover.get(0) + " ms");
  }

  /**
   * A second ServiceCIDR (10.1.0.0/16) for the pipelines' ClusterIP Services: kube-api-test starts
   * the API server with a /24 (254 addresses) and no controller manager, so the harness marks it
   * Ready as the ServiceCIDR controller would.
   */
  private void addServiceAddresses() {
    var cidrs = client.genericKubernetesResources("networking.k8s.io/v1", "ServiceCIDR");
    var fleet =
        new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
            .withApiVersion("networking.k8s.io/v1")
            .withKind("ServiceCIDR")
            .withNewMetadata()
            .withName("fleet")
            .endMetadata()
            .addToAdditionalProperties("spec", Map.of("cidrs", List.of("10.1.0.0/16")))
            .build();
    cidrs.resource(fleet).create();
    cidrs
        .withName("fleet")
        .editStatus(
            cidr -> {
              cidr.setAdditionalProperty(
                  "status",
                  Map.of(
                      "conditions",
                      List.of(
                          Map.of(
                              "type", "Ready",
                              "status", "True",
                              "reason", "Benchmark",
                              "message", "marked ready by the harness",
                              "lastTransitionTime", java.time.Instant.now().toString()))));
              return cidr;
            });
  }

  /** Applies N pipelines at once and prints apply → all owned objects, and the operator's CPU. */
  private void applyAll(int count, OperatorProcess operator, String what) throws Exception {
    Map<String, Long> applied = new ConcurrentHashMap<>();
    long cpuBefore = operator.cpuMillis();
    Map<String, Long> othersBefore = otherCpu();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      applied.put("p" + i, System.nanoTime());
      client.resource(pipeline("p" + i)).create();
    }
    List<Long> latencies = awaitOwned(applied, Duration.ofMinutes(20));
    long allDone = (System.nanoTime() - start) / 1_000_000;
    System.out.printf(
        "apply %d at once (%s): present=%d p50=%dms p95=%dms max=%dms all=%dms; operator CPU"
            + " %d ms; load=%s%n",
        count,
        what,
        latencies.size(),
        pct(latencies, 50),
        pct(latencies, 95),
        pct(latencies, 100),
        allDone,
        operator.cpuMillis() - cpuBefore,
        loadAverage());
    // What else the 2 cores did meanwhile: the floor under the latencies above.
    Map<String, Long> others = otherCpu();
    System.out.printf(
        "  CPU during that apply (%d ms wall):%s%n",
        allDone,
        others.entrySet().stream()
            .map(
                e -> " " + e.getKey() + " " + (e.getValue() - othersBefore.get(e.getKey())) + " ms")
            .collect(Collectors.joining(",")));
  }

  /**
   * CPU milliseconds so far of the API server, etcd, Postgres and this harness (Kafka runs in it).
   */
  private static Map<String, Long> otherCpu() throws IOException {
    Map<String, Long> cpu =
        new java.util.LinkedHashMap<>(
            ProcessCpu.millisByName(List.of("kube-apiserver", "etcd", "postgres")));
    cpu.put("harness (with Kafka)", ProcessCpu.millisOf(ProcessHandle.current().pid()));
    return cpu;
  }

  /**
   * Deletes the pipelines and, as the absent garbage collector would, what they own; waits until
   * the operator's caches can have seen it.
   */
  private void deleteAll() throws InterruptedException {
    client.resources(TelemetraPipeline.class).inNamespace(NS).delete();
    while (!client.resources(TelemetraPipeline.class).inNamespace(NS).list().getItems().isEmpty()) {
      Thread.sleep(200);
    }
    for (Class<? extends HasMetadata> kind :
        List.of(
            ConfigMap.class,
            Service.class,
            PodDisruptionBudget.class,
            Deployment.class,
            SparkApplication.class)) {
      client.resources(kind).inNamespace(NS).delete();
    }
    while (!pipelinesWithEverything().isEmpty() || !names(Deployment.class, "-api").isEmpty()) {
      Thread.sleep(200);
    }
    Thread.sleep(5_000);
  }

  private void createDatabases(int count) throws Exception {
    createDatabases(0, count);
  }

  private void createDatabases(int from, int to) throws Exception {
    try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), Postgres.USER, "");
        Statement s = c.createStatement()) {
      for (int i = from; i < to; i++) {
        s.execute("CREATE DATABASE p" + i);
      }
    }
  }

  private TelemetraPipeline pipeline(String name) {
    String yaml =
        """
        apiVersion: telemetra.io/v1alpha1
        kind: TelemetraPipeline
        metadata: {name: %s, namespace: %s}
        spec:
          kafka: {bootstrapServers: "%s", topicPrefix: bench.%s, partitions: 1}
          postgres:
            host: %s
            port: %d
            database: %s
            credentialsSecretRef: {name: %s-postgres}
          streaming:
            image: ghcr.io/telemetra/streaming:0.1.0
            checkpointLocation: s3a://checkpoints/%s
          api:
            image: ghcr.io/telemetra/api:0.1.0
            replicas: 2
            authTokenSecretRef: {name: api-token, key: token}
        """
            .formatted(
                name,
                NS,
                kafka.bootstrapServers(),
                name,
                postgres.host(),
                postgres.port(),
                name,
                name,
                name);
    return client.getKubernetesSerialization().unmarshal(yaml, TelemetraPipeline.class);
  }

  /** Waits until every pipeline of {@code applied} has all its owned objects; latencies in ms. */
  private List<Long> awaitOwned(Map<String, Long> applied, Duration patience)
      throws InterruptedException {
    List<Long> latencies = new ArrayList<>();
    long deadline = System.nanoTime() + patience.toNanos();
    long pause = Math.max(100, applied.size()); // five lists of N objects: spare the API server
    while (!applied.isEmpty() && System.nanoTime() < deadline) {
      long now = System.nanoTime();
      Set<String> complete = pipelinesWithEverything();
      for (String name : List.copyOf(applied.keySet())) {
        if (complete.contains(name)) {
          latencies.add((now - applied.remove(name)) / 1_000_000);
        }
      }
      Thread.sleep(pause);
    }
    Collections.sort(latencies);
    return latencies;
  }

  /** Pipelines with every owned object, from one list per kind. */
  private Set<String> pipelinesWithEverything() {
    Set<String> complete = names(ConfigMap.class, "-api");
    complete.retainAll(names(Service.class, "-api"));
    complete.retainAll(names(PodDisruptionBudget.class, "-api"));
    complete.retainAll(names(Deployment.class, "-api"));
    complete.retainAll(names(SparkApplication.class, "-streaming"));
    return complete;
  }

  private <T extends HasMetadata> Set<String> names(Class<T> kind, String suffix) {
    return client.resources(kind).inNamespace(NS).list().getItems().stream()
        .map(o -> o.getMetadata().getName())
        .filter(n -> n.endsWith(suffix))
        .map(n -> n.substring(0, n.length() - suffix.length()))
        .collect(Collectors.toCollection(HashSet::new));
  }

  /** The Deployment controller and the Spark operator, played for every pipeline. */
  private void playControllers(int count) throws InterruptedException {
    ControllerStandIn standIn = new ControllerStandIn(client);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int i = 0; i < count; i++) {
      String name = "p" + i;
      pool.execute(
          () -> {
            standIn.deploymentReady(NS, name + "-api");
            standIn.sparkApplicationState(NS, name + "-streaming", "RUNNING", null);
          });
    }
    pool.shutdown();
    pool.awaitTermination(5, TimeUnit.MINUTES);
  }

  private void awaitAllReady(int count, OperatorProcess operator, Duration patience)
      throws InterruptedException, IOException {
    long deadline = System.nanoTime() + patience.toNanos();
    long ready = 0;
    while (System.nanoTime() < deadline) {
      operator.requireAlive();
      ready =
          client.resources(TelemetraPipeline.class).inNamespace(NS).list().getItems().stream()
              .filter(p -> p.getStatus() != null && p.getStatus().getConditions() != null)
              .filter(
                  p ->
                      p.getStatus().getConditions().stream()
                          .anyMatch(
                              c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
              .count();
      if (ready == count) {
        System.out.printf("all %d pipelines Ready%n", count);
        return;
      }
      Thread.sleep(1000);
    }
    System.out.printf("only %d of %d pipelines Ready%n", ready, count);
  }

  /** apiserver_request_total by "VERB resource[/subresource]". */
  private Map<String, Double> requests() {
    Map<String, Double> counts = new TreeMap<>();
    String metrics = client.raw(client.getMasterUrl().toString().replaceAll("/$", "") + "/metrics");
    for (String line : metrics.split("\n")) {
      Matcher m = REQUEST.matcher(line);
      if (!m.matches()) {
        continue;
      }
      Map<String, String> labels = new HashMap<>();
      Matcher l = LABEL.matcher(m.group(1));
      while (l.find()) {
        labels.put(l.group(1), l.group(2));
      }
      String sub = labels.getOrDefault("subresource", "");
      String key =
          labels.get("verb") + " " + labels.get("resource") + (sub.isEmpty() ? "" : "/" + sub);
      counts.merge(key, Double.parseDouble(m.group(2)), Double::sum);
    }
    return counts;
  }

  private static Map<String, Double> minus(Map<String, Double> after, Map<String, Double> before) {
    Map<String, Double> delta = new TreeMap<>();
    after.forEach((k, v) -> delta.put(k, v - before.getOrDefault(k, 0.0)));
    return delta;
  }

  private static boolean isWrite(String key) {
    String verb = key.substring(0, key.indexOf(' '));
    return !Set.of("GET", "LIST", "WATCH").contains(verb);
  }

  private static double sum(
      Map<String, Double> counts, java.util.function.Predicate<String> which) {
    return counts.entrySet().stream()
        .filter(e -> which.test(e.getKey()))
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }

  private static io.fabric8.kubernetes.api.model.Namespace namespace(String name) {
    return new io.fabric8.kubernetes.api.model.NamespaceBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .build();
  }

  private static io.fabric8.kubernetes.api.model.Secret secret(
      String name, Map<String, String> data) {
    return new io.fabric8.kubernetes.api.model.SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .endMetadata()
        .withStringData(data)
        .build();
  }

  static long pct(List<Long> sorted, int p) {
    return sorted.isEmpty()
        ? -1
        : sorted.get(Math.min(sorted.size() - 1, (sorted.size() * p + 99) / 100 - 1));
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "?";
    }
  }
}
