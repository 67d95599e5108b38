package io.telemetra.producer;

import io.telemetra.events.EventType;
import io.telemetra.events.TopicCreator;
import io.telemetra.events.Topics;
import io.telemetra.runtime.DurationText;
import io.telemetra.runtime.KafkaConnection;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The producer's command line: generates synthetic live-stream events and publishes them to Kafka
 * at a steady rate, printing progress, until the count or duration is reached or Ctrl-C.
 */
@Command(
    name = "telemetra-producer",
    mixinStandardHelpOptions = true,
    version = "telemetra-producer 0.1",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Publishes synthetic live-stream events (chat, viewers, transactions, stream status) to"
          + " Kafka.",
      "Options default to the environment variables of docs/configuration.md."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:finished (count or duration reached, or interrupted with Ctrl-C)",
      "1:Kafka refused records",
      "2:invalid options, or Kafka unreachable, or topics missing"
    })
public final class ProducerMain implements Callable<Integer> {

  /** Event time runs this fast when records are sent as fast as possible (--rate 0). */
  static final double FAST_EVENT_TIME_RATE = 1_000_000;

  static final int EXIT_OK = 0;
  static final int EXIT_DELIVERY_FAILED = 1;
  static final int EXIT_UNREACHABLE = 2;

  private static final Map<String, String> ENVIRONMENT_DEFAULTS =
      Map.of(
          "--bootstrap-servers", "KAFKA_BOOTSTRAP_SERVERS",
          "--rate", "PRODUCER_RATE_PER_SEC",
          "--streams", "PRODUCER_STREAMS",
          "--seed", "PRODUCER_SEED",
          "--malformed-fraction", "PRODUCER_MALFORMED_FRACTION",
          "--duration", "PRODUCER_DURATION_SECONDS",
          "--topic-prefix", "TELEMETRA_TOPIC_PREFIX");

  @Option(
      names = "--bootstrap-servers",
      defaultValue = "localhost:9092",
      description =
          "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS; default ${DEFAULT-VALUE})")
  String bootstrapServers;

  @Option(
      names = "--rate",
      defaultValue = "200",
      description =
          "events per second, all types together; 0 = as fast as possible"
              + " (env PRODUCER_RATE_PER_SEC; default ${DEFAULT-VALUE})")
  double rate;

  @Option(
      names = "--streams",
      defaultValue = "8",
      description = "number of simulated streams (env PRODUCER_STREAMS; default ${DEFAULT-VALUE})")
  int streams;

  @Option(
      names = "--duration",
      converter = DurationText.Converter.class,
      description =
          "stop after this long: seconds, or 90s, 5m, 2h, PT1M"
              + " (env PRODUCER_DURATION_SECONDS; default: unbounded)")
  Duration duration;

  @Option(names = "--count", description = "stop after this many records (default: unbounded)")
  Long count;

  @Option(
      names = "--seed",
      description = "same seed, same events (env PRODUCER_SEED; default: random, printed)")
  Long seed;

  @Option(
      names = "--malformed-fraction",
      defaultValue = "0",
      description =
          "fraction of deliberately malformed records, 0..1"
              + " (env PRODUCER_MALFORMED_FRACTION; default ${DEFAULT-VALUE})")
  double malformedFraction;

  @Option(
      names = "--duplicate-fraction",
      defaultValue = "0",
      description = "fraction of records re-sent with the same event_id (default ${DEFAULT-VALUE})")
  double duplicateFraction;

  @Option(
      names = "--out-of-order-fraction",
      defaultValue = "0",
      description = "fraction of records swapped with the next one (default ${DEFAULT-VALUE})")
  double outOfOrderFraction;

  @Option(
      names = "--late-fraction",
      defaultValue = "0",
      description =
          "fraction of records whose ts lies --late-by in the past (default ${DEFAULT-VALUE})")
  double lateFraction;

  @Option(
      names = "--late-by",
      defaultValue = "120s",
      converter = DurationText.Converter.class,
      description = "how late late records are (default ${DEFAULT-VALUE})")
  Duration lateBy;

  @Option(
      names = "--event-time-start",
      description = "event time of the first record, e.g. 2026-11-27T10:00:00Z (default: now)")
  Instant eventTimeStart;

  @Option(
      names = "--topic-prefix",
      defaultValue = Topics.DEFAULT_PREFIX,
      description = "topic prefix (env TELEMETRA_TOPIC_PREFIX; default ${DEFAULT-VALUE})")
  String topicPrefix;

  @Option(
      names = "--create-topics",
      description = "create the five topics first when they are missing")
  boolean createTopics;

  @Option(
      names = "--partitions",
      defaultValue = "3",
      description = "partitions of topics created by --create-topics (default ${DEFAULT-VALUE})")
  int partitions;

  @Option(
      names = "--replication-factor",
      defaultValue = "1",
      description = "replicas of topics created by --create-topics (default ${DEFAULT-VALUE})")
  short replicationFactor;

  @Option(
      names = "--connect-timeout",
      defaultValue = "10s",
      converter = DurationText.Converter.class,
      description = "how long to wait for Kafka to answer at start (default ${DEFAULT-VALUE})")
  Duration connectTimeout;

  @Option(
      names = "--progress-interval",
      defaultValue = "5s",
      converter = DurationText.Converter.class,
      description = "how often to print progress (default ${DEFAULT-VALUE})")
  Duration progressInterval;

  @CommandLine.Spec CommandLine.Model.CommandSpec commandSpec;

  private final Map<String, String> env;
  private boolean handleSignals;
  private volatile boolean stopRequested;
  private final CountDownLatch finished = new CountDownLatch(1);
  private PrintWriter out;
  private PrintWriter err;

  ProducerMain(Map<String, String> env) {
    this.env = env;
  }

  public static void main(String[] args) {
    int code =
        run(
            args,
            System.getenv(),
            new PrintWriter(System.out, true),
            new PrintWriter(System.err, true),
            true);
    System.exit(code);
  }

  /**
   * Runs the command line with the given environment and output; returns the exit code. With {@code
   * handleSignals}, Ctrl-C (SIGINT/SIGTERM) stops production, flushes and prints the summary before
   * the JVM exits.
   */
  static int run(
      String[] args,
      Map<String, String> env,
      PrintWriter out,
      PrintWriter err,
      boolean handleSignals) {
    ProducerMain main = new ProducerMain(env);
    main.handleSignals = handleSignals;
    CommandLine cli = new CommandLine(main);
    cli.setOut(out);
    cli.setErr(err);
    cli.setDefaultValueProvider(
        option -> {
          if (!(option instanceof CommandLine.Model.OptionSpec spec)) {
            return null;
          }
          String variable = ENVIRONMENT_DEFAULTS.get(spec.longestName());
          String value = variable == null ? null : env.get(variable);
          return value == null || value.isBlank() ? null : value.strip();
        });
    return cli.execute(args);
  }

  /** Asks a running producer to stop, flush and print its summary. */
  void requestStop() {
    stopRequested = true;
  }

  @Override
  public Integer call() {
    out = commandSpec.commandLine().getOut();
    err = commandSpec.commandLine().getErr();
    GeneratorSettings settings;
    Topics topics;
    KafkaConnection kafka;
    try {
      topics = new Topics(topicPrefix);
      kafka = KafkaConnection.fromEnvironment(env).withBootstrapServers(bootstrapServers);
      settings = settings();
      if (partitions < 1 || replicationFactor < 1) {
        throw new IllegalArgumentException("--partitions and --replication-factor must be >= 1");
      }
      if (!(rate >= 0) || Double.isInfinite(rate)) {
        throw new IllegalArgumentException(
            "--rate must be 0 (as fast as possible) or a positive number of events per second");
      }
      if (count != null && count < 0) {
        throw new IllegalArgumentException("--count must not be negative");
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(commandSpec.commandLine(), e.getMessage());
    }

    String problem = checkKafka(kafka, topics);
    if (problem != null) {
      err.println(problem);
      err.flush();
      return EXIT_UNREACHABLE;
    }

    out.printf(
        Locale.ROOT,
        "producing to %s (topics %s.*): %d streams, %s, seed %d%s%n",
        bootstrapServers,
        topics.prefix(),
        settings.streams(),
        rate > 0 ? String.format(Locale.ROOT, "%,.0f events/s", rate) : "as fast as possible",
        settings.seed(),
        settings.malformedFraction() > 0
            ? String.format(Locale.ROOT, ", %.1f%% malformed", 100 * settings.malformedFraction())
            : "");
    out.flush();

    Thread hook = handleSignals ? new Thread(this::stopAndWait, "producer-shutdown") : null;
    if (hook != null) {
      Runtime.getRuntime().addShutdownHook(hook);
    }
    try (EventPublisher publisher = new EventPublisher(kafka, topics)) {
      Progress progress = new Progress(publisher);
      EventGenerator generator = new EventGenerator(settings);
      long limit = count == null ? Long.MAX_VALUE : count;
      long startNanos = System.nanoTime();
      long endNanos = duration == null ? Long.MAX_VALUE : startNanos + duration.toNanos();
      long nanosPerRecord = rate > 0 ? (long) (1e9 / rate) : 0;
      long nextProgress = startNanos + progressInterval.toNanos();
      long sent = 0;
      while (sent < limit && !stopRequested && publisher.failed() == 0) {
        long now = System.nanoTime();
        if (now >= endNanos) {
          break;
        }
        if (now >= nextProgress) {
          out.println(progress.line(now - startNanos));
          out.flush();
          nextProgress += progressInterval.toNanos();
        }
        if (nanosPerRecord > 0) {
          long due = startNanos + sent * nanosPerRecord;
          if (due > now) {
            LockSupport.parkNanos(Math.min(due - now, 50_000_000L));
            continue;
          }
        }
        GeneratedRecord record = generator.next();
        publisher.send(record);
        progress.count(record);
        sent++;
      }
      publisher.flush();
      long elapsed = System.nanoTime() - startNanos;
      out.println(progress.summary(elapsed, stopRequested, settings.seed()));
      out.flush();
      if (publisher.failed() > 0) {
        Exception failure = publisher.firstFailure();
        err.println(
            "Kafka refused "
                + publisher.failed()
                + " record(s): "
                + (failure == null ? "unknown error" : oneLine(failure)));
        err.flush();
        return EXIT_DELIVERY_FAILED;
      }
      return EXIT_OK;
    } finally {
      finished.countDown();
      if (hook != null && !stopRequested) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // The JVM is already exiting; the hook is running or will run.
        }
      }
    }
  }

  private GeneratorSettings settings() {
    long actualSeed = seed != null ? seed : new java.security.SecureRandom().nextLong();
    Instant start = eventTimeStart != null ? eventTimeStart : Instant.now();
    return new GeneratorSettings(
        actualSeed,
        streams,
        rate > 0 ? rate : FAST_EVENT_TIME_RATE,
        malformedFraction,
        duplicateFraction,
        outOfOrderFraction,
        lateFraction,
        lateBy,
        start);
  }

  /** Null when Kafka answers and the topics are there (or were created); else one line. */
  private String checkKafka(KafkaConnection kafka, Topics topics) {
    Properties props = kafka.properties();
    int timeoutMs = (int) Math.max(1000, connectTimeout.toMillis());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(timeoutMs));
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(timeoutMs));
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "telemetra-producer-admin");
    String where = "cannot reach Kafka at " + bootstrapServers + ": ";
    try (Admin admin = Admin.create(props)) {
      admin.describeCluster().nodes().get(timeoutMs, TimeUnit.MILLISECONDS);
      if (createTopics) {
        var created =
            TopicCreator.createMissing(
                admin, topics, partitions, replicationFactor, Duration.ofMillis(timeoutMs));
        if (!created.isEmpty()) {
          out.println("created topics " + String.join(", ", created));
        }
      } else {
        Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
        for (String topic : topics.eventTopics()) {
          if (!existing.contains(topic)) {
            return "topic "
                + topic
                + " does not exist at "
                + bootstrapServers
                + ": create it, or pass --create-topics";
          }
        }
      }
      if (!TopicCreator.awaitWritable(admin, topics, Duration.ofSeconds(30))) {
        return "the partitions of "
            + topics.prefix()
            + ".* at "
            + bootstrapServers
            + " have no writable leader after 30 s";
      }
      return null;
    } catch (TimeoutException e) {
      return where + "no answer within " + timeoutMs / 1000.0 + " s";
    } catch (ExecutionException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        return where + "no answer within " + timeoutMs / 1000.0 + " s";
      }
      return where + oneLine(e.getCause() == null ? e : e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return where + "interrupted";
    } catch (RuntimeException e) {
      // Admin.create fails this way on unresolvable or malformed addresses.
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return where + oneLine(e) + (cause != e ? " (" + oneLine(cause) + ")" : "");
    }
  }

  private void stopAndWait() {
    stopRequested = true;
    try {
      finished.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String oneLine(Throwable t) {
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  /** Counts records by type and renders progress and summary lines. */
  private static final class Progress {
    private final EventPublisher publisher;
    private final long[] byType = new long[EventType.values().length];
    private long malformed;
    private long duplicates;
    private long total;
    private long lastTotal;
    private long lastNanos;

    Progress(EventPublisher publisher) {
      this.publisher = publisher;
    }

    void count(GeneratedRecord record) {
      total++;
      byType[record.type().ordinal()]++;
      if (record.malformed()) {
        malformed++;
      }
      if (record.duplicate()) {
        duplicates++;
      }
    }

    String line(long elapsedNanos) {
      double window = (elapsedNanos - lastNanos) / 1e9;
      double recent = window > 0 ? (total - lastTotal) / window : 0;
      lastTotal = total;
      lastNanos = elapsedNanos;
      return String.format(
          Locale.ROOT,
          "[%7.1fs] sent %,d (%,.0f/s) | %s | acked %,d failed %,d",
          elapsedNanos / 1e9,
          total,
          recent,
          totals(),
          publisher.acknowledged(),
          publisher.failed());
    }

    String summary(long elapsedNanos, boolean interrupted, long seed) {
      double seconds = elapsedNanos / 1e9;
      return String.format(
          Locale.ROOT,
          "%s: %,d records in %.1f s (%,.0f/s) | %s | acked %,d failed %,d | seed %d",
          interrupted ? "stopped" : "done",
          total,
          seconds,
          seconds > 0 ? total / seconds : 0,
          totals(),
          publisher.acknowledged(),
          publisher.failed(),
          seed);
    }

    private String totals() {
      StringBuilder s = new StringBuilder();
      for (EventType type : EventType.values()) {
        s.append(type.topicSuffix())
            .append(' ')
            .append(String.format(Locale.ROOT, "%,d", byType[type.ordinal()]))
            .append(' ');
      }
      s.append(
          String.format(Locale.ROOT, "(malformed %,d, duplicates %,d)", malformed, duplicates));
      return s.toString();
    }
  }
}
