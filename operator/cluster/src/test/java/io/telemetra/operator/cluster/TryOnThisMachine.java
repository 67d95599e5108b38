package io.telemetra.operator.cluster;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code make cluster}: the operator on a real single-node cluster on this machine, with the demo
 * pipeline applied and Ready; prints the kubeconfig and the dashboard URL, and tears everything
 * down on Enter ({@code make cluster-down} removes what a killed run left).
 */
public final class TryOnThisMachine {

  private TryOnThisMachine() {}

  public static void main(String[] args) throws Exception {
    Path repo =
        Path.of(System.getProperty("telemetra.repo.root", ".")).toAbsolutePath().normalize();
    Path out = repo.resolve("operator/cluster/target/try");
    String version = System.getProperty("telemetra.version", "0.1.0-SNAPSHOT");
    System.out.println(
        "Bringing up a single-node cluster (first run: builds binaries and images)...");
    LocalCluster cluster = LocalCluster.up(repo, out);
    DemoPipeline demo = new DemoPipeline(cluster, repo, out, version);
    NodeInfrastructure infra =
        NodeInfrastructure.start(out.resolve("infra"), demo.postgresPassword);
    demo.installOperator();
    demo.prepareNamespace();
    demo.apply();
    System.out.println("Pipeline applied; waiting until it is Ready (a few minutes)...");
    demo.awaitReady(900);
    System.out.printf(
        "%nReady.%n  export KUBECONFIG=%s%n  kubectl -n %s get tp,sparkapplication,pods%n"
            + "  Dashboard: %s/#token=%s%n"
            + "Press Enter to stop and remove everything (or run `make cluster-down`).%n",
        cluster.kubeconfig(), DemoPipeline.NAMESPACE, demo.apiBaseUri(), demo.apiToken);
    awaitEnter();
    System.out.println("Tearing the cluster down...");
    infra.close();
    cluster.close();
    System.out.println("Removed.");
  }

  /**
   * Blocks until a line is entered. Not a shutdown hook: helm-java's Go runtime takes over the
   * process's SIGINT and SIGTERM handling, so Ctrl-C never reaches the JVM's hooks (seen with
   * {@code make cluster}). Without a terminal (stdin at its end) it blocks for good and {@code make
   * cluster-down} removes everything.
   */
  private static void awaitEnter() throws IOException, InterruptedException {
    if (System.in.read() < 0) {
      Thread.currentThread().join();
    }
  }
}
