package io.telemetra.local;

import io.telemetra.runtime.DurationText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar telemetra-local.jar}: the whole Telemetra pipeline on this machine. */
@Command(
    name = "telemetra-local",
    mixinStandardHelpOptions = true,
    versionProvider = LocalRunnerMain.Version.class,
    sortOptions = false,
    subcommands = SendCommand.class,
    description = {
      "Runs the whole Telemetra pipeline on this machine, no Docker: a KRaft Kafka broker,",
      "PostgreSQL, the streaming job (Spark local mode), the producer and the API with the",
      "dashboard, each in its own process. Ctrl-C stops everything."
    })
public final class LocalRunnerMain implements Callable<Integer> {

  @Option(
      names = "--rate",
      defaultValue = "100",
      description = "Producer events per second, all types together (default ${DEFAULT-VALUE}).")
  int rate;

  @Option(
      names = "--streams",
      defaultValue = "5",
      description = "Number of simulated live streams (default ${DEFAULT-VALUE}).")
  int streams;

  @Option(
      names = "--no-producer",
      negatable = false,
      description = "Do not start the producer: feed your own events to the broker.")
  boolean noProducer;

  @Option(
      names = "--duration",
      converter = DurationText.Converter.class,
      description = "Stop after this long, e.g. 90s, 5m (default: until Ctrl-C).")
  Duration duration;

  @Option(
      names = "--data-dir",
      defaultValue = ".telemetra",
      description =
          "Where the broker log, database, checkpoints, token and logs live; kept between runs (default ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--kafka-port",
      defaultValue = "9092",
      description =
          "Kafka broker port; the controller uses the next one (default ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(
      names = "--postgres-port",
      defaultValue = "15432",
      description = "PostgreSQL port (default ${DEFAULT-VALUE}).")
  int postgresPort;

  @Option(
      names = "--api-port",
      defaultValue = "8080",
      description = "API and dashboard port (default ${DEFAULT-VALUE}).")
  int apiPort;

  @Option(
      names = "--redis-port",
      defaultValue = "16379",
      description =
          "Port of the redis-server the runner starts when no Redis answers on REDIS_HOST:REDIS_PORT (default ${DEFAULT-VALUE}).")
  int redisPort;

  @Option(
      names = "--no-redis",
      description = "Use the API's in-process cache even when Redis is available.")
  boolean noRedis;

  @Option(
      names = "--token",
      description = "API token to use (default: generated once and kept in the data directory).")
  String token;

  @Option(
      names = "--partitions",
      defaultValue = "2",
      description = "Partitions per topic when the runner creates them (default ${DEFAULT-VALUE}).")
  int partitions;

  /** The validated settings these options describe. */
  RunnerSettings settings() {
    return new RunnerSettings(
        rate,
        streams,
        kafkaPort,
        postgresPort,
        apiPort,
        redisPort,
        dataDir,
        Optional.ofNullable(duration),
        !noProducer,
        !noRedis,
        Optional.ofNullable(token),
        partitions);
  }

  @Override
  public Integer call() {
    RunnerSettings settings;
    try {
      settings = settings();
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    return new LocalPipeline(settings, System.getenv(), System.out, System.err).run();
  }

  public static void main(String[] args) {
    System.setOut(
        new java.io.PrintStream(
            new java.io.FileOutputStream(java.io.FileDescriptor.out),
            true,
            java.nio.charset.StandardCharsets.UTF_8));
    int code = new CommandLine(new LocalRunnerMain()).execute(args);
    System.exit(code);
  }

  /** Prints the build's version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"telemetra-local " + PartClasspaths.version()};
    }
  }
}
