package io.telemetra.operator.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged operator in its own JVM, as its image runs it ({@code java -jar} on the jar of
 * operator/operator's {@code package} with its runtime libraries), leader election on, logging to a
 * file.
 */
final class OperatorProcess implements AutoCloseable {
  private final Process process;
  private final int healthPort;
  private final Path log;
  private final MemoryLimit memoryLimit;

  private OperatorProcess(Process process, int healthPort, Path log, MemoryLimit memoryLimit) {
    this.process = process;
    this.healthPort = healthPort;
    this.log = log;
    this.memoryLimit = memoryLimit;
  }

  static OperatorProcess start(RealApiServer api, Path dir, String identity, int resyncSeconds)
      throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = dir.resolve("operator-" + identity + ".log");
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    // as in the chart: a 512 MiB limit, MaxRAMPercentage=50, one core or less (serial GC); with
    // -Dbench.operatorMemoryLimit=512m in a memory cgroup of that size, the JVM sizing its heap
    // from it by -XX:MaxRAMPercentage (bench.operatorRamPercentage, 50) as in a pod
    String limit = System.getProperty("bench.operatorMemoryLimit", "").strip();
    MemoryLimit memoryLimit = null;
    if (limit.isEmpty()) {
      command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC"));
    } else {
      memoryLimit = MemoryLimit.create("telemetra-operator-" + identity, MemoryLimit.parse(limit));
      command.add(
          "-XX:MaxRAMPercentage=" + System.getProperty("bench.operatorRamPercentage", "50"));
    }
    String extra = System.getProperty("bench.operatorJvmArgs", "").strip();
    if (!extra.isEmpty()) {
      command.addAll(List.of(extra.replace("{identity}", identity).split("\\s+")));
    }
    command.addAll(List.of("-jar", distribution().toString()));
    ProcessBuilder builder =
        new ProcessBuilder(memoryLimit == null ? command : memoryLimit.wrap(command));
    Map<String, String> env = builder.environment();
    env.put("KUBECONFIG", api.kubeconfig().toString());
    env.put("HOSTNAME", "operator-" + identity);
    env.put("LEADER_ELECTION_ENABLED", "true");
    env.put("LEADER_ELECTION_LEASE_NAMESPACE", "default");
    env.put("HEALTH_PORT", String.valueOf(port));
    env.put("RESYNC_SECONDS", String.valueOf(resyncSeconds));
    env.put("LOG_FORMAT", "text");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    System.out.printf("operator %s: log %s%n", identity, log);
    return new OperatorProcess(builder.start(), port, log, memoryLimit);
  }

  void awaitStarted(Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + healthPort + "/healthz"))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("operator did not start; see " + log);
  }

  /** Waits until {@code identity} holds the lease; returns the moment (nanoTime) it does. */
  long awaitLeading(KubernetesClient client, String identity, Duration patience)
      throws InterruptedException {
    awaitStarted(patience);
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      var lease = client.leases().inNamespace("default").withName("telemetra-operator-lease").get();
      if (lease != null && identity.equals(lease.getSpec().getHolderIdentity())) {
        return System.nanoTime();
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(identity + " never led; see " + log);
  }

  /**
   * The operator as its image runs it: the jar of operator/operator's {@code package}, its runtime
   * libraries in target/lib.
   */
  private static Path distribution() throws IOException {
    Path target = RepoRoot.resolve("operator/operator/target");
    try (var files = Files.list(target)) {
      return files
          .filter(f -> f.getFileName().toString().matches("telemetra-operator-[^-]+.*\\.jar"))
          .filter(f -> !f.getFileName().toString().contains("tests"))
          .findFirst()
          .orElseThrow(
              () -> new IllegalStateException("no operator jar in " + target + "; package it"));
    }
  }

  /** User + system CPU time of the process so far. */
  long cpuMillis() throws IOException {
    return ProcessCpu.millisOf(process.pid());
  }

  /** RSS now, and heap in use after a full GC. */
  String memory() throws IOException, InterruptedException {
    long rssKb = 0;
    for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        rssKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    Path jcmd =
        Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd");
    Process gc =
        new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), "GC.run")
            .redirectErrorStream(true)
            .start();
    gc.getInputStream().readAllBytes();
    gc.waitFor();
    Process heap =
        new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), "GC.heap_info")
            .redirectErrorStream(true)
            .start();
    String info = new String(heap.getInputStream().readAllBytes());
    heap.waitFor();
    Matcher used = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(info);
    long usedKb = 0;
    while (used.find()) {
      usedKb += Long.parseLong(used.group(2));
    }
    return String.format(
        "RSS %d MB, heap used after GC %d MB%s%s%s",
        rssKb / 1024,
        usedKb / 1024,
        memoryLimit == null ? "" : memoryLimit.usage(),
        nativeMemory(jcmd),
        histogram(jcmd));
  }

  /**
   * With {@code -Dbench.histogram=N}: the N classes with the most live bytes (the GC just ran), so
   * a run says where a pipeline's heap goes.
   */
  private String histogram(Path jcmd) throws IOException, InterruptedException {
    int top = Integer.getInteger("bench.histogram", 0);
    if (top <= 0) {
      return "";
    }
    Process histogram =
        new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), "GC.class_histogram")
            .redirectErrorStream(true)
            .start();
    List<String> lines =
        new String(histogram.getInputStream().readAllBytes())
            .lines()
            .skip(1)
            .limit(top + 2)
            .toList();
    histogram.waitFor();
    return System.lineSeparator() + String.join(System.lineSeparator(), lines);
  }

  /** Committed memory by JVM area, when the operator runs with -XX:NativeMemoryTracking. */
  private String nativeMemory(Path jcmd) throws IOException, InterruptedException {
    Process nmt =
        new ProcessBuilder(
                jcmd.toString(), String.valueOf(process.pid()), "VM.native_memory", "summary")
            .redirectErrorStream(true)
            .start();
    String summary = new String(nmt.getInputStream().readAllBytes());
    nmt.waitFor();
    Matcher area =
        Pattern.compile("-\\s+([A-Za-z ]+?) \\(reserved=\\d+KB, committed=(\\d+)KB")
            .matcher(summary);
    StringBuilder areas = new StringBuilder();
    while (area.find()) {
      long mb = Long.parseLong(area.group(2)) / 1024;
      if (mb > 0) {
        areas
            .append(areas.isEmpty() ? "; committed: " : ", ")
            .append(area.group(1))
            .append(' ')
            .append(mb)
            .append(" MB");
      }
    }
    return areas.toString();
  }

  /**
   * Throws when the process has ended (e.g. OOM-killed in its memory cgroup): nothing to wait for.
   */
  void requireAlive() throws IOException {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "operator exited with code "
              + process.exitValue()
              + (memoryLimit == null ? "" : memoryLimit.usage())
              + "; see "
              + log);
    }
  }

  /** SIGKILL: a crashed node or an OOM kill. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM, as the kubelet stops a pod; waits for the process to end. */
  void terminate(Duration patience) throws InterruptedException {
    process.destroy();
    awaitExit(patience);
  }

  /** Waits for the process to end by itself; its exit code. */
  int awaitExit(Duration patience) throws InterruptedException {
    if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("operator still running; see " + log);
    }
    return process.exitValue();
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() throws InterruptedException, IOException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
    }
    if (memoryLimit != null) {
      System.out.printf(
          "operator at exit (exit code %d)%s%n", process.exitValue(), memoryLimit.usage());
      memoryLimit.remove();
    }
  }
}
