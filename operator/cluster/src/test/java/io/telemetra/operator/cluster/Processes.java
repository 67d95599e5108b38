package io.telemetra.operator.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs commands and reads what processes and cgroups of the node use. */
final class Processes {

  private Processes() {}

  /** Runs a command to completion; its standard output, or an exception with everything it said. */
  static String run(List<String> command, Duration timeout) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] output;
      try (var in = p.getInputStream()) {
        output = in.readAllBytes();
      }
      if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(command + " did not finish in " + timeout);
      }
      String text = new String(output, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " failed (exit " + p.exitValue() + "):\n" + text);
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Memory charged to a cgroup v1 memory hierarchy group (e.g. the kubelet's "kubepods"). */
  static long cgroupMemoryMiB(String group) {
    Path usage = Path.of("/sys/fs/cgroup/memory", group, "memory.usage_in_bytes");
    try {
      return Long.parseLong(Files.readString(usage).trim()) >> 20;
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Resident memory of the process groups whose leaders' ids are in the *.pid files of a directory
   * (node-up starts each part as the leader of its own group).
   */
  static long rssMiB(Path pidDir) {
    try (Stream<Path> files = Files.list(pidDir);
        Stream<Path> procs = Files.list(Path.of("/proc"))) {
      java.util.Set<String> groups =
          files
              .filter(f -> f.toString().endsWith(".pid"))
              .map(Processes::read)
              .collect(java.util.stream.Collectors.toSet());
      return procs
              .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
              .filter(p -> groups.contains(processGroup(p)))
              .mapToLong(Processes::rssKiB)
              .sum()
          >> 10;
    } catch (IOException e) {
      return 0;
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      return "";
    }
  }

  /** The fifth field of /proc/PID/stat (after the parenthesised command, which may hold spaces). */
  private static String processGroup(Path proc) {
    String stat = read(proc.resolve("stat"));
    int end = stat.lastIndexOf(')');
    if (end < 0) {
      return "";
    }
    String[] fields = stat.substring(end + 2).split(" ");
    return fields.length > 2 ? fields[2] : "";
  }

  private static long rssKiB(Path proc) {
    try {
      for (String line : Files.readAllLines(proc.resolve("status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // the process is gone: it uses nothing
    }
    return 0;
  }
}
