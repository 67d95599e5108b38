package io.telemetra.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A real redis-server (Debian's package) started as a child process on a loopback port. */
public final class RedisServer implements AutoCloseable {

  private static final List<String> CANDIDATES =
      List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server", "/usr/sbin/redis-server");

  private final Path workDir;
  private final int port;
  private ChildProcess process;

  private RedisServer(Path workDir, int port) {
    this.workDir = workDir;
    this.port = port;
  }

  /** The redis-server executable, if installed. */
  public static Optional<Path> executable() {
    return CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst();
  }

  public static RedisServer on(Path workDir, int port) {
    return new RedisServer(workDir, port);
  }

  public static RedisServer onFreePort(Path workDir) {
    return new RedisServer(workDir, Ports.free());
  }

  /** Starts redis-server and waits until it accepts connections. */
  public RedisServer start() {
    Path exe =
        executable()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "redis-server not found: install it with 'apt-get install redis-server'"));
    try {
      Files.createDirectories(workDir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    List<String> command =
        List.of(
            exe.toString(),
            "--port",
            String.valueOf(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            workDir.toString(),
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no");
    process =
        ChildProcess.start(
            "redis-server", command, workDir.resolve("redis.log"), "Ready to accept connections");
    process.awaitReady(Duration.ofSeconds(20));
    return this;
  }

  public void stop() {
    if (process != null) {
      process.stop(Duration.ofSeconds(10));
    }
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    stop();
  }
}
