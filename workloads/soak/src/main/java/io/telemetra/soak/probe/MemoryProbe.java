package io.telemetra.soak.probe;

import io.telemetra.soak.report.ProcessMemory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process's memory: its proportional set size summed over the process and its children, from
 * {@code /proc/<pid>/smaps_rollup} (resident memory with shared pages split among the processes
 * sharing them, so PostgreSQL's backends do not each count the shared buffers; for a single process
 * it is its RSS less its share of shared libraries), and for a JVM its heap right after its last
 * garbage collection ({@link HeapAfterGc}).
 */
public final class MemoryProbe implements AutoCloseable {

  private final HeapAfterGc heap = new HeapAfterGc();

  /** The memory of the process tree rooted at {@code pid}, if it still runs. */
  public Optional<ProcessMemory> measure(long pid, boolean jvm) {
    Optional<ProcessHandle> root = ProcessHandle.of(pid);
    if (root.isEmpty() || !root.get().isAlive()) {
      return Optional.empty();
    }
    double rssKb = pssKb(pid);
    for (ProcessHandle child : root.get().descendants().toList()) {
      rssKb += pssKb(child.pid());
    }
    double heapMb = jvm ? heap.megabytes(pid).orElse(Double.NaN) : Double.NaN;
    return Optional.of(new ProcessMemory(pid, heapMb, rssKb / 1024.0));
  }

  private static double pssKb(long pid) {
    try {
      for (String line :
          Files.readAllLines(
              Path.of("/proc", Long.toString(pid), "smaps_rollup"), StandardCharsets.UTF_8)) {
        if (line.startsWith("Pss:")) {
          return Double.parseDouble(line.substring(4).replace("kB", "").strip());
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process just exited
    }
    return 0;
  }

  @Override
  public void close() {
    heap.close();
  }
}
