package io.telemetra.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** The packaged runner started as users start it ({@code java -jar telemetra-local.jar ...}). */
final class RunnerProcess implements AutoCloseable {

  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Thread reader;

  private RunnerProcess(Process process) {
    this.process = process;
    this.reader =
        new Thread(
            () -> {
              try (var in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                  System.out.println("[runner] " + line);
                }
              } catch (IOException e) {
                // the runner has gone
              }
            },
            "runner-output");
    reader.setDaemon(true);
    reader.start();
  }

  static RunnerProcess start(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    return new RunnerProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  static Path jar() {
    return Path.of(System.getProperty("runner.jar", "target/telemetra-local.jar"));
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  String output() {
    return String.join("\n", lines);
  }

  Optional<String> lineStartingWith(String prefix) {
    return lines.stream().filter(l -> l.startsWith(prefix)).findFirst();
  }

  Process process() {
    return process;
  }

  /** The runner and every process below it, as they are now. */
  List<ProcessHandle> processTree() {
    List<ProcessHandle> all = new ArrayList<>();
    all.add(process.toHandle());
    process.descendants().forEach(all::add);
    return all;
  }

  /** Ctrl-C's equivalent: SIGTERM to the runner; returns how long it took to exit. */
  Duration terminate(Duration atMost) throws InterruptedException {
    long t0 = System.nanoTime();
    // Through the handle: Process.destroy() would also close our end of the runner's output.
    process.toHandle().destroy();
    if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("runner still running " + atMost.toSeconds() + " s after SIGTERM");
    }
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    reader.join(5_000);
    return took;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
