package io.telemetra.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The processes a run started, written to {@code <data-dir>/processes} as they start, so that the
 * next run can stop what a killed runner (kill -9, a crash) left behind. A process counts as left
 * behind only if both its pid and its start time match, so a recycled pid is never touched.
 */
public final class Leftovers {

  private final Path file;

  public Leftovers(Path file) {
    this.file = file;
  }

  /** Records the given processes (and the runner's other descendants) as this run's. */
  public synchronized void record(List<Long> extraPids) {
    List<String> lines = new ArrayList<>();
    Stream.concat(
            ProcessHandle.current().descendants(),
            extraPids.stream().map(ProcessHandle::of).flatMap(Optional::stream))
        .distinct()
        .forEach(
            p ->
                p.info()
                    .startInstant()
                    .ifPresent(start -> lines.add(p.pid() + " " + start.toEpochMilli())));
    try {
      Files.write(file, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      // only a convenience for the next run
    }
  }

  /** Stops the recorded processes that still run; returns how many there were. */
  public int stopAll(Duration grace) {
    List<ProcessHandle> alive = new ArrayList<>();
    try {
      if (!Files.isRegularFile(file)) {
        return 0;
      }
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] parts = line.strip().split(" ");
        if (parts.length != 2) {
          continue;
        }
        long pid = Long.parseLong(parts[0]);
        long startMillis = Long.parseLong(parts[1]);
        ProcessHandle.of(pid)
            .filter(ProcessHandle::isAlive)
            .filter(
                p ->
                    p.info()
                        .startInstant()
                        .map(Instant::toEpochMilli)
                        .map(s -> s == startMillis)
                        .orElse(false))
            .ifPresent(alive::add);
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    alive.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + grace.toNanos();
    for (ProcessHandle p : alive) {
      long left = Math.max(0, deadline - System.nanoTime());
      try {
        p.onExit().get(left, java.util.concurrent.TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        p.destroyForcibly();
      }
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // recorded again by this run
    }
    return alive.size();
  }
}
