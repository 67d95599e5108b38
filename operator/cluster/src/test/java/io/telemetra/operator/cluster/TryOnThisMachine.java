package io.telemetra.operator.cluster;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code make cluster}: the operator on a real single-node cluster on this machine, with the demo
 * pipeline applied and Ready; prints the kubeconfig and the dashboard URL, and tears everything
 * down on Ctrl-C ({@code make cluster-down} removes what a killed run left).
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
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("Tearing the cluster down...");
                  infra.close();
                  cluster.close();
                  stopped.countDown();
                }));
    demo.installOperator();
    demo.prepareNamespace();
    demo.apply();
    System.out.println("Pipeline applied; waiting until it is Ready (a few minutes)...");
    demo.awaitReady(900);
    System.out.printf(
        "%nReady.%n  export KUBECONFIG=%s%n  kubectl -n %s get tp,sparkapplication,pods%n"
            + "  Dashboard: %s/#token=%s%nPress Ctrl-C to stop and remove everything.%n",
        cluster.kubeconfig(), DemoPipeline.NAMESPACE, demo.apiBaseUri(), demo.apiToken);
    stopped.await();
  }
}
