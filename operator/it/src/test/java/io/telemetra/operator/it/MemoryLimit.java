package io.telemetra.operator.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A memory limit for one process, as a container's: a cgroup v1 memory group ({@code
 * memory.limit_in_bytes}) the process enters before it execs, so the JVM sizes its heap from the
 * limit (as in a pod) and the kernel OOM-kills it past the limit. Needs root and the v1 memory
 * controller at {@code /sys/fs/cgroup/memory} (this machine's layout).
 */
final class MemoryLimit {

  private static final Path ROOT = Path.of("/sys/fs/cgroup/memory");

  private final Path group;

  private MemoryLimit(Path group) {
    this.group = group;
  }

  /** A fresh group named {@code name} limited to {@code bytes}. */
  static MemoryLimit create(String name, long bytes) throws IOException {
    Path group = ROOT.resolve(name);
    if (Files.isDirectory(group)) {
      Files.delete(group);
    }
    Files.createDirectory(group);
    Files.writeString(group.resolve("memory.limit_in_bytes"), String.valueOf(bytes));
    return new MemoryLimit(group);
  }

  /** {@code command}, made to enter this group first (the shell execs it, keeping the pid). */
  List<String> wrap(List<String> command) {
    var wrapped =
        new java.util.ArrayList<>(
            List.of(
                "sh",
                "-c",
                "echo $$ > " + group.resolve("cgroup.procs") + " && exec \"$@\"",
                "sh"));
    wrapped.addAll(command);
    return wrapped;
  }

  /** Peak usage, how often the limit was hit, OOM kills. */
  String usage() throws IOException {
    long peak =
        Long.parseLong(Files.readString(group.resolve("memory.max_usage_in_bytes")).strip());
    long hits = Long.parseLong(Files.readString(group.resolve("memory.failcnt")).strip());
    String oomKills =
        Files.readAllLines(group.resolve("memory.oom_control")).stream()
            .filter(l -> l.startsWith("oom_kill "))
            .map(l -> l.substring("oom_kill ".length()))
            .findFirst()
            .orElse("?");
    return String.format(
        "; cgroup peak %d MB of %d MB, limit hit %d times, OOM kills %s",
        peak >> 20,
        Long.parseLong(Files.readString(group.resolve("memory.limit_in_bytes")).strip()) >> 20,
        hits,
        oomKills);
  }

  /** Removes the group (its process must have ended). */
  void remove() throws IOException {
    Files.deleteIfExists(group);
  }

  /** {@code 512m}, {@code 1g} or bytes. */
  static long parse(String size) {
    String s = size.strip().toLowerCase(java.util.Locale.ROOT);
    long unit =
        switch (s.charAt(s.length() - 1)) {
          case 'k' -> 1L << 10;
          case 'm' -> 1L << 20;
          case 'g' -> 1L << 30;
          default -> 1;
        };
    return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
  }
}
