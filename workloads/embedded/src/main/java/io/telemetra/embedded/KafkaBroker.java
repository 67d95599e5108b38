package io.telemetra.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real single-node KRaft Kafka broker, run from the Kafka jars in a child JVM. Data survives
 * {@link #stop()} / {@link #start()} on the same directory, so tests can take the broker away and
 * bring it back, or kill it outright.
 */
public final class KafkaBroker implements AutoCloseable {

  private static final String CLASSPATH_RESOURCE = "broker.classpath";

  private final Path dataDir;
  private final String host;
  private final int port;
  private final int controllerPort;
  private KafkaTlsListeners tls;
  private int sslPort;
  private int saslSslPort;
  private ChildProcess process;

  private KafkaBroker(Path dataDir, String host, int port, int controllerPort) {
    this.dataDir = dataDir;
    this.host = host;
    this.port = port;
    this.controllerPort = controllerPort;
  }

  /** A broker on free loopback ports, storing its log in {@code dataDir}; not yet started. */
  public static KafkaBroker onFreePorts(Path dataDir) {
    return new KafkaBroker(dataDir, Ports.LOOPBACK, Ports.free(), Ports.free());
  }

  /** A broker on the given ports; not yet started. */
  public static KafkaBroker on(Path dataDir, int port, int controllerPort) {
    return new KafkaBroker(dataDir, Ports.LOOPBACK, port, controllerPort);
  }

  /**
   * A broker listening on (and advertising) {@code host}, e.g. an address that pods of a local
   * cluster reach; the controller stays on loopback. Not yet started.
   */
  public static KafkaBroker on(Path dataDir, String host, int port, int controllerPort) {
    return new KafkaBroker(dataDir, host, port, controllerPort);
  }

  /**
   * Adds an {@code SSL} listener requiring client certificates and a {@code SASL_SSL} listener
   * (SCRAM-SHA-512) on free loopback ports; before the first {@link #start()}.
   */
  public KafkaBroker withTls(KafkaTlsListeners listeners) {
    this.tls = listeners;
    this.sslPort = Ports.free();
    this.saslSslPort = Ports.free();
    return this;
  }

  /** Starts the broker and waits until it serves requests. */
  public KafkaBroker start() {
    if (process != null && process.isAlive()) {
      return this;
    }
    List<String> command =
        ChildProcess.javaCommand(
            brokerClasspath(),
            List.of(
                "-Xms256m",
                "-Xmx768m",
                "-XX:+UseG1GC",
                "-Dlog4j.configuration=io/telemetra/embedded/kafka-log4j.properties"),
            KafkaBrokerMain.class.getName(),
            arguments());
    process =
        ChildProcess.start(
            "kafka-broker", command, dataDir.resolve("broker.log"), KafkaBrokerMain.READY_LINE);
    process.awaitReady(Duration.ofSeconds(90));
    return this;
  }

  private List<String> arguments() {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                dataDir.toString(), String.valueOf(port), String.valueOf(controllerPort), host));
    if (tls != null) {
      try {
        java.nio.file.Files.createDirectories(dataDir);
        Path listeners = dataDir.resolve("tls-listeners.properties");
        try (var out = java.nio.file.Files.newBufferedWriter(listeners, StandardCharsets.UTF_8)) {
          tls.brokerProperties(host, port, controllerPort, sslPort, saslSslPort)
              .store(out, "TLS listeners");
        }
        Path scram = dataDir.resolve("scram-users.args");
        java.nio.file.Files.write(scram, List.of(tls.scramFormatArguments()));
        args.add(listeners.toString());
        args.add(scram.toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return args;
  }

  /** Stops the broker cleanly (SIGTERM). */
  public void stop() {
    if (process != null) {
      process.stop(Duration.ofSeconds(30));
    }
  }

  /** Kills the broker (SIGKILL), as a crash would. */
  public void kill() {
    if (process != null) {
      process.kill();
    }
  }

  public String bootstrapServers() {
    return host + ":" + port;
  }

  /** The mutual-TLS listener ({@link #withTls}). */
  public String sslBootstrapServers() {
    requireTls();
    return host + ":" + sslPort;
  }

  /** The SASL_SSL (SCRAM-SHA-512) listener ({@link #withTls}). */
  public String saslSslBootstrapServers() {
    requireTls();
    return host + ":" + saslSslPort;
  }

  private void requireTls() {
    if (tls == null) {
      throw new IllegalStateException("this broker has no TLS listeners: call withTls first");
    }
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  public long pid() {
    return process == null ? -1 : process.pid();
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  @Override
  public void close() {
    stop();
  }

  /** The broker's classpath, recorded at build time (the Kafka server jars and their deps). */
  static String brokerClasspath() {
    try (InputStream in = KafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "broker.classpath missing: build workloads/embedded with Maven first");
      }
      String deps = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      String own =
          Path.of(KafkaBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .toString();
      return own + java.io.File.pathSeparator + deps;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
