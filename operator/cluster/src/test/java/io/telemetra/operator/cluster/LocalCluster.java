package io.telemetra.operator.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real single-node cluster of {@code operator/cluster/bin/node-up}: started once per test
 * class, torn down by {@code node-down} (which leaves nothing behind), with its logs and the pods'
 * logs copied to the test output first.
 */
final class LocalCluster implements AutoCloseable {

  /**
   * For working on the tier: {@code -Dcluster.reuse=true} uses a node that is already up (from
   * node-up with the same TELEMETRA_CLUSTER_DIR) and leaves it up afterwards.
   */
  private static final boolean REUSE = Boolean.getBoolean("cluster.reuse");

  /** The node's address: pods, the host and the API server reach each other on it. */
  static final String NODE_IP = "10.244.0.1";

  private final Path repoRoot;
  private final Path out;
  private final Path dir;
  private final Path kubeconfig;
  private final KubernetesClient client;
  private final Duration startTime;

  private LocalCluster(Path repoRoot, Path out, Path dir, Duration startTime) {
    this.repoRoot = repoRoot;
    this.out = out;
    this.dir = dir;
    this.kubeconfig = dir.resolve("admin.kubeconfig");
    this.startTime = startTime;
    try {
      this.client =
          new KubernetesClientBuilder()
              .withConfig(
                  Config.fromKubeconfig(null, Files.readString(kubeconfig), kubeconfig.toString()))
              .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Brings the node up (building binaries and images when the caches lack them). */
  static LocalCluster up(Path repoRoot, Path out) {
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new IllegalStateException(
          "The real-cluster tier runs as root (containerd, kubelet, iptables): sudo bash .ci/run");
    }
    Path dir =
        Path.of(System.getenv().getOrDefault("TELEMETRA_CLUSTER_DIR", "/var/tmp/telemetra-e2e"));
    long start = System.nanoTime();
    if (!(REUSE && Files.exists(dir.resolve("admin.kubeconfig")))) {
      script(repoRoot, dir, out.resolve("node-up.log"), Duration.ofMinutes(30), "node-down");
      script(repoRoot, dir, out.resolve("node-up.log"), Duration.ofMinutes(30), "node-up");
    }
    return new LocalCluster(repoRoot, out, dir, Duration.ofNanos(System.nanoTime() - start));
  }

  KubernetesClient client() {
    return client;
  }

  Path kubeconfig() {
    return kubeconfig;
  }

  Duration startTime() {
    return startTime;
  }

  /** Restarts node agents (kubelet, containerd, ...) the way an admin would: bin/node-restart. */
  void restart(String... parts) {
    List<String> command = new ArrayList<>();
    command.add(repoRoot.resolve("operator/cluster/bin/node-restart").toString());
    command.addAll(List.of(parts));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("TELEMETRA_CLUSTER_DIR", dir.toString());
    try {
      Process p = pb.redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException("node-restart failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A directory on the node for a hostPath volume; node-down removes it with the cluster. */
  Path volumeDirectory(String name) {
    return dir.resolve("volumes").resolve(name);
  }

  /** Runs the cluster's own kubectl (the one built with it) and returns its output. */
  String kubectl(String... args) {
    List<String> command = new ArrayList<>();
    command.add(kubectlBinary().toString());
    command.add("--kubeconfig=" + kubeconfig);
    command.addAll(List.of(args));
    return Processes.run(command, Duration.ofMinutes(15));
  }

  /** The node's memory in use right now: every process of the cluster and its pods, in MiB. */
  long memoryInUseMiB() {
    return Processes.cgroupMemoryMiB("kubepods") + Processes.rssMiB(dir.resolve("pids"));
  }

  private Path kubectlBinary() {
    return binary("kubectl");
  }

  /** A binary build-binaries made, in its cache ($TELEMETRA_CLUSTER_CACHE/bin). */
  static Path binary(String name) {
    String cache = System.getenv("TELEMETRA_CLUSTER_CACHE");
    Path dir =
        cache != null
            ? Path.of(cache)
            : Path.of(System.getProperty("user.home"), ".cache/telemetra-cluster");
    return dir.resolve("bin").resolve(name);
  }

  @Override
  public void close() {
    client.close();
    try {
      Path logs = out.resolve("logs");
      Files.createDirectories(logs);
      for (String part : List.of("logs", "pod-logs")) {
        Processes.run(
            List.of("cp", "-r", dir.resolve(part).toString(), logs.resolve(part).toString()),
            Duration.ofMinutes(1));
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("could not copy the cluster's logs: " + e.getMessage());
    }
    if (!REUSE) {
      script(repoRoot, dir, out.resolve("node-down.log"), Duration.ofMinutes(5), "node-down");
    }
  }

  private static void script(Path repoRoot, Path dir, Path log, Duration timeout, String name) {
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder pb =
          new ProcessBuilder(repoRoot.resolve("operator/cluster/bin/" + name).toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.environment().put("TELEMETRA_CLUSTER_DIR", dir.toString());
      Process p = pb.start();
      if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(name + " did not finish in " + timeout + "; see " + log);
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            name + " failed (exit " + p.exitValue() + "):\n" + tail(log, 40));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
