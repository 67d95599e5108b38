package io.telemetra.operator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.telemetra.embedded.KafkaBroker;
import io.telemetra.embedded.Postgres;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.config.OperatorSettings;
import io.telemetra.operator.spark.SparkApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark (not a test): N pipelines on one operator, real Kafka and Postgres, mock API server.
 * Prints apply → all owned objects present p50/p95 and the JVM's RSS. Run with {@code ./mvnw -pl
 * operator/operator test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.telemetra.operator.OperatorBenchmark -Dexec.args=100}.
 */
public final class OperatorBenchmark {

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    Path dir = Files.createTempDirectory("telemetra-operator-bench");
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            true);
    server.init();
    try (KafkaBroker kafka = KafkaBroker.onFreePorts(dir.resolve("kafka")).start();
        Postgres postgres = Postgres.onFreePort(dir.resolve("pg")).start();
        KubernetesClient client = server.createClient()) {
      TestingOperator.installSparkCrd(client);
      long rssBefore = rssKb();
      int threads = Integer.getInteger("threads", 10);
      var settings =
          new OperatorSettings(
              java.util.Set.of(), false, "lease", null, -1, threads, Duration.ofMinutes(5));
      try (TelemetraOperator operator = TestingOperator.startOnMockServer(client, settings)) {
        String ns = "bench";
        client.resource(TestingPipelines.postgresSecret(ns, Postgres.USER)).create();
        client.resource(TestingPipelines.apiTokenSecret(ns)).create();
        try (var c = java.sql.DriverManager.getConnection(postgres.jdbcUrl(), Postgres.USER, "")) {
          for (int i = 0; i < count; i++) {
            c.createStatement().execute("CREATE DATABASE p" + i); // one database per pipeline
          }
        }
        Map<String, Long> applied = new HashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
          String name = "p" + i;
          TelemetraPipeline p =
              TestingPipelines.basic(
                  name, ns, kafka.bootstrapServers(), postgres.host(), postgres.port());
          p.getSpec().getKafka().setPartitions(1);
          p.getSpec().getPostgres().setDatabase(name);
          applied.put(name, System.nanoTime());
          client.resource(p).create();
        }
        while (!applied.isEmpty() && System.nanoTime() - start < 600_000_000_000L) {
          for (String name : new ArrayList<>(applied.keySet())) {
            if (allOwnedPresent(client, ns, name)) {
              latencies.add((System.nanoTime() - applied.remove(name)) / 1_000_000);
            }
          }
          Thread.sleep(50);
        }
        long total = (System.nanoTime() - start) / 1_000_000;
        Collections.sort(latencies);
        System.gc();
        System.out.printf(
            "pipelines=%d threads="
                + threads
                + " ready=%d p50=%dms p95=%dms max=%dms total=%dms rssBeforeOperatorMB=%d rssMB=%d heapUsedMB=%d%n",
            count,
            latencies.size(),
            pct(latencies, 50),
            pct(latencies, 95),
            latencies.isEmpty() ? -1 : latencies.get(latencies.size() - 1),
            total,
            rssBefore / 1024,
            rssKb() / 1024,
            (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        // Warm path: change the API image of every (provisioned) pipeline; time until rolled out.
        Map<String, Long> changed = new HashMap<>();
        List<Long> updates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          String name = "p" + i;
          changed.put(name, System.nanoTime());
          client
              .resources(TelemetraPipeline.class)
              .inNamespace(ns)
              .withName(name)
              .patch(
                  PatchContext.of(PatchType.JSON_MERGE),
                  "{\"spec\":{\"api\":{\"image\":\"ghcr.io/telemetra/api:0.1.1\"}}}");
        }
        long updateStart = System.nanoTime();
        while (!changed.isEmpty() && System.nanoTime() - updateStart < 300_000_000_000L) {
          for (String name : new ArrayList<>(changed.keySet())) {
            Deployment d =
                client.resources(Deployment.class).inNamespace(ns).withName(name + "-api").get();
            if (d.getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage()
                .endsWith("0.1.1")) {
              updates.add((System.nanoTime() - changed.remove(name)) / 1_000_000);
            }
          }
          Thread.sleep(50);
        }
        Collections.sort(updates);
        System.out.printf(
            "spec change rolled out: updated=%d p50=%dms p95=%dms max=%dms%n",
            updates.size(),
            pct(updates, 50),
            pct(updates, 95),
            updates.isEmpty() ? -1 : updates.get(updates.size() - 1));
      }
    } finally {
      server.destroy();
    }
    System.exit(0);
  }

  static boolean allOwnedPresent(KubernetesClient c, String ns, String name) {
    return c.resources(ConfigMap.class).inNamespace(ns).withName(name + "-api").get() != null
        && c.resources(Service.class).inNamespace(ns).withName(name + "-api").get() != null
        && c.resources(PodDisruptionBudget.class).inNamespace(ns).withName(name + "-api").get()
            != null
        && c.resources(Deployment.class).inNamespace(ns).withName(name + "-api").get() != null
        && c.resources(SparkApplication.class).inNamespace(ns).withName(name + "-streaming").get()
            != null;
  }

  static long pct(List<Long> sorted, int p) {
    return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
  }

  static long rssKb() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }
}
