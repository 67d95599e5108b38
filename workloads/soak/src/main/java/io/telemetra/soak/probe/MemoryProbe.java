package io.telemetra.soak.probe;

import io.telemetra.soak.report.ProcessMemory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A process's memory: its resident set (with its children's, for PostgreSQL's backends) from {@code
 * /proc}, and for a JVM the heap in use from {@code jstat -gc} (survivor, eden and old generation),
 * which needs no agent in the measured process.
 */
public final class MemoryProbe {

  private final Path jstat =
      Path.of(System.getProperty("java.home"), "bin", "jstat").toFile().canExecute()
          ? Path.of(System.getProperty("java.home"), "bin", "jstat")
          : Path.of("jstat");

  /** The memory of the process tree rooted at {@code pid}, if it still runs. */
  public Optional<ProcessMemory> measure(long pid, boolean jvm) {
    Optional<ProcessHandle> root = ProcessHandle.of(pid);
    if (root.isEmpty() || !root.get().isAlive()) {
      return Optional.empty();
    }
    double rssKb = rssKb(pid);
    for (ProcessHandle child : root.get().descendants().toList()) {
      rssKb += rssKb(child.pid());
    }
    double heapMb = jvm ? heapUsedKb(pid) / 1024.0 : Double.NaN;
    return Optional.of(new ProcessMemory(heapMb, rssKb / 1024.0));
  }

  private static double rssKb(long pid) {
    try {
      for (String line :
          Files.readAllLines(
              Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8)) {
        if (line.startsWith("VmRSS:")) {
          return Double.parseDouble(line.substring(6).replace("kB", "").strip());
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process just exited
    }
    return 0;
  }

  /** S0U + S1U + EU + OU of {@code jstat -gc}, in KiB; NaN when jstat cannot attach. */
  double heapUsedKb(long pid) {
    try {
      Process p =
          new ProcessBuilder(jstat.toString(), "-gc", Long.toString(pid))
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        return Double.NaN;
      }
      return parseHeapUsedKb(out);
    } catch (IOException e) {
      return Double.NaN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Double.NaN;
    }
  }

  /** Sums the used columns of {@code jstat -gc} output (a header line and a value line). */
  static double parseHeapUsedKb(String jstatOutput) {
    List<String> lines = jstatOutput.strip().lines().toList();
    if (lines.size() < 2) {
      return Double.NaN;
    }
    String[] names = lines.get(0).strip().split("\\s+");
    String[] values = lines.get(1).strip().split("\\s+");
    double used = 0;
    int found = 0;
    for (int i = 0; i < names.length && i < values.length; i++) {
      if (List.of("S0U", "S1U", "EU", "OU").contains(names[i])) {
        used += Double.parseDouble(values[i].replace(',', '.'));
        found++;
      }
    }
    return found == 4 ? used : Double.NaN;
  }
}
