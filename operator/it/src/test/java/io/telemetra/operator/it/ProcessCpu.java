package io.telemetra.operator.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** CPU time of processes on this machine, from /proc (benchmarks only; Linux). */
final class ProcessCpu {

  private ProcessCpu() {}

  /** User + system CPU time of process {@code pid} so far, in milliseconds. */
  static long millisOf(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
    return ticks * 10; // USER_HZ = 100
  }

  /**
   * CPU milliseconds so far of every process named (by its {@code comm}) as in {@code names},
   * summed per name; processes that end between listing and reading are skipped.
   */
  static Map<String, Long> millisByName(List<String> names) throws IOException {
    Map<String, Long> sums = new LinkedHashMap<>();
    names.forEach(n -> sums.put(n, 0L));
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path p : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String comm = Files.readString(p.resolve("comm")).strip();
          if (sums.containsKey(comm)) {
            sums.merge(comm, millisOf(Long.parseLong(p.getFileName().toString())), Long::sum);
          }
        } catch (IOException | RuntimeException gone) {
          // the process ended
        }
      }
    }
    return sums;
  }
}
