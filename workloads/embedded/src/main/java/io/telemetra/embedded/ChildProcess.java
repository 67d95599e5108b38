package io.telemetra.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A supervised child process whose output is copied to a log file, and which is known ready once a
 * given line appears in that output. Stopping sends SIGTERM and waits; killing sends SIGKILL.
 */
public final class ChildProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path logFile;
  private final CompletableFuture<Void> ready = new CompletableFuture<>();

  private ChildProcess(String name, Process process, Path logFile, String readyLine) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
    Thread pump = new Thread(() -> pump(readyLine), name + "-output");
    pump.setDaemon(true);
    pump.start();
    process.onExit().thenRun(() -> ready.completeExceptionally(exitedEarly()));
  }

  /** Starts {@code command}, sending its stdout and stderr to {@code logFile}. */
  public static ChildProcess start(
      String name, List<String> command, Path logFile, String readyLine) {
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      return new ChildProcess(name, process, logFile, readyLine);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + name + ": " + command.get(0), e);
    }
  }

  /** A command line that runs {@code mainClass} in a new JVM of the same Java installation. */
  public static List<String> javaCommand(
      String classpath, List<String> jvmArgs, String mainClass, List<String> args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var command = new java.util.ArrayList<String>();
    command.add(java);
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  private void pump(String readyLine) {
    try (var in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var out = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.write(line);
        out.newLine();
        out.flush();
        if (!ready.isDone() && line.contains(readyLine)) {
          ready.complete(null);
        }
      }
    } catch (IOException e) {
      ready.completeExceptionally(e);
    }
  }

  private IllegalStateException exitedEarly() {
    return new IllegalStateException(
        name + " exited with code " + process.exitValue() + " before it was ready; see " + logFile);
  }

  /** Waits until the ready line appeared; fails fast if the process dies first. */
  public void awaitReady(Duration timeout) {
    try {
      ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          name + " not ready after " + timeout.toSeconds() + " s; see " + logFile, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted waiting for " + name, e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path logFile() {
    return logFile;
  }

  /** SIGTERM, then SIGKILL if it has not exited within {@code grace}. */
  public void stop(Duration grace) {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
  }

  /** SIGKILL, as a crash would; waits until the process is gone. */
  public void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      stop(Duration.ofSeconds(15));
    }
  }
}
