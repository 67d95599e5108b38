package io.telemetra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The runner's data directory, kept between runs: broker log, Postgres data, Spark checkpoints, the
 * API token and the parts' logs. Only one runner may use a directory at a time.
 */
public final class DataDirectory implements AutoCloseable {

  private final Path root;
  private FileChannel lockChannel;
  private FileLock lock;

  public DataDirectory(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  public Path kafka() {
    return root.resolve("kafka");
  }

  public Path postgres() {
    return root.resolve("postgres");
  }

  public Path redis() {
    return root.resolve("redis");
  }

  public Path checkpoints() {
    return root.resolve("checkpoints");
  }

  public Path logs() {
    return root.resolve("logs");
  }

  public Path log(String part) {
    return logs().resolve(part + ".log");
  }

  public Path tokenFile() {
    return root.resolve("api-token");
  }

  /** Whether this directory holds data of an earlier run. */
  public boolean hasEarlierRun() {
    return Files.isDirectory(postgres()) || Files.isDirectory(kafka());
  }

  /** Creates the directory and takes its lock; fails if another runner holds it. */
  public DataDirectory open() {
    try {
      Files.createDirectories(logs());
      lockChannel =
          FileChannel.open(
              root.resolve("runner.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      lock = lockChannel.tryLock();
      if (lock == null) {
        lockChannel.close();
        throw new IllegalStateException(
            "Another Telemetra local runner is using "
                + root
                + "; stop it first, or choose another directory with --data-dir=<dir>.");
      }
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot use data directory " + root, e);
    }
  }

  @Override
  public void close() {
    try {
      if (lock != null) {
        lock.release();
      }
      if (lockChannel != null) {
        lockChannel.close();
      }
    } catch (IOException e) {
      // the lock goes with the process anyway
    }
  }
}
